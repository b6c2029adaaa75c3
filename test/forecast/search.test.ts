// The grid search on worker threads: every candidate is fitted, the one with the lowest
// validation MAE wins, and a worker fit is the same fit as in-process.
import { describe, expect, it } from 'vitest';
import { fit } from '../../src/forecast/fit.ts';
import { fitInWorker } from '../../src/forecast/fit-in-worker.ts';
import { defaultGrid, searchFit } from '../../src/forecast/search.ts';
import type { ForecastOptions } from '../../src/forecaster.ts';
import { rnnCore } from '../support/rnn-core.ts';
import { syntheticDaily } from '../support/synthetic-series.ts';

const series = syntheticDaily({ points: 240 });
const options: ForecastOptions = {
  horizonSteps: 5,
  windowLength: 10,
  candidates: ['rnn'],
  scaler: { kind: 'zscore' },
  training: { maxEpochs: 4, seed: 2 },
};

describe('grid search', () => {
  it('a worker fit gives the same weights as an in-process fit, and reports every epoch', async () => {
    let epochs = 0;
    const inWorker = await fitInWorker(series, options, {
      onEpoch: () => {
        epochs++;
      },
    });
    const local = await fit(series, options);
    // The held-out fit, then the refit on all the data: every epoch of both is reported.
    expect(local.leaderboard.entries.map((e) => e.name)).toEqual(['rnn: z-score']);
    const heldOut = rnnCore(local.heldOut).training;
    expect(epochs).toBe(heldOut.history.length + rnnCore(local.final).training.history.length);
    expect(rnnCore(local.final).training.history.length).toBe(heldOut.bestEpoch);
    const weights = (m: typeof local) => Buffer.from(rnnCore(m.final).network.params.buffer);
    expect(weights(inWorker).equals(weights(local))).toBe(true);
  });

  it('fits every candidate on two workers and keeps the lowest validation MAE', async () => {
    const result = await searchFit(series, defaultGrid(options), 2);
    expect(result.candidates.map((c) => c.label)).toEqual(['gru 16', 'gru 32', 'lstm 16', 'lstm 32']);
    const lowest = Math.min(...result.candidates.map((c) => c.validationMae));
    expect(result.best.validation.mae).toBe(lowest);
    expect(result.candidates.find((c) => c.label === result.bestLabel)!.validationMae).toBe(lowest);
  });

  it("carries a worker's error back with its message", async () => {
    await expect(fitInWorker(series, { ...options, features: ['missing'] })).rejects.toThrow(
      /feature "missing" is not a column/,
    );
  });
});
