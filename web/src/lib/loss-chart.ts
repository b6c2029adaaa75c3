// Live loss curves: training and validation loss per epoch on a log axis. Epochs can come
// faster than a chart can redraw (small models do dozens a second), so they are buffered
// and appended with one Plotly.extendTraces per animation frame — the page stays responsive.
// When auto mode fits several candidates in turn (events carry a `stage`), each gets its
// own pair of curves, so a second fit starting again at epoch 1 is drawn, not dropped.
import type { EpochEvent } from './api-types.ts';
import { baseLayout, CHART_CONFIG, COLOURS } from './chart-base.ts';

export interface LossChart {
  /** Adds an epoch; replays (after an SSE reconnect) of epochs already drawn are ignored. */
  add(event: EpochEvent): void;
  points(): number;
}

/** The chart's text alternative: what it shows and where the losses stand now. */
function lossSummary(event: EpochEvent | null): string {
  const base = 'Training and validation loss per epoch (scaled units, log axis)';
  if (event === null) return `${base}: drawn as the network trains.`;
  const loss = (name: string, value: number | null) =>
    value !== null && Number.isFinite(value) ? `, ${name} ${value.toPrecision(3)}` : '';
  const stage = event.stage === undefined ? '' : ` of ${event.stage}`;
  return `${base}. Latest: epoch ${Math.ceil(event.epoch)}${stage}${loss('training', event.trainLoss)}${loss('validation', event.validationLoss)}.`;
}

/**
 * @example
 * const chart = await createLossChart(byId('loss-chart'), byId('loss-summary'));
 * chart.add(epochEvent);
 */
export async function createLossChart(div: HTMLElement, caption?: HTMLElement): Promise<LossChart> {
  if (caption) caption.textContent = lossSummary(null);
  const trainingTrace: Plotly.Trace = {
    type: 'scatter',
    mode: 'lines+markers',
    name: 'training loss',
    x: [],
    y: [],
    line: { color: COLOURS.trainLoss },
    marker: { size: 4 },
  };
  const validationTrace: Plotly.Trace = {
    type: 'scatter',
    mode: 'lines+markers',
    name: 'validation loss',
    x: [],
    y: [],
    line: { color: COLOURS.validationLoss },
    marker: { size: 4 },
  };
  const layout = baseLayout({
    xaxis: { title: { text: 'epoch' }, rangemode: 'tozero', tickformat: 'd' },
    yaxis: { title: { text: 'loss (MSE, scaled)' }, type: 'log', exponentformat: 'power' },
    hovermode: 'x unified',
    legend: { orientation: 'h', y: 1.12 },
    margin: { l: 70, r: 20, t: 40, b: 45 },
  });
  const plot = await Plotly.newPlot(div, [trainingTrace, validationTrace], layout, CHART_CONFIG);
  const lastEpoch = new Map<string, number>();
  /** Stage → index of its training-loss trace (validation is the next one). */
  const traceOf = new Map<string, number>();
  let pending: EpochEvent[] = [];
  let drawing = false;

  const tracesFor = async (stage: string | undefined): Promise<number> => {
    const key = stage ?? '';
    const known = traceOf.get(key);
    if (known !== undefined) return known;
    if (traceOf.size === 0) {
      // The first stage draws into the two traces the chart started with.
      if (stage !== undefined)
        await Plotly.restyle(
          plot,
          { name: [`training loss · ${stage}`, `validation loss · ${stage}`] },
          [0, 1],
        );
      traceOf.set(key, 0);
      return 0;
    }
    const index = plot.data.length;
    const dash = ['dash', 'dot', 'dashdot'][(traceOf.size - 1) % 3];
    await Plotly.addTraces(plot, [
      {
        ...trainingTrace,
        name: `training loss · ${key}`,
        x: [],
        y: [],
        line: { color: COLOURS.trainLoss, dash },
      },
      {
        ...validationTrace,
        name: `validation loss · ${key}`,
        x: [],
        y: [],
        line: { color: COLOURS.validationLoss, dash },
      },
    ]);
    traceOf.set(key, index);
    return index;
  };

  const flush = async () => {
    if (drawing || pending.length === 0) return;
    drawing = true;
    const batch = pending;
    pending = [];
    try {
      // Consecutive events of one stage go in one extendTraces call.
      for (let start = 0; start < batch.length; ) {
        const stage = batch[start]?.stage;
        let end = start + 1;
        while (end < batch.length && batch[end]?.stage === stage) end++;
        const run = batch.slice(start, end);
        const index = await tracesFor(stage);
        const epochs = run.map((e) => e.epoch);
        const validation = run.map((e) =>
          e.validationLoss !== null && Number.isFinite(e.validationLoss) ? e.validationLoss : null,
        );
        await Plotly.extendTraces(
          plot,
          { x: [epochs, epochs], y: [run.map((e) => e.trainLoss), validation] },
          [index, index + 1],
        );
        start = end;
      }
    } finally {
      drawing = false;
      if (pending.length > 0) requestAnimationFrame(() => void flush());
    }
  };

  return {
    add(event) {
      const key = event.stage ?? '';
      if (event.epoch <= (lastEpoch.get(key) ?? -Infinity)) return;
      lastEpoch.set(key, event.epoch);
      if (caption) caption.textContent = lossSummary(event);
      pending.push(event);
      if (pending.length === 1 && !drawing) requestAnimationFrame(() => void flush());
    },
    points: () => plot.data[0]?.x?.length ?? 0,
  };
}
