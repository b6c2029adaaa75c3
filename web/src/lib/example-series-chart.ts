// The worked example on a short series of low/medium/high prices: each prediction is
// "tomorrow" from the two days before it (predicted[i] forecasts prices[i + 2]). The chart
// follows the light or dark theme, and its caption says in words what it shows.
import { getJson } from './api.ts';
import type { ExampleSeries } from './api-types.ts';
import { baseLayout, CHART_CONFIG, COLOURS } from './chart-base.ts';
import { trimmed } from './format.ts';
import { chartColours, onColourSchemeChange, themedLayout } from './theme.ts';

/** The chart in words: how many days, how many predictions, how close they come. */
export function describeExampleSeries(s: ExampleSeries): string {
  const errors = s.predicted.map((p, i) => Math.abs(p - (s.prices[i + 2] ?? Number.NaN)));
  const exact = errors.filter((e) => e < 0.05).length;
  const worst = Math.max(...errors.filter(Number.isFinite));
  return (
    `${s.prices.length} days of scaled prices (${s.labels.join(', ')} = 0, 0.5, 1) and ` +
    `${s.predicted.length} predictions, each of a day from the two before it: ` +
    `${exact} of ${s.predicted.length} land within 0.05 of the actual price` +
    (Number.isFinite(worst) ? `; the furthest is ${trimmed(worst)} off.` : '.')
  );
}

export async function showExampleSeries(div: HTMLElement, caption: HTMLElement): Promise<void> {
  const s = await getJson<ExampleSeries>('/api/example/series');
  const days = s.prices.map((_, i) => i + 1);
  const draw = () => {
    const colours = chartColours();
    const traces: Plotly.Trace[] = [
      {
        type: 'scatter',
        mode: 'lines+markers',
        name: 'actual price (scaled)',
        x: days,
        y: s.prices,
        // The actuals are drawn in ink: near-black on the light page, near-white on the dark.
        line: { color: colours.dark ? colours.ink : COLOURS.actual },
        marker: { size: 7 },
      },
      {
        type: 'scatter',
        mode: 'markers',
        name: 'predicted tomorrow (from the two days before)',
        x: s.predicted.map((_, i) => i + 3),
        y: s.predicted,
        marker: { color: colours.dark ? '#60a5fa' : COLOURS.predicted, size: 10, symbol: 'diamond' },
      },
    ];
    return Plotly.react(
      div,
      traces,
      themedLayout(
        baseLayout({
          // Every day's tick where there is room; every other day's on a phone, unrotated.
          xaxis: { title: { text: 'day' }, dtick: div.clientWidth < 560 ? 2 : 1 },
          yaxis: {
            tickvals: [0, 0.5, 1],
            ticktext: s.labels.map((l, i) => `${l} (${[0, 0.5, 1][i] ?? ''})`),
            range: [-0.1, 1.2],
          },
          legend: { orientation: 'h', y: 1.18 },
          hovermode: 'closest',
          margin: { l: 100, r: 20, t: 30, b: 45 },
        }),
      ),
      CHART_CONFIG,
    );
  };
  await draw();
  caption.textContent = describeExampleSeries(s);
  onColourSchemeChange(() => void draw());
}
