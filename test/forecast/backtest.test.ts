// Rolling-origin backtest: every fold refits its scaler on data before its origin only.
// Poisoning a fold's own test values (and all after) with 1e9 must not move that fold's
// scaler — if anything leaked, the poison would dominate the fitted statistics.
import { describe, expect, it } from 'vitest';
import { backtest } from '../../src/forecaster.ts';
import type { ForecastOptions } from '../../src/forecaster.ts';
import { syntheticDaily } from '../support/synthetic-series.ts';

const options: ForecastOptions = {
  horizonSteps: 5,
  windowLength: 10,
  network: { hiddenSize: 4 },
  training: { maxEpochs: 2, seed: 1 },
};

describe('backtest', () => {
  it("no fold's scaler saw its own test values", async () => {
    const series = syntheticDaily({ points: 260, trendPerStep: 0.05 });
    const clean = await backtest(series, options, 3);
    expect(clean.folds.map((f) => f.origin)).toEqual([245, 250, 255]);
    for (const fold of clean.folds) {
      const values = Float64Array.from(series.values);
      values.fill(1e9, fold.origin);
      const poisoned = await backtest({ ...series, values }, options, 3);
      const same = poisoned.folds.find((f) => f.origin === fold.origin)!;
      expect(same.kept).toEqual(fold.kept);
      expect(same.forecast).toEqual(fold.forecast);
    }
  });

  it('reports per-fold and mean metrics beside the baselines', async () => {
    const result = await backtest(syntheticDaily({ points: 200 }), options, 2);
    expect(result.folds).toHaveLength(2);
    expect(result.folds[0]!.actual).toHaveLength(5);
    expect(result.mean.model.mae).toBeCloseTo(
      (result.folds[0]!.model.mae + result.folds[1]!.model.mae) / 2,
      12,
    );
    expect(Object.keys(result.mean.baselines)).toEqual([
      'naive',
      'seasonal-naive',
      'drift',
      'moving-average',
    ]);
  });

  it('refuses more folds than the series can train', async () => {
    await expect(backtest(syntheticDaily({ points: 60 }), options, 10)).rejects.toThrow(/use fewer folds/);
  });
});
