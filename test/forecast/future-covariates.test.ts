// Known-future covariates: a series driven by a regressor known ahead (y = 2·x + noise, x
// published before the days it covers) is forecast with error near the noise level when
// the model is told x over the horizon, and far worse without it. A forecast that lacks a
// future value is refused, naming the column and the first missing timestamp.
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/data/errors.ts';
import { futureTimes } from '../../src/data/frequency.ts';
import { evaluate, fit, forecast, modelFromJSON, modelToJSON } from '../../src/forecaster.ts';
import type { TimeSeries } from '../../src/forecaster.ts';
import { futureInputColumns } from '../../src/forecast/future-columns.ts';
import { createRandom } from '../../src/rnn/random.ts';

const DAY = 86_400_000;
const DAILY = { unit: 'day', step: 1, label: 'daily' } as const;
const H = 7;
const NOISE = 0.5;

/** n days of y = 2·x + N(0, 0.5²), x a promotion level drawn afresh each day, and x over the next H days. */
function drivenSeries(
  n: number,
  seed = 11,
): { series: TimeSeries; futureX: Float64Array; futureY: Float64Array } {
  const random = createRandom(seed);
  const x = Float64Array.from({ length: n + H }, () => Math.round(random.uniform(0, 4)));
  const y = Float64Array.from(x, (v) => 10 + 2 * v + NOISE * random.normal());
  const time = Float64Array.from({ length: n }, (_, t) => Date.UTC(2023, 0, 1) + t * DAY);
  const series: TimeSeries = {
    id: '',
    time,
    target: 'sales',
    values: y.slice(0, n),
    features: [{ name: 'promo', values: x.slice(0, n) }],
    frequency: DAILY,
    future: {
      time: futureTimes(time[n - 1]!, DAILY, H),
      features: [{ name: 'promo', values: x.slice(n) }],
    },
  };
  return { series, futureX: x.slice(n), futureY: y.slice(n) };
}

describe('a known-future regressor', () => {
  it('lines each lead up with the step it describes, and reads the future rows past the history', () => {
    const { series, futureX } = drivenSeries(40);
    const columns = futureInputColumns(series, { futureFeatures: ['promo'], horizonSteps: H });
    expect(columns).toHaveLength(H + 1);
    const x = series.features[0]!.values;
    expect(Array.from(columns[0]!)).toEqual(Array.from(x));
    // Lead j at the last step of the history is x j steps after it: the j-th future value.
    for (let j = 1; j <= H; j++) {
      expect(columns[j]![39]).toBe(futureX[j - 1]);
      expect(columns[j]![10]).toBe(x[10 + j]);
    }
  });

  it('forecasts near the noise level with the regressor, and far worse without it', async () => {
    const { series, futureX, futureY } = drivenSeries(600);
    const options = { horizonSteps: H, candidates: ['rnn'], training: { seed: 3 } };
    const withX = await fit(series, { ...options, futureFeatures: ['promo'] });
    expect(withX.config.futureFeatures).toEqual(['promo']);
    const { future: _future, ...pastOnly } = series;
    const withoutX = await fit({ ...pastOnly, features: [] }, options);
    const maeWith = evaluate(withX, series)!.model.mae;
    const maeWithout = evaluate(withoutX, { ...pastOnly, features: [] })!.model.mae;
    // The noise alone has MAE 0.5·√(2/π) ≈ 0.40; x alone moves y by a MAE of about 2.4.
    expect(maeWith).toBeLessThan(0.6);
    expect(maeWithout).toBeGreaterThan(3 * maeWith);
    const ahead = forecast(withX, series);
    const errors = Array.from(ahead.forecast, (v, k) => Math.abs(v - futureY[k]!));
    expect(Math.max(...errors)).toBeLessThan(2.5);
    // The forecast follows the promotions it was told about.
    const high = Array.from(futureX).indexOf(Math.max(...futureX));
    const low = Array.from(futureX).indexOf(Math.min(...futureX));
    if (futureX[high]! > futureX[low]!) expect(ahead.forecast[high]!).toBeGreaterThan(ahead.forecast[low]!);
  });

  it('a seq2seq network, reading x at each decoder step, forecasts near the noise level too', async () => {
    const { series, futureX } = drivenSeries(600);
    const model = await fit(series, {
      horizonSteps: H,
      candidates: ['rnn'],
      scaler: { kind: 'zscore' },
      futureFeatures: ['promo'],
      network: { architecture: 'seq2seq' },
      training: { seed: 3 },
    });
    expect(model.leaderboard.kept).toBe('rnn seq2seq: z-score');
    expect(evaluate(model, series)!.model.mae).toBeLessThan(0.6);
    const ahead = forecast(model, series).forecast;
    const high = Array.from(futureX).indexOf(Math.max(...futureX));
    const low = Array.from(futureX).indexOf(Math.min(...futureX));
    if (futureX[high]! > futureX[low]!) expect(ahead[high]!).toBeGreaterThan(ahead[low]!);
  });

  it('refuses a forecast missing a future value, naming the column, the timestamp and how many are needed', async () => {
    const { series } = drivenSeries(300);
    const model = await fit(series, {
      horizonSteps: H,
      futureFeatures: ['promo'],
      candidates: ['rnn'],
      training: { maxEpochs: 2 },
    });
    const short = {
      ...series,
      future: {
        ...series.future!,
        time: series.future!.time.slice(0, 4),
        features: [{ name: 'promo', values: series.future!.features[0]!.values.slice(0, 4) }],
      },
    };
    let error: unknown;
    try {
      forecast(model, short);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).message).toContain('column "promo": no known-future value for 2023-11-01');
    expect((error as DataError).message).toContain(
      "the forecast needs all 7 of the column's values from 2023-10-28 to 2023-11-03, and 4 were given",
    );
    // A model file keeps the column's role; the loaded model forecasts the same.
    const restored = modelFromJSON(JSON.parse(JSON.stringify(modelToJSON(model))));
    expect(restored.config.futureFeatures).toEqual(['promo']);
    expect(Array.from(forecast(restored, series).forecast)).toEqual(
      Array.from(forecast(model, series).forecast),
    );
  });

  it('a past-only column observed with the target (same-day close for open) is never read at the target time', async () => {
    // y is fresh noise each day and x is y itself, in the same row: a model that read x at
    // the time it forecasts would be near perfect. Past-only, x is read up to the origin only.
    const random = createRandom(8);
    const n = 400;
    const y = Float64Array.from({ length: n }, () => 10 + random.normal());
    const series: TimeSeries = {
      id: '',
      time: Float64Array.from({ length: n }, (_, t) => Date.UTC(2023, 0, 1) + t * DAY),
      target: 'open',
      values: y,
      features: [{ name: 'close', values: y.slice() }],
      frequency: DAILY,
    };
    const model = await fit(series, { horizonSteps: 1, features: ['close'], candidates: ['rnn'] });
    // N(0, 1) noise forecast by its mean has MAE √(2/π) ≈ 0.80; a leak would score near 0.
    expect(evaluate(model, series)!.model.mae).toBeGreaterThan(0.6);
  });
});
