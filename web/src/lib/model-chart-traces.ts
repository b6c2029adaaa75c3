// The results chart's traces and split bands, built from the chart data: actuals, the
// one-step-ahead line, the naive overlay, the 80/95 % bands and the forecast, whose hover
// carries both intervals. Pure Plotly objects; model-chart.ts draws and zooms them.
import type { ModelChart } from './api-types.ts';
import { COLOURS, plotlyText } from './chart-base.ts';
import { chartColours } from './theme.ts';
import { plotlyValueFormat } from './value-precision.ts';

export const TRACE_NAMES = {
  actual: 'actual',
  predicted: 'one step ahead (each point sees the real history)',
  naive: 'naive: tomorrow = today (previous actual)',
  lower95: '95 % interval (lower)',
  upper95: '95 % interval',
  lower80: '80 % interval (lower)',
  upper80: '80 % interval',
  forecast: 'forecast (built on its own predictions)',
} as const;

/** One line of the chart; each may carry its own times (the server downsamples each trace). */
export interface Line {
  time: number[];
  values: (number | null)[];
}
export interface Fitted {
  actual: Line;
  predicted: Line;
  naive: Line;
  downsampled: boolean;
}
/** The contract's fitted traces, each with its own times, as the chart's lines. */
export function fittedLines(f: ModelChart['fitted']): Fitted {
  return { actual: f.actual, predicted: f.predicted, naive: f.naive, downsampled: f.downsampled };
}

/** What the traces need to know of the chart's settings. */
export interface TraceOptions {
  target: string;
  /** Decimals values are shown with (value-precision.ts). */
  decimals: number;
}

/**
 * The splits as shaded bands. Their labels sit at different heights (train and test at the
 * top, validation at the bottom) so that narrow bands, on a phone or in the whole-history
 * view, never print "validation" over "test"; test's label ends at the forecast origin, so
 * it stays in view when the chart opens on the recent history.
 */
export function splitShapes(splits: ModelChart['splits'], labelColour: string): Plotly.Shape[] {
  const bands: [keyof ModelChart['splits'], string, string, string][] = [
    ['train', 'train', COLOURS.train, 'top left'],
    ['validation', 'validation', COLOURS.validation, 'bottom left'],
    ['test', 'test', COLOURS.test, 'top right'],
  ];
  return bands
    .filter(([key]) => splits[key])
    .map(([key, text, fillcolor, textposition]) => ({
      type: 'rect',
      xref: 'x',
      yref: 'paper',
      x0: splits[key][0],
      x1: splits[key][1],
      y0: 0,
      y1: 1,
      fillcolor,
      line: { width: 0 },
      layer: 'below',
      label: { text, textposition, font: { size: 11, color: labelColour } },
    }));
}

/**
 * A legend entry that fits a phone: long names break before their parenthesis there
 * (Plotly does not wrap legend text, it cuts it at the chart's edge).
 */
function legendName(name: string, narrow: boolean): string {
  return narrow ? name.replace(' (', '<br>(') : name;
}

export function traces(
  fitted: Fitted,
  forecast: ModelChart['forecast'],
  showNaive: boolean,
  options: TraceOptions,
  narrow: boolean,
): Plotly.Trace[] {
  const value = plotlyValueFormat(options.decimals);
  const line = (
    name: string,
    x: number[],
    y: (number | null)[],
    color: string,
    extra: Partial<Plotly.Trace> = {},
  ): Plotly.Trace => ({
    type: 'scatter',
    mode: 'lines',
    name: legendName(name, narrow),
    x,
    y,
    line: { color, width: 1.4 },
    // The whole name in the hover label (Plotly cuts names at 15 characters by default).
    hoverlabel: { namelength: -1 },
    // Not for the band edges (hoverinfo 'skip'): a template would bring their hover back.
    ...(extra.hoverinfo === 'skip' ? {} : { hovertemplate: `${name}: %{y:${value}}<extra></extra>` }),
    ...extra,
  });
  const band = { hoverinfo: 'skip', legendgroup: 'intervals' } as const;
  // A band is its lower edge, then its upper edge filled down to it ('tonexty'); thin edges
  // in the band's colour keep it visible where it is narrow.
  const bandPair = (
    lowerName: string,
    upperName: string,
    lower: number[],
    upper: number[],
    fill: string,
    edge: string,
  ) => [
    line(lowerName, forecast.time, lower, edge, {
      ...band,
      line: { width: 0.8, color: edge },
      showlegend: false,
    }),
    line(upperName, forecast.time, upper, edge, {
      ...band,
      line: { width: 0.8, color: edge },
      fill: 'tonexty',
      fillcolor: fill,
    }),
  ];
  // The forecast's hover carries both intervals, so one hover reads the whole forecast.
  const bounds = forecast.time.map((_, i) => [
    forecast.lower80[i],
    forecast.upper80[i],
    forecast.lower95[i],
    forecast.upper95[i],
  ]);
  return [
    // The actuals in the theme's ink: dark on a light page, light on a dark one.
    line(TRACE_NAMES.actual, fitted.actual.time, fitted.actual.values, chartColours().ink, {
      hovertemplate: `actual ${plotlyText(options.target)}: %{y:${value}}<extra></extra>`,
    }),
    line(TRACE_NAMES.predicted, fitted.predicted.time, fitted.predicted.values, COLOURS.predicted),
    line(TRACE_NAMES.naive, fitted.naive.time, fitted.naive.values, COLOURS.naive, {
      visible: showNaive,
      line: { color: COLOURS.naive, width: 1.2, dash: 'dot' },
    }),
    ...bandPair(
      TRACE_NAMES.lower95,
      TRACE_NAMES.upper95,
      forecast.lower95,
      forecast.upper95,
      COLOURS.band95,
      COLOURS.band95Edge,
    ),
    ...bandPair(
      TRACE_NAMES.lower80,
      TRACE_NAMES.upper80,
      forecast.lower80,
      forecast.upper80,
      COLOURS.band80,
      COLOURS.band80Edge,
    ),
    line(TRACE_NAMES.forecast, forecast.time, forecast.forecast, COLOURS.forecast, {
      mode: 'lines+markers',
      marker: { size: 6 },
      line: { color: COLOURS.forecast, width: 2.5 },
      customdata: bounds,
      hovertemplate:
        // Short lines, so the label fits beside a point on a phone.
        `${TRACE_NAMES.forecast}<br>value: %{y:${value}}` +
        `<br>80 % interval: %{customdata[0]:${value}} – %{customdata[1]:${value}}` +
        `<br>95 % interval: %{customdata[2]:${value}} – %{customdata[3]:${value}}<extra></extra>`,
    }),
  ];
}
