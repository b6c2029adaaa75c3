// Entry of example.html: the yesterday/today → tomorrow unit with live sliders (every
// number from GET /api/example, the engine), its predictions on a short series, and the
// vanishing/exploding gradient panel.
import { errorMessage, getJson } from './lib/api.ts';
import type { ExampleResult } from './lib/api-types.ts';
import { byId, showStatus } from './lib/dom.ts';
import { attachGradientPanel } from './lib/gradient-panel.ts';
import { showExampleSeries } from './lib/example-series-chart.ts';
import { trimmed } from './lib/format.ts';
import { createNetworkDiagram } from './lib/network-diagram.ts';

const yesterday = byId<HTMLInputElement>('yesterday');
const today = byId<HTMLInputElement>('today');
const status = byId('example-status');
const diagram = createNetworkDiagram(byId('diagram'));
const f = (v: number | undefined) => {
  const s = trimmed(v);
  return s.startsWith('-') ? `(${s.replace('-', '−')})` : s;
};

function showWork(r: ExampleResult): void {
  const { w1, w2, b1, w3, b2 } = r.weights;
  const [s1, s2] = r.steps;
  byId('y1-work').textContent =
    `ReLU(yesterday·w1 + b1) = ReLU(${f(s1?.input)}·${f(w1)} + ${f(b1)}) = ReLU(${f(s1?.preActivation)})`;
  byId('y2-work').textContent =
    `ReLU(today·w1 + y1·w2 + b1) = ReLU(${f(s2?.input)}·${f(w1)} + ${f(r.y1)}·${f(w2)} + ${f(b1)}) = ReLU(${f(s2?.preActivation)})`;
  byId('tomorrow-work').textContent = `y2·w3 + b2 = ${f(r.y2)}·${f(w3)} + ${f(b2)}`;
}

let controller: AbortController | undefined;
async function update(): Promise<void> {
  byId('yesterday-value').textContent = trimmed(Number(yesterday.value));
  byId('today-value').textContent = trimmed(Number(today.value));
  controller?.abort(); // only the newest slider position may write the numbers
  controller = new AbortController();
  const inputs = `${yesterday.value},${today.value}`;
  try {
    const r = await getJson<ExampleResult>(
      '/api/example',
      { yesterday: yesterday.value, today: today.value },
      controller.signal,
    );
    for (const [id, v] of [
      ['y1', r.y1],
      ['y2', r.y2],
      ['tomorrow', r.tomorrow],
    ] as const)
      byId(id).textContent = trimmed(v);
    // Which slider values the numbers belong to: tests (and curious people) can check it.
    byId('tomorrow').dataset.inputs = inputs;
    showWork(r);
    diagram.update(r);
    showStatus(status, '');
  } catch (err) {
    if (!(err instanceof DOMException && err.name === 'AbortError'))
      showStatus(status, errorMessage(err), 'error');
  }
}

yesterday.addEventListener('input', () => void update());
today.addEventListener('input', () => void update());
void update();
showExampleSeries(byId('series-chart'), byId('series-summary')).catch((err: unknown) => {
  byId('series-summary').textContent = errorMessage(err);
});
attachGradientPanel(
  byId('gradient-chart'),
  [...document.querySelectorAll<HTMLInputElement>('input[name="w2"]')],
  byId<HTMLInputElement>('clip'),
  byId('gradient-summary'),
);
