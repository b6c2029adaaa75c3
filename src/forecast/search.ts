// A small grid search: fits each candidate configuration on worker threads (as many at
// once as there are cores) and keeps the one whose h-step validation forecasts have the
// lowest MAE in raw units. The test split is never looked at.
import { availableParallelism } from 'node:os';
import type { TimeSeries } from '../data/types.ts';
import type { ForecastOptions, NetworkChoice } from './config.ts';
import { fitInWorker } from './fit-in-worker.ts';
import type { ForecastModel } from './model.ts';

export interface SearchCandidate {
  label: string;
  options: ForecastOptions;
}

export interface SearchResult {
  best: ForecastModel;
  bestLabel: string;
  candidates: { label: string; validationMae: number; elapsedMs: number }[];
}

/**
 * Cells × sizes around the auto choice (GRU and LSTM, 16 and 32 units), everything else
 * left to auto mode; the pool is the RNN's unless `options.candidates` says otherwise.
 *
 * @example
 * defaultGrid({ horizonSteps: 14 }).map((c) => c.label); // ['gru 16', 'gru 32', 'lstm 16', 'lstm 32']
 */
export function defaultGrid(options: ForecastOptions): SearchCandidate[] {
  const networks: Partial<NetworkChoice>[] = [
    { cell: 'gru', hiddenSize: 16 },
    { cell: 'gru', hiddenSize: 32 },
    { cell: 'lstm', hiddenSize: 16 },
    { cell: 'lstm', hiddenSize: 32 },
  ];
  return networks.map((network) => ({
    label: `${network.cell} ${network.hiddenSize}`,
    // The grid varies the network, so the pool is the RNN's unless the caller says otherwise.
    options: { candidates: ['rnn'], ...options, network: { ...options.network, ...network } },
  }));
}

/**
 * Fits every candidate of a grid, `concurrency` at a time on worker threads, and keeps the
 * one with the lowest validation MAE.
 *
 * @example
 * const grid = defaultGrid({ horizonSteps: 14, training: { maxEpochs: 20 } });
 * const { best, bestLabel, candidates } = await searchFit(series, grid, 2);
 * bestLabel; // e.g. "lstm 32"; candidates lists each label's validation MAE and time
 */
export async function searchFit(
  series: TimeSeries,
  candidates: SearchCandidate[],
  concurrency = availableParallelism(),
): Promise<SearchResult> {
  if (candidates.length === 0) throw new Error('a search needs at least one candidate');
  const results: { label: string; model: ForecastModel; elapsedMs: number }[] = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < candidates.length) {
      const candidate = candidates[next++]!;
      const started = performance.now();
      const model = await fitInWorker(series, candidate.options);
      results.push({ label: candidate.label, model, elapsedMs: performance.now() - started });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, candidates.length)) }, lane));
  const order = candidates.map((c) => results.find((r) => r.label === c.label)!);
  const best = order.reduce((a, b) => (b.model.validation.mae < a.model.validation.mae ? b : a));
  return {
    best: best.model,
    bestLabel: best.label,
    candidates: order.map((r) => ({
      label: r.label,
      validationMae: r.model.validation.mae,
      elapsedMs: r.elapsedMs,
    })),
  };
}
