// The results chart of a model: actuals, the one-step-ahead fitted line (each point sees the
// real history), the h-step forecast (built on its own predictions) with 80/95 % bands, the
// splits as labelled shaded bands, and an optional naive overlay. Every trace says what made
// it (docs/lessons.md #8). It opens on the recent history and the forecast, with a "forecast
// starts" marker, because the forecast is what the analyst came for; the y-axis follows what
// is visible; zooming fetches the fitted arrays at full detail for that range.
import { getJson } from './api.ts';
import { fittedLines, splitShapes, traces } from './model-chart-traces.ts';
import type { Fitted, Line, TraceOptions } from './model-chart-traces.ts';
import type { ModelChart } from './api-types.ts';
import {
  baseLayout,
  CHART_CONFIG,
  COLOURS,
  forecastStartShape,
  markRender,
  plotlyText,
} from './chart-base.ts';
import { fitYRange, recentRange } from './chart-window.ts';
import { chartColours, onColourSchemeChange } from './theme.ts';
import type { VisibleLine } from './chart-window.ts';
import { onZoom, relayoutRange, spliceLineDetail } from './zoom-detail.ts';
import type { TimeRange } from './zoom-detail.ts';

function spliceLine(overview: Line, detail: Line, range: TimeRange): Line {
  return spliceLineDetail(
    { time: overview.time, values: overview.values as number[] },
    { time: detail.time, values: detail.values as number[] },
    range,
  );
}

export interface ModelChartView {
  setNaive(visible: boolean): Promise<void>;
  /** Back to the opening view: the recent history and the forecast. */
  zoomRecent(): Promise<void>;
  /** Zooms to the test split and the forecast after it (detail is fetched as for a manual zoom). */
  zoomTest(): Promise<void>;
  zoomAll(): Promise<void>;
}

export interface ModelChartOptions extends TraceOptions {
  horizonSteps: number;
  onInfo: (text: string) => void;
}

/** Below this width (px) the chart is laid out for a phone. */
const NARROW_CHART = 560;

/** The overview chart data (~5,000 points per trace); started early so it loads beside the model. */
export function fetchModelChart(modelId: number): Promise<ModelChart> {
  return getJson<ModelChart>(`/api/models/${modelId}/chart`, { points: 5000 });
}

export async function showModelChart(
  div: HTMLElement,
  modelId: number,
  data: Promise<ModelChart>,
  options: ModelChartOptions,
): Promise<ModelChartView> {
  const { onInfo } = options;
  const url = `/api/models/${modelId}/chart`;
  const overview = await data;
  const whole = fittedLines(overview.fitted);
  let fitted = whole;
  let showNaive = false;
  const forecast = overview.forecast;
  const opening = recentRange(whole.actual.time, forecast.time, options.horizonSteps);
  /** The x-range shown (null: everything), kept here so every redraw and y-fit agrees with it. */
  let view: TimeRange | null = opening;

  const visibleLines = (): VisibleLine[] => [
    fitted.actual,
    fitted.predicted,
    ...(showNaive ? [fitted.naive] : []),
    { time: forecast.time, values: forecast.lower95 },
    { time: forecast.time, values: forecast.upper95 },
  ];
  const yAxis = (): Plotly.Axis => {
    const range = view ? fitYRange(visibleLines(), view) : null;
    return range ? { range, autorange: false } : { autorange: true };
  };
  const origin = whole.actual.time.at(-1);
  const marker = origin === undefined ? null : forecastStartShape(origin, COLOURS.forecast);
  /** A phone-width chart: shorter legend lines, tighter margins, one point's hover label at a time. */
  let narrow = div.clientWidth < NARROW_CHART;
  const layout = (): Plotly.Layout =>
    baseLayout({
      xaxis: {
        type: 'date',
        // The slider keeps showing the whole series at its own height, whatever the y-axis above it fits.
        rangeslider: { visible: true, thickness: 0.07, yaxis: { rangemode: 'auto' } },
        ...(view ? { range: view, autorange: false } : { autorange: true }),
      },
      yaxis: { title: { text: plotlyText(options.target) }, ...yAxis() },
      shapes: [...splitShapes(overview.splits, chartColours().muted), ...(marker ? [marker] : [])],
      // Above the plot: below it the legend would sit on the range slider.
      legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom' },
      hoverlabel: { namelength: -1, ...(narrow ? { font: { size: 11 } } : {}) },
      // On a phone one point's label fits; all the lines' labels at once run off the screen.
      ...(narrow ? { hovermode: 'closest' } : {}),
      margin: narrow ? { l: 48, r: 12, t: 30, b: 30 } : { l: 60, r: 20, t: 30, b: 30 },
    });
  const draw = () =>
    Plotly.react(div, traces(fitted, forecast, showNaive, options, narrow), layout(), CHART_CONFIG);
  const plot = await markRender('model-chart', () =>
    Plotly.newPlot(div, traces(fitted, forecast, showNaive, options, narrow), layout(), CHART_CONFIG),
  );
  const points = (f: Fitted, range: TimeRange | null) => {
    const count = f.actual.time.length.toLocaleString('en-US');
    if (range === null)
      return `${count} actual points shown${f.downsampled ? ' (downsampled; zoom for full detail)' : ''}.`;
    return `${count} actual points in the zoomed range${f.downsampled ? ' (downsampled; zoom further for full detail)' : ' (full detail)'}. Double-click, drag the range slider or choose “Whole series” to see all of the history.`;
  };

  /** Fits the y-axis to what is visible now, without waiting for the detail request. */
  const fitY = () => {
    const { range } = yAxis();
    return Plotly.relayout(div, range ? { 'yaxis.range': range } : { 'yaxis.autorange': true });
  };
  plot.on('plotly_relayout', (update) => {
    const range = relayoutRange(update);
    if (range === null) return; // a y-only change (ours included): nothing to refit
    view = range === 'reset' ? null : range;
    void fitY();
  });

  const loadRange = async (range: TimeRange | null, signal?: AbortSignal) => {
    if (range === null) {
      fitted = whole;
      onInfo(points(whole, null));
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
      onInfo(points(detail, range));
    }
    await draw();
  };
  onZoom(plot, loadRange);
  onColourSchemeChange(() => void draw());
  // A phone turned sideways (or a window resized) crosses the narrow width: lay out again.
  window.addEventListener('resize', () => {
    const now = div.clientWidth < NARROW_CHART;
    if (now === narrow) return;
    narrow = now;
    void draw();
  });
  onInfo(points(whole, null));
  // The opening view is a zoom like any other: its detail replaces the overview's points there.
  if (opening) await loadRange(opening);

  const show = async (range: TimeRange | null) => {
    view = range;
    await Plotly.relayout(div, range ? { 'xaxis.range': range } : { 'xaxis.autorange': true });
  };
  return {
    async setNaive(visible) {
      showNaive = visible;
      await draw();
    },
    zoomRecent: () => show(opening),
    zoomTest: () => {
      const end = forecast.time.at(-1) ?? overview.splits.test[1];
      const room = opening ? opening[1] - end : 0; // the opening view's half step after the forecast
      return show([overview.splits.test[0], end + room]);
    },
    zoomAll: () => show(null),
  };
}
