// The facade on synthetic series: model files round-trip, strategies agree on shapes,
// predictNext stays one step from actuals, and configs are checked up front.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  evaluate,
  fit,
  forecast,
  loadModel,
  modelToJSON,
  modelFromJSON,
  predictNext,
  saveModel,
} from '../../src/forecaster.ts';
import type { ForecastOptions } from '../../src/forecaster.ts';
import { rnnCore } from '../support/rnn-core.ts';
import { syntheticDaily } from '../support/synthetic-series.ts';

const quick: ForecastOptions = {
  horizonSteps: 7,
  windowLength: 14,
  network: { hiddenSize: 8 },
  training: { maxEpochs: 15, seed: 3 },
};
const series = syntheticDaily();

describe('fit and forecast', () => {
  it('a saved and loaded model gives identical forecasts; the file is JSON with a version', async () => {
    const model = await fit(series, quick);
    const dir = await mkdtemp(join(tmpdir(), 'recurrent-model-'));
    const path = join(dir, 'm.json');
    await saveModel(model, path);
    const loaded = await loadModel(path);
    expect(Array.from(forecast(loaded, series).forecast)).toEqual(
      Array.from(forecast(model, series).forecast),
    );
    expect(loaded.config).toEqual(model.config);
    expect(loaded.data.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const doc = modelToJSON(model) as Record<string, unknown>;
    expect(doc.format).toBe('recurrent-model');
    expect(doc.version).toBe(3);
    expect(loaded.leaderboard).toEqual(model.leaderboard);
    expect(() => modelFromJSON({ ...doc, intervals: { levels: [0.8] } })).toThrow(
      /invalid at intervals\.halfWidths/,
    );
    await writeFile(path, '{"format":"recurrent-model","version":1');
    await expect(loadModel(path)).rejects.toThrow(/not valid JSON \(truncated or corrupt\?\)/);
  });

  it('forecasts the next 7 days with ordered 80 % and 95 % bands', async () => {
    const model = await fit(series, quick);
    const f = forecast(model, series);
    expect(f.kind).toBe('forecast');
    expect(f.time[0]).toBe(series.time.at(-1)! + 86_400_000);
    for (let i = 0; i < 7; i++) {
      expect(f.lower95[i]).toBeLessThanOrEqual(f.lower80[i]!);
      expect(f.lower80[i]).toBeLessThan(f.forecast[i]!);
      expect(f.upper80[i]).toBeLessThanOrEqual(f.upper95[i]!);
    }
    expect(() => forecast(model, series, 8)).toThrow(/calibrated for 7 steps/);
  });

  it('recursive and direct strategies both learn the weekly season better than naive', async () => {
    for (const strategy of ['recursive', 'direct'] as const) {
      const model = await fit(series, {
        ...quick,
        strategy,
        candidates: ['rnn'],
        scaler: { kind: 'zscore' },
        training: { maxEpochs: 40, seed: 3 },
      });
      expect(rnnCore(model.final).network.config.outputs).toBe(strategy === 'direct' ? 7 : 1);
      const ev = evaluate(model, series)!;
      expect(ev.model.mae, strategy).toBeLessThan(ev.baselines.naive.mae);
    }
  });

  it('predictNext is one step from actuals, labelled so, over every split', async () => {
    const model = await fit(series, quick);
    const fitted = predictNext(model, series);
    expect(fitted.kind).toBe('predictNext');
    // The first prediction needs as much history as the kept forecaster reads: 2 values for a
    // classical method; for the RNN a window of 14, and before it a season of 7 for a seasonal
    // difference or two seasons for the ES-normalised scaler's smoother.
    const first = model.heldOut.firstOrigin;
    expect([2, 14, 21, 28]).toContain(first);
    expect(fitted.predicted.length).toBe(series.values.length - first);
    expect(fitted.actual[0]).toBe(series.values[first]);
    expect(fitted.split.test[1]).toBe(series.values.length);
  });
});

describe('config checks', () => {
  it('refuses a recursive multi-step model with features, and unknown features', async () => {
    const withFeature = { ...series, features: [{ name: 'x', values: series.values.map((v) => v * 2) }] };
    await expect(fit(withFeature, { ...quick, strategy: 'recursive', features: ['x'] })).rejects.toThrow(
      ConfigError,
    );
    await expect(fit(withFeature, { ...quick, strategy: 'recursive', features: ['x'] })).rejects.toThrow(
      /future values of x; use strategy "direct"/,
    );
    await expect(fit(series, { ...quick, features: ['nope'] })).rejects.toThrow(
      /feature "nope" is not a column/,
    );
  });
});
