// Model selection over the candidate pool: on a random walk nothing is kept that
// validation says is much worse than naive; on a strongly seasonal series the kept one
// beats seasonal naive; a positive series gets no negative bound; the refitted forecaster
// has seen the last value; the leaderboard survives the model file; same seed, same bytes.
import { describe, expect, it } from 'vitest';
import { ConfigError, fit, forecast, modelFromJSON, modelToJSON } from '../../src/forecaster.ts';
import type { ForecastOptions, TimeSeries } from '../../src/forecaster.ts';
import { createRandom } from '../../src/rnn/random.ts';

const DAY = 86_400_000;
const light: Partial<ForecastOptions> = { network: { hiddenSize: 8 }, training: { maxEpochs: 15, seed: 7 } };

function daily(values: Float64Array): TimeSeries {
  return {
    id: '',
    time: Float64Array.from(values, (_, i) => Date.UTC(2021, 0, 1) + i * DAY),
    target: 'y',
    values,
    features: [],
    frequency: { unit: 'day', step: 1, label: 'daily' },
  };
}

function randomWalk(n: number, seed: number): Float64Array {
  const random = createRandom(seed);
  const values = new Float64Array(n);
  values[0] = 100;
  for (let i = 1; i < n; i++) values[i] = values[i - 1]! + random.normal();
  return values;
}

describe('selection on rolling validation origins', () => {
  it('on a random walk keeps naive or drift, or a candidate within 5 % of naive; never one 20 % worse', async () => {
    for (const seed of [1, 2, 3]) {
      const model = await fit(daily(randomWalk(400, seed)), { horizonSteps: 7, seasonLength: 1, ...light });
      const { entries, kept } = model.leaderboard;
      const naive = entries.find((e) => e.name === 'naive')!;
      const chosen = entries.find((e) => e.kept)!;
      expect(chosen.name).toBe(kept);
      if (!['naive', 'drift'].includes(kept))
        expect(chosen.score, `seed ${seed}`).toBeLessThanOrEqual(naive.score * 1.05);
      expect(chosen.mae, `seed ${seed}`).toBeLessThanOrEqual(naive.mae * 1.2);
    }
  });

  it('on a strongly seasonal series keeps a candidate that beats seasonal naive on validation', async () => {
    const random = createRandom(11);
    const values = Float64Array.from(
      { length: 500 },
      (_, i) =>
        50 +
        0.02 * i +
        10 * Math.sin((2 * Math.PI * i) / 7) +
        4 * Math.cos((4 * Math.PI * i) / 7) +
        random.normal(),
    );
    const model = await fit(daily(values), { horizonSteps: 14, ...light });
    const seasonal = model.leaderboard.entries.find((e) => e.name === 'seasonal-naive')!;
    const chosen = model.leaderboard.entries.find((e) => e.kept)!;
    expect(chosen.name).toBe(model.leaderboard.kept);
    expect(chosen.score).toBeLessThan(1);
    expect(chosen.mase).toBeLessThan(seasonal.mase);
  });

  it('gives a positive series no negative forecast or interval bound', async () => {
    // Counts of a rare event: mostly 0 or 1, so a symmetric band around the forecast would dip below 0.
    const random = createRandom(5);
    const values = Float64Array.from({ length: 300 }, () =>
      random.uniform(0, 1) < 0.2 ? 1 + Math.floor(3 * random.uniform(0, 1)) : 0,
    );
    const series = daily(values);
    const model = await fit(series, { horizonSteps: 10, ...light });
    expect(model.nonNegative).toBe(true);
    const next = forecast(model, series);
    for (const bound of [next.lower80, next.lower95, next.forecast])
      expect(Math.min(...bound)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...next.upper95)).toBeGreaterThan(0);
  });

  it('refits on all the data: the forecast moves when only the last value does', async () => {
    const values = randomWalk(200, 4);
    const options: ForecastOptions = { horizonSteps: 5, seasonLength: 1, ...light };
    const first = await fit(daily(values), options);
    const changed = Float64Array.from(values);
    changed[changed.length - 1] = changed[changed.length - 1]! + 25;
    const second = await fit(daily(changed), options);
    expect(first.final.kind).toBe(second.final.kind);
    expect(forecast(second, daily(changed)).forecast[0]).not.toBe(forecast(first, daily(values)).forecast[0]);
  });

  it('keeps the leaderboard and the forecasts through the model file, and the same seed gives the same bytes', async () => {
    const series = daily(randomWalk(250, 9).map((v, i) => v + 5 * Math.sin((2 * Math.PI * i) / 7)));
    const options: ForecastOptions = { horizonSteps: 7, ...light };
    const model = await fit(series, options);
    const json = JSON.stringify(modelToJSON(model));
    const reloaded = modelFromJSON(JSON.parse(json));
    expect(reloaded.leaderboard).toEqual(model.leaderboard);
    expect(Array.from(forecast(reloaded, series).forecast)).toEqual(
      Array.from(forecast(model, series).forecast),
    );
    const again = await fit(series, options);
    const bytes = (m: typeof model) => Buffer.from(forecast(m, series).forecast.buffer);
    expect(bytes(again).equals(bytes(model))).toBe(true);
    expect(JSON.stringify(again.leaderboard.entries.map((e) => [e.name, e.score]))).toBe(
      JSON.stringify(model.leaderboard.entries.map((e) => [e.name, e.score])),
    );
  });

  it('refuses an unknown candidate name, listing the known ones', async () => {
    const attempt = fit(daily(randomWalk(120, 1)), { horizonSteps: 7, candidates: ['prophet'] });
    await expect(attempt).rejects.toThrow(ConfigError);
    await expect(attempt).rejects.toThrow(/unknown candidate "prophet"; choose from rnn, classical, naive/);
  });
});
