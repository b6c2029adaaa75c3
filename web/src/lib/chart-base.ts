// Shared Plotly look and settings, so every chart in the app reads alike and none of them
// asks for a WebGL context by accident (docs/lessons.md #15: browsers cap those per page).
import { chartColours, themedLayout } from './theme.ts';

export const COLOURS = {
  actual: '#1f2937',
  predicted: '#2563eb',
  naive: '#d97706',
  forecast: '#7c3aed',
  // The intervals are what a forecast is read by, so their fills are strong enough to see
  // on a phone, with a thin edge of their own where a band is narrow.
  band80: 'rgba(124, 58, 237, 0.34)',
  band95: 'rgba(124, 58, 237, 0.16)',
  band80Edge: 'rgba(124, 58, 237, 0.55)',
  band95Edge: 'rgba(124, 58, 237, 0.35)',
  train: 'rgba(37, 99, 235, 0.06)',
  validation: 'rgba(217, 119, 6, 0.09)',
  test: 'rgba(22, 163, 74, 0.09)',
  trainLoss: '#2563eb',
  validationLoss: '#dc2626',
} as const;

export const CHART_CONFIG: Plotly.Config = {
  responsive: true,
  displaylogo: false,
  modeBarButtonsToRemove: ['select2d', 'lasso2d'],
};

/**
 * The colour of the actuals: near-black ink in the light theme, light ink in the dark one,
 * where COLOURS.actual would vanish into the background.
 */
export function actualColour(): string {
  return chartColours().ink;
}

/**
 * A layout with the app's margins and fonts, in the page's light or dark theme (theme.ts);
 * uirevision keeps zoom across Plotly.react.
 */
export function baseLayout(overrides: Plotly.Layout = {}): Plotly.Layout {
  return themedLayout({
    margin: { l: 60, r: 20, t: 30, b: 40 },
    font: { family: 'system-ui, sans-serif', size: 12 },
    paper_bgcolor: 'rgba(0,0,0,0)',
    hovermode: 'x unified',
    legend: { orientation: 'h', y: -0.2 },
    uirevision: 'keep',
    ...overrides,
  });
}

/** The name of the forecast-start shape, by which tests and relayout handlers find it. */
export const FORECAST_START_SHAPE = 'forecast-start';

/**
 * A dashed vertical line at the forecast origin (the last actual), labelled along itself:
 * upright text takes no width, so it fits a phone's narrow forecast region and never runs
 * into the split labels at the top. Read bottom to top from the foot of the line (anchors
 * are in the text's own, rotated frame).
 *
 * @example
 * baseLayout({ shapes: [forecastStartShape(lastActualTime, COLOURS.forecast)] });
 */
export function forecastStartShape(origin: number | string, colour: string, width = 1.5): Plotly.Shape {
  return {
    type: 'line',
    name: FORECAST_START_SHAPE,
    xref: 'x',
    yref: 'paper',
    x0: origin,
    x1: origin,
    y0: 0,
    y1: 1,
    line: { color: colour, width, dash: 'dash' },
    layer: 'above',
    label: {
      text: 'forecast starts',
      textposition: 'start',
      textangle: -90,
      xanchor: 'left',
      font: { size: 11, color: colour },
    },
  };
}

/**
 * Draws through plot() between two performance marks and records the measure `name`
 * (read by bench/web-page.ts). A thunk, so the mark precedes Plotly's synchronous work.
 */
export async function markRender(
  name: string,
  plot: () => Promise<Plotly.PlotlyHTMLElement>,
): Promise<Plotly.PlotlyHTMLElement> {
  performance.mark(`${name}:start`);
  const div = await plot();
  performance.mark(`${name}:end`);
  performance.measure(name, `${name}:start`, `${name}:end`);
  return div;
}

/**
 * Text for Plotly labels (trace names, axis titles). Plotly reads labels as its own small
 * HTML dialect, so a column named "<b>x" would be bold and "<img …>" would vanish; entities
 * make it show exactly as written.
 */
export function plotlyText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
