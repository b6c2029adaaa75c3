// The results chart of a model: actuals, the one-step-ahead fitted line (predictNext, from
// actuals), the h-step forecast (from its own predictions) with 80/95 % bands, the splits
// as labelled shaded bands, and an optional naive overlay. Every trace says what made it
// (docs/lessons.md #8). Zooming fetches the fitted arrays at full detail for that range.
import { getJson } from './api.ts';
import type { ModelChart } from './api-types.ts';
import { baseLayout, CHART_CONFIG, COLOURS, markRender, plotlyText } from './chart-base.ts';
import { onZoom, spliceLineDetail } from './zoom-detail.ts';
import type { TimeRange } from './zoom-detail.ts';

export const TRACE_NAMES = {
  actual: 'actual',
  predicted: 'one-step-ahead from actuals (predictNext)',
  naive: 'naive: tomorrow = today (previous actual)',
  lower95: '95 % interval (lower)',
  upper95: '95 % interval',
  lower80: '80 % interval (lower)',
  upper80: '80 % interval',
  forecast: 'forecast from its own predictions',
} as const;

/** One line of the chart; each may carry its own times (the server downsamples each trace). */
interface Line {
  time: number[];
  values: (number | null)[];
}
interface Fitted {
  actual: Line;
  predicted: Line;
  naive: Line;
  downsampled: boolean;
}
/** The contract's fitted traces, each with its own times, as the chart's lines. */
function fittedLines(f: ModelChart['fitted']): Fitted {
  return { actual: f.actual, predicted: f.predicted, naive: f.naive, downsampled: f.downsampled };
}

function spliceLine(overview: Line, detail: Line, range: TimeRange): Line {
  return spliceLineDetail(
    { time: overview.time, values: overview.values as number[] },
    { time: detail.time, values: detail.values as number[] },
    range,
  );
}

export interface ModelChartView {
  setNaive(visible: boolean): Promise<void>;
  /** Zooms to the test split and the forecast after it (detail is fetched as for a manual zoom). */
  zoomRecent(): Promise<void>;
  zoomAll(): Promise<void>;
}

function splitShapes(splits: ModelChart['splits']): Plotly.Shape[] {
  const bands: [keyof ModelChart['splits'], string, string][] = [
    ['train', 'train', COLOURS.train],
    ['validation', 'validation', COLOURS.validation],
    ['test', 'test', COLOURS.test],
  ];
  return bands
    .filter(([key]) => splits[key])
    .map(([key, text, fillcolor]) => ({
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
      label: { text, textposition: 'top center', font: { size: 12, color: '#4b5563' } },
    }));
}

function traces(
  fitted: Fitted,
  forecast: ModelChart['forecast'],
  h: number,
  showNaive: boolean,
): Plotly.Trace[] {
  const line = (
    name: string,
    x: number[],
    y: (number | null)[],
    color: string,
    extra: Partial<Plotly.Trace> = {},
  ): Plotly.Trace => ({ type: 'scatter', mode: 'lines', name, x, y, line: { color, width: 1.4 }, ...extra });
  const band = { line: { width: 0 }, hoverinfo: 'skip', legendgroup: 'intervals' } as const;
  // A band is its lower edge, then its upper edge filled down to it ('tonexty').
  const bandPair = (
    lowerName: string,
    upperName: string,
    lower: number[],
    upper: number[],
    colour: string,
  ) => [
    line(lowerName, forecast.time, lower, colour, { ...band, showlegend: false }),
    line(upperName, forecast.time, upper, colour, { ...band, fill: 'tonexty', fillcolor: colour }),
  ];
  const steps = `${h} step${h === 1 ? '' : 's'}`;
  return [
    line(TRACE_NAMES.actual, fitted.actual.time, fitted.actual.values, COLOURS.actual),
    line(TRACE_NAMES.predicted, fitted.predicted.time, fitted.predicted.values, COLOURS.predicted),
    line(TRACE_NAMES.naive, fitted.naive.time, fitted.naive.values, COLOURS.naive, {
      visible: showNaive,
      line: { color: COLOURS.naive, width: 1.2, dash: 'dot' },
    }),
    ...bandPair(TRACE_NAMES.lower95, TRACE_NAMES.upper95, forecast.lower95, forecast.upper95, COLOURS.band95),
    ...bandPair(TRACE_NAMES.lower80, TRACE_NAMES.upper80, forecast.lower80, forecast.upper80, COLOURS.band80),
    line(`${TRACE_NAMES.forecast} (${steps})`, forecast.time, forecast.forecast, COLOURS.forecast, {
      mode: 'lines+markers',
      marker: { size: 4 },
      line: { color: COLOURS.forecast, width: 2 },
    }),
  ];
}

/** The overview chart data (~5,000 points per trace); started early so it loads beside the model. */
export function fetchModelChart(modelId: number): Promise<ModelChart> {
  return getJson<ModelChart>(`/api/models/${modelId}/chart`, { points: 5000 });
}

export async function showModelChart(
  div: HTMLElement,
  modelId: number,
  data: Promise<ModelChart>,
  horizonSteps: number,
  target: string,
  onInfo: (text: string) => void,
): Promise<ModelChartView> {
  const url = `/api/models/${modelId}/chart`;
  const overview = await data;
  const whole = fittedLines(overview.fitted);
  let fitted = whole;
  let showNaive = false;
  const layout = baseLayout({
    xaxis: { type: 'date', rangeslider: { visible: true, thickness: 0.07 } },
    yaxis: { title: { text: plotlyText(target) } },
    shapes: splitShapes(overview.splits),
    // Above the plot: below it the legend would sit on the range slider.
    legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom' },
    margin: { l: 60, r: 20, t: 80, b: 30 },
  });
  const draw = () =>
    Plotly.react(div, traces(fitted, overview.forecast, horizonSteps, showNaive), layout, CHART_CONFIG);
  const plot = await markRender('model-chart', () =>
    Plotly.newPlot(div, traces(fitted, overview.forecast, horizonSteps, showNaive), layout, CHART_CONFIG),
  );
  const points = (f: Fitted, zoomed: boolean) =>
    zoomed
      ? `${f.actual.time.length.toLocaleString('en-US')} actual points in the zoomed range${f.downsampled ? ' (downsampled; zoom further for full detail)' : ' (full detail)'}. Double-click to zoom out.`
      : `${f.actual.time.length.toLocaleString('en-US')} actual points shown${f.downsampled ? ' (downsampled; zoom for full detail)' : ''}.`;
  onInfo(points(whole, false));

  onZoom(plot, async (range: TimeRange | null, signal) => {
    if (range === null) {
      fitted = whole;
      onInfo(points(whole, false));
    } else {
      const detail = fittedLines(
        (await getJson<ModelChart>(url, { from: range[0], to: range[1], points: 5000 }, signal)).fitted,
      );
      fitted = {
        actual: spliceLine(whole.actual, detail.actual, range),
        predicted: spliceLine(whole.predicted, detail.predicted, range),
        naive: spliceLine(whole.naive, detail.naive, range),
        downsampled: detail.downsampled,
      };
      onInfo(points(detail, true));
    }
    await draw();
  });

  return {
    async setNaive(visible) {
      showNaive = visible;
      await draw();
    },
    async zoomRecent() {
      const end = overview.forecast.time.at(-1) ?? overview.splits.test[1];
      await Plotly.relayout(div, { 'xaxis.range': [overview.splits.test[0], end] });
    },
    async zoomAll() {
      await Plotly.relayout(div, { 'xaxis.autorange': true });
    },
  };
}
