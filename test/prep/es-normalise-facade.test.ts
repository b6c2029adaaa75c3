// es-normalise end to end through the facade: an RNN fitted on a multiplicative daily cycle
// riding a trend beats seasonal naive on the test split, saves and reloads to the same
// forecast, and a recursive model is refused with the reason.
import { describe, expect, it } from 'vitest';
import { evaluate, fit, forecast, modelFromJSON, modelToJSON } from '../../src/forecaster.ts';
import type { TimeSeries } from '../../src/forecaster.ts';
import type { ScalerSpec } from '../../src/prep/scale.ts';
import { createRandom } from '../../src/rnn/random.ts';

const HOUR = 3_600_000;

/** Days of hourly load: a daily shape whose swings scale with a level growing 0.15 % an hour; 3 % noise. */
function hourlyLoad(days = 40, seed = 7): TimeSeries {
  const random = createRandom(seed);
  const shape = Array.from(
    { length: 24 },
    (_, h) => 1 + 0.35 * Math.sin((2 * Math.PI * (h - 8)) / 24) + 0.15 * Math.cos((4 * Math.PI * h) / 24),
  );
  const n = days * 24;
  return {
    id: '',
    target: 'load',
    time: Float64Array.from({ length: n }, (_, i) => Date.UTC(2021, 0, 4) + i * HOUR),
    values: Float64Array.from(
      { length: n },
      (_, i) => 100 * (1 + 0.0015 * i) * shape[i % 24]! * (1 + 0.03 * random.normal()),
    ),
    features: [],
    frequency: { unit: 'hour', step: 1, label: 'hourly' },
  };
}

const scaler: ScalerSpec = { kind: 'zscore', transform: 'es-normalise', seasonLength: 24 };

describe('es-normalise through the facade', () => {
  it('beats seasonal naive on a trending multiplicative season, reloads to the same forecast', async () => {
    const series = hourlyLoad();
    const model = await fit(series, {
      horizonSteps: 24,
      seasonLength: 24,
      scaler,
      candidates: ['rnn'],
      training: { seed: 42 },
    });
    expect(model.leaderboard.kept).toBe('rnn: exponential-smoothing normalised (m = 24) + z-score');
    const report = evaluate(model, series)!;
    expect(report.model.mase).toBeLessThan(report.baselines['seasonal-naive'].mase);
    const ahead = forecast(model, series).forecast;
    expect(ahead).toHaveLength(24);
    const reloaded = modelFromJSON(JSON.parse(JSON.stringify(modelToJSON(model))));
    expect(forecast(reloaded, series).forecast).toEqual(ahead);
  });

  it('refuses recursive forecasting past one step, saying why', async () => {
    await expect(
      fit(hourlyLoad(20), {
        horizonSteps: 24,
        seasonLength: 24,
        scaler,
        strategy: 'recursive',
        candidates: ['rnn'],
        network: { hiddenSize: 4 },
        training: { seed: 42, maxEpochs: 1 },
      }),
    ).rejects.toThrow(/es-normalise scaling forecasts directly.*use strategy "direct"/);
  });
});
