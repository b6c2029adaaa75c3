// The comparison chart: one history and each compared model's forecast over it, every
// model in its own colour with its 80 % band, a "forecast starts" line, and a text
// alternative that says what the chart shows (the screen-reader and caption version).
import type { ModelChart } from './api-types.ts';
import {
  actualColour,
  COLOURS,
  CHART_CONFIG,
  baseLayout,
  forecastStartShape,
  markRender,
  plotlyText,
} from './chart-base.ts';
import { dateTime } from './format.ts';
import { formatValue, plotlyValueFormat } from './value-precision.ts';

/** Told apart by colour-blind readers too (Okabe–Ito), and none of them the history's near-black. */
const MODEL_COLOURS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00'];

export interface ComparedForecast {
  /** The model's full name, unique among the compared models: the caption's. */
  label: string;
  /** A shorter one for the legend, which does not wrap on a phone. */
  legend: string;
  forecast: ModelChart['forecast'];
}

export interface CompareChartInput {
  /** "stocks · MSFT · price": the series every model forecasts. */
  seriesName: string;
  history: { time: number[]; values: number[] };
  models: ComparedForecast[];
  decimals: number;
}

const colourOf = (i: number) => MODEL_COLOURS[i % MODEL_COLOURS.length] ?? COLOURS.forecast;

/** A colour as a translucent fill for its band. */
function fill(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/**
 * What the chart shows, in a sentence or three: the series, the last actual value, and each
 * model's forecast range over its horizon.
 *
 * @example
 * compareSummary(input);
 * // 'Forecasts of 2 models for stocks · MSFT · price after the last actual value, 28.76 on 2010-03-01.
 * //  theta (model 3): 3 steps to 2010-06-01, from 28.75 to 28.76. …'
 */
export function compareSummary({ seriesName, history, models, decimals }: CompareChartInput): string {
  const lastTime = history.time[history.time.length - 1];
  const lastValue = history.values[history.values.length - 1];
  const last =
    lastTime === undefined
      ? 'with no history to show'
      : `after the last actual value, ${formatValue(lastValue, decimals)} on ${dateTime(lastTime)}`;
  const each = models.map(({ label, forecast }) => {
    const values = forecast.forecast;
    const end = forecast.time[forecast.time.length - 1];
    if (values.length === 0 || end === undefined) return `${label}: no forecast.`;
    const low = Math.min(...values);
    const high = Math.max(...values);
    const range =
      low === high
        ? `at ${formatValue(low, decimals)}`
        : `from ${formatValue(low, decimals)} to ${formatValue(high, decimals)}`;
    return `${label}: ${values.length} step${values.length === 1 ? '' : 's'} to ${dateTime(end)}, ${range}.`;
  });
  return [`Forecasts of ${models.length} models for ${seriesName} ${last}.`, ...each].join(' ');
}

function traces({ history, models, decimals }: CompareChartInput): Plotly.Trace[] {
  const format = plotlyValueFormat(decimals);
  const out: Plotly.Trace[] = [
    {
      type: 'scatter',
      mode: 'lines',
      name: 'actual',
      x: history.time.map((t) => new Date(t).toISOString()),
      y: history.values,
      line: { color: actualColour(), width: 1.5 },
      hovertemplate: `actual %{y:${format}}<extra></extra>`,
    },
  ];
  models.forEach(({ legend, forecast }, i) => {
    const colour = colourOf(i);
    const x = forecast.time.map((t) => new Date(t).toISOString());
    const name = plotlyText(legend);
    const group = `model-${i}`;
    out.push(
      {
        type: 'scatter',
        mode: 'lines',
        name: `80 % interval (lower) · ${name}`,
        x,
        y: forecast.lower80,
        line: { color: fill(colour, 0.5), width: 0.5 },
        legendgroup: group,
        showlegend: false,
        hoverinfo: 'skip',
      },
      {
        type: 'scatter',
        mode: 'lines',
        name: `80 % interval · ${name}`,
        x,
        y: forecast.upper80,
        fill: 'tonexty',
        fillcolor: fill(colour, 0.14),
        line: { color: fill(colour, 0.5), width: 0.5 },
        legendgroup: group,
        showlegend: false,
        hoverinfo: 'skip',
      },
      {
        type: 'scatter',
        mode: 'lines+markers',
        name: `forecast · ${name}`,
        x,
        y: forecast.forecast,
        line: { color: colour, width: 2.5 },
        marker: { color: colour, size: 6 },
        legendgroup: group,
        customdata: forecast.forecast.map((_, j) => [forecast.lower80[j], forecast.upper80[j]]),
        hovertemplate: `${name} %{y:${format}} (80 %: %{customdata[0]:${format}} to %{customdata[1]:${format}})<extra></extra>`,
      },
    );
  });
  return out;
}

/**
 * Draws the chart into `div` and writes its text alternative into `caption`, the
 * figcaption that names the figure around it. Not an aria-label with role="img" on the
 * chart itself: Plotly's mode bar and legend are controls, which an image may not hold.
 */
export async function showCompareChart(
  div: HTMLElement,
  caption: HTMLElement,
  input: CompareChartInput,
): Promise<void> {
  const summary = compareSummary(input);
  caption.textContent = summary;
  const lastTime = input.history.time[input.history.time.length - 1];
  const start = lastTime === undefined ? undefined : new Date(lastTime).toISOString();
  const layout = baseLayout({
    xaxis: { type: 'date' },
    yaxis: { title: { text: plotlyText(input.seriesName) }, tickformat: plotlyValueFormat(input.decimals) },
    shapes: start === undefined ? [] : [forecastStartShape(start, actualColour(), 1)],
  });
  await markRender('compare-chart', () => Plotly.newPlot(div, traces(input), layout, CHART_CONFIG));
}
