// Vanishing and exploding gradients on the worked example's unit unrolled over 50 steps:
// the engine's ‖∂L/∂h_t‖ per step on a log axis for a chosen feedback weight, and, with
// clipping on, the clipped norms drawn over the unclipped ones.
import { errorMessage, getJson } from './api.ts';
import type { ExampleGradients } from './api-types.ts';
import { baseLayout, CHART_CONFIG } from './chart-base.ts';
import { metric } from './format.ts';
import { onColourSchemeChange } from './theme.ts';

const STEPS = 50;
const CLIP_NORM = 1;

// A log axis shows only positive norms; one that overflowed arrives as null (JSON has no Infinity).
const positive = (values: (number | null)[]) =>
  values.map((v) => (v !== null && v > 0 && Number.isFinite(v) ? v : null));

export function attachGradientPanel(
  div: HTMLElement,
  radios: HTMLInputElement[],
  clip: HTMLInputElement,
  summary: HTMLElement,
): void {
  let plotted = false;
  let seq = 0;
  const load = async () => {
    const mine = ++seq;
    const w2 = Number(radios.find((r) => r.checked)?.value ?? 0.5);
    const clipped = clip.checked;
    try {
      const raw = await getJson<ExampleGradients>('/api/example/gradients', { w2, steps: STEPS });
      const withClip = clipped
        ? await getJson<ExampleGradients>('/api/example/gradients', { w2, steps: STEPS, clip: CLIP_NORM })
        : null;
      if (mine !== seq) return; // a newer choice is already on its way
      const x = raw.gradNorms.map((_, t) => t);
      const traces: Plotly.Trace[] = [
        {
          type: 'scatter',
          mode: 'lines+markers',
          name: clipped ? 'without clipping' : `‖∂L/∂h_t‖, w2 = ${w2}`,
          x,
          y: positive(raw.gradNorms),
          line: { color: '#2563eb', dash: clipped ? 'dot' : 'solid' },
          marker: { size: 4 },
        },
      ];
      if (withClip)
        traces.push({
          type: 'scatter',
          mode: 'lines+markers',
          name: `clipped to global norm ${CLIP_NORM}`,
          x,
          y: positive(withClip.gradNorms),
          line: { color: '#dc2626' },
          marker: { size: 4 },
        });
      const layout = baseLayout({
        // A phone's chart is too narrow for the long title.
        xaxis: {
          title: {
            text:
              div.clientWidth < 560
                ? 'step t (0 = oldest)'
                : 'step t (0 = oldest input; the loss is at the last step)',
          },
        },
        yaxis: { title: { text: '‖∂L/∂h_t‖ (log)' }, type: 'log', exponentformat: 'power' },
        legend: { orientation: 'h', y: 1.15 },
        hovermode: 'closest',
        uirevision: 'gradients',
      });
      if (plotted) await Plotly.react(div, traces, layout, CHART_CONFIG);
      else {
        await Plotly.newPlot(div, traces, layout, CHART_CONFIG);
        plotted = true;
      }
      const first = raw.gradNorms[0] ?? NaN,
        last = raw.gradNorms[raw.gradNorms.length - 1] ?? NaN;
      const trend =
        w2 < 1
          ? 'vanishes: the oldest steps barely learn'
          : w2 > 1
            ? 'explodes: one update could wreck the weights'
            : 'stays level';
      summary.textContent =
        `w2 = ${w2}: the gradient goes from ${metric(last)} at the last step to ${metric(first)} at step 0 — it ${trend}. ` +
        `Parameter gradient norm ${metric(raw.parameterGradNorm)}.` +
        (withClip
          ? ` Clipping to ${CLIP_NORM} scales every gradient by ${metric(withClip.clipScale)}${withClip.clipScale === 1 ? ' (the norm is already below the limit, so nothing changes)' : ': the size is capped, the direction kept'}. Every step is scaled alike, so clipping tames an explosion but cannot revive a vanishing gradient.`
          : '');
    } catch (err) {
      summary.textContent = errorMessage(err);
    }
  };
  for (const r of radios) r.addEventListener('change', () => void load());
  clip.addEventListener('change', () => void load());
  onColourSchemeChange(() => void load());
  void load();
}
