// Auto mode's RNN candidates: with a season it fits the level model, a seasonal-difference
// model and an ES-normalised one, scores each on the validation origins and keeps the best;
// a caller's scaler, or a series without a season, means one RNN fit. Parallel candidates
// (worker threads) give the very same models as fitting them one after the other.
import { describe, expect, it } from 'vitest';
import { evaluate, fit, forecast, modelFromJSON, modelToJSON, predictNext } from '../../src/forecaster.ts';
import type { FitProgress, ForecastOptions, TimeSeries } from '../../src/forecaster.ts';
import { createRandom } from '../../src/rnn/random.ts';
import { syntheticDaily } from '../support/synthetic-series.ts';

const HOUR = 3_600_000;

/** Hourly temperatures of a climate-normals kind: a daily cycle that drifts slowly across the year, little noise. */
function hourlyNormals(days = 60, seed = 9): TimeSeries {
  const random = createRandom(seed);
  const n = days * 24;
  return {
    id: '',
    time: Float64Array.from({ length: n }, (_, i) => Date.UTC(2020, 0, 1) + i * HOUR),
    target: 'temperature',
    values: Float64Array.from(
      { length: n },
      (_, i) =>
        10 +
        3 * Math.sin((2 * Math.PI * i) / n) +
        4 * Math.sin((2 * Math.PI * (i - 9)) / 24) +
        0.05 * random.normal(),
    ),
    features: [],
    frequency: { unit: 'hour', step: 1, label: 'hourly' },
  };
}

const light: Partial<ForecastOptions> = {
  candidates: ['rnn'],
  network: { hiddenSize: 12 },
  training: { maxEpochs: 12, seed: 5 },
};

describe('auto mode chooses among its RNN candidates by validation score', () => {
  it('scores both scalers on a stable daily cycle, keeps the best, and beats seasonal naive on test', async () => {
    const series = hourlyNormals();
    const stages = new Set<string>();
    const model = await fit(
      series,
      { horizonSteps: 24, ...light },
      { onEpoch: (p: FitProgress) => stages.add(p.stage ?? '') },
    );
    const rnnEntries = model.leaderboard.entries.filter((e) => e.kind === 'rnn');
    expect(rnnEntries.map((e) => e.name).sort()).toEqual([
      'rnn: exponential-smoothing normalised (m = 24) + z-score',
      'rnn: seasonal difference (m = 24) + z-score',
      'rnn: z-score',
    ]);
    expect([...stages].slice(0, 3)).toEqual([
      '1/3 rnn: z-score',
      '2/3 rnn: seasonal difference (m = 24) + z-score',
      '3/3 rnn: exponential-smoothing normalised (m = 24) + z-score',
    ]);
    expect([...stages][3]).toMatch(/^refit /);
    const best = model.leaderboard.entries[0]!;
    expect(best.kept).toBe(true);
    expect(model.leaderboard.kept).toBe(best.name);
    expect(Math.min(...model.leaderboard.entries.map((e) => e.score))).toBe(best.score);
    expect(model.validation.mae).toBe(best.mae);
    const reloaded = modelFromJSON(JSON.parse(JSON.stringify(modelToJSON(model))));
    expect(reloaded.leaderboard).toEqual(model.leaderboard);
    expect(Array.from(forecast(reloaded, series).forecast)).toEqual(
      Array.from(forecast(model, series).forecast),
    );

    const ev = evaluate(model, series)!;
    expect(ev.model.mae).toBeLessThan(ev.baselines['seasonal-naive'].mae);
    const ahead = forecast(model, series);
    expect(ahead.forecast).toHaveLength(24);
    expect(ahead.forecast.every(Number.isFinite)).toBe(true);
    expect(predictNext(model, series).predicted).toHaveLength(
      series.values.length - model.heldOut.firstOrigin,
    );
  });

  it('fits one RNN when the caller chose a scaler, or the series has no season', async () => {
    const series = syntheticDaily({ points: 300 });
    const rnnCount = (m: Awaited<ReturnType<typeof fit>>) =>
      m.leaderboard.entries.filter((e) => e.kind === 'rnn').length;
    expect(rnnCount(await fit(series, { horizonSteps: 7, scaler: { kind: 'zscore' }, ...light }))).toBe(1);
    // (The calendar, which auto mode also tries on daily data, left out: it is not a scaler.)
    expect(rnnCount(await fit(series, { horizonSteps: 7, seasonLength: 1, calendar: false, ...light }))).toBe(
      1,
    );
  });

  it('fits the candidates on worker threads with the same result as one after the other', async () => {
    const series = syntheticDaily({ points: 300 });
    const options: ForecastOptions = { horizonSteps: 7, ...light };
    const sequential = await fit(series, options);
    const parallel = await fit(series, options, { parallel: true });
    const scores = (m: typeof sequential) => m.leaderboard.entries.map((e) => [e.name, e.score]);
    expect(scores(parallel)).toEqual(scores(sequential));
    expect(Array.from(forecast(parallel, series).forecast)).toEqual(
      Array.from(forecast(sequential, series).forecast),
    );
    expect(parallel.config).toEqual(sequential.config);
  });
});
