// Auto mode's choice of target scaler: with a season it fits the level model and a
// seasonal-difference model and keeps the lower validation MAE; a caller's scaler, or a
// series without a season, means one fit. Parallel candidates (worker threads) give the
// very same models as fitting them one after the other.
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

const light: Partial<ForecastOptions> = { network: { hiddenSize: 12 }, training: { maxEpochs: 12, seed: 5 } };

describe('auto mode chooses the target scaler by validation MAE', () => {
  it('keeps the seasonal difference on a stable daily cycle, and it beats seasonal naive on test', async () => {
    const series = hourlyNormals();
    const stages = new Set<string>();
    const model = await fit(
      series,
      { horizonSteps: 24, ...light },
      { onEpoch: (p: FitProgress) => stages.add(p.stage ?? '') },
    );
    const { selection } = model;
    expect(selection?.candidates.map((c) => c.scaler)).toEqual([
      'z-score',
      'seasonal difference (m = 24) + z-score',
    ]);
    expect([...stages]).toEqual(['1/2 z-score', '2/2 seasonal difference (m = 24) + z-score']);
    const lowest = selection!.candidates.reduce((a, b) => (b.validationMae < a.validationMae ? b : a));
    expect(selection!.kept).toBe(lowest.scaler);
    expect(model.validation.mae).toBe(lowest.validationMae);
    expect(model.config.scaler).toMatchObject({ transform: 'seasonal-difference', seasonLength: 24 });
    const reloaded = modelFromJSON(JSON.parse(JSON.stringify(modelToJSON(model))));
    expect(reloaded.selection).toEqual(model.selection);
    expect(reloaded.scalers.target.anchorLength).toBe(24);

    const ev = evaluate(model, series);
    expect(ev.model.mae).toBeLessThan(ev.baselines['seasonal-naive'].mae);
    // Forecasting past the end needs a season of history before the window: 24 finite steps.
    const ahead = forecast(model, series);
    expect(ahead.forecast).toHaveLength(24);
    expect(ahead.forecast.every(Number.isFinite)).toBe(true);
    expect(predictNext(model, series).predicted).toHaveLength(
      series.values.length - model.config.windowLength - 24,
    );
  });

  it('fits once when the caller chose a scaler, or the series has no season', async () => {
    const series = syntheticDaily({ points: 300 });
    const chosen = await fit(series, { horizonSteps: 7, scaler: { kind: 'zscore' }, ...light });
    expect(chosen.selection).toBeUndefined();
    const noSeason = await fit(series, { horizonSteps: 7, seasonLength: 1, ...light });
    expect(noSeason.selection).toBeUndefined();
  });

  it('fits the candidates on worker threads with the same result as one after the other', async () => {
    const series = syntheticDaily({ points: 300 });
    const options: ForecastOptions = { horizonSteps: 7, ...light };
    const sequential = await fit(series, options);
    const parallel = await fit(series, options, { parallel: true });
    expect(parallel.selection?.candidates.map((c) => c.validationMae)).toEqual(
      sequential.selection?.candidates.map((c) => c.validationMae),
    );
    expect(Array.from(parallel.network.params)).toEqual(Array.from(sequential.network.params));
    expect(parallel.config).toEqual(sequential.config);
  });
});
