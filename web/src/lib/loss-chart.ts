// Live loss curves: training and validation loss per epoch on a log axis. Epochs can come
// faster than a chart can redraw (small models do dozens a second), so they are buffered
// and appended with one Plotly.extendTraces per animation frame — the page stays responsive.
import type { EpochEvent } from './api-types.ts';
import { baseLayout, CHART_CONFIG, COLOURS } from './chart-base.ts';

export interface LossChart {
  /** Adds an epoch; replays (after an SSE reconnect) of epochs already drawn are ignored. */
  add(event: EpochEvent): void;
  points(): number;
}

export async function createLossChart(div: HTMLElement): Promise<LossChart> {
  const traces: Plotly.Trace[] = [
    { type: 'scatter', mode: 'lines+markers', name: 'training loss', x: [], y: [], line: { color: COLOURS.trainLoss }, marker: { size: 4 } },
    { type: 'scatter', mode: 'lines+markers', name: 'validation loss', x: [], y: [], line: { color: COLOURS.validationLoss }, marker: { size: 4 } },
  ];
  const layout = baseLayout({
    xaxis: { title: { text: 'epoch' }, rangemode: 'tozero', tickformat: 'd' },
    yaxis: { title: { text: 'loss (MSE, scaled)' }, type: 'log', exponentformat: 'power' },
    hovermode: 'x unified',
    legend: { orientation: 'h', y: 1.12 },
    margin: { l: 70, r: 20, t: 40, b: 45 },
  });
  const plot = await Plotly.newPlot(div, traces, layout, CHART_CONFIG);
  let lastEpoch = -Infinity;
  let pending: EpochEvent[] = [];
  let drawing = false;

  const flush = async () => {
    if (drawing || pending.length === 0) return;
    drawing = true;
    const batch = pending;
    pending = [];
    const epochs = batch.map((e) => e.epoch);
    const validation = batch.map((e) => (e.validationLoss !== null && Number.isFinite(e.validationLoss) ? e.validationLoss : null));
    try {
      await Plotly.extendTraces(plot, { x: [epochs, epochs], y: [batch.map((e) => e.trainLoss), validation] }, [0, 1]);
    } finally {
      drawing = false;
      if (pending.length > 0) requestAnimationFrame(() => void flush());
    }
  };

  return {
    add(event) {
      if (event.epoch <= lastEpoch) return;
      lastEpoch = event.epoch;
      pending.push(event);
      if (pending.length === 1 && !drawing) requestAnimationFrame(() => void flush());
    },
    points: () => (plot.data[0]?.x?.length ?? 0),
  };
}
