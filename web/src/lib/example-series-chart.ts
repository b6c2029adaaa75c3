// The worked example on a short series of low/medium/high prices: each prediction is
// "tomorrow" from the two days before it (predicted[i] forecasts prices[i + 2]).
import { getJson } from './api.ts';
import type { ExampleSeries } from './api-types.ts';
import { baseLayout, CHART_CONFIG, COLOURS } from './chart-base.ts';

export async function showExampleSeries(div: HTMLElement): Promise<void> {
  const s = await getJson<ExampleSeries>('/api/example/series');
  const days = s.prices.map((_, i) => i + 1);
  const traces: Plotly.Trace[] = [
    {
      type: 'scatter',
      mode: 'lines+markers',
      name: 'actual price (scaled)',
      x: days,
      y: s.prices,
      line: { color: COLOURS.actual },
      marker: { size: 7 },
    },
    {
      type: 'scatter',
      mode: 'markers',
      name: 'predicted tomorrow (from the two days before)',
      x: s.predicted.map((_, i) => i + 3),
      y: s.predicted,
      marker: { color: COLOURS.predicted, size: 10, symbol: 'diamond' },
    },
  ];
  await Plotly.newPlot(
    div,
    traces,
    baseLayout({
      xaxis: { title: { text: 'day' }, dtick: 1 },
      yaxis: {
        tickvals: [0, 0.5, 1],
        ticktext: s.labels.map((l, i) => `${l} (${[0, 0.5, 1][i] ?? ''})`),
        range: [-0.1, 1.2],
      },
      legend: { orientation: 'h', y: 1.18 },
      hovermode: 'closest',
      margin: { l: 100, r: 20, t: 30, b: 45 },
    }),
    CHART_CONFIG,
  );
}
