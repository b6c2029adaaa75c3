// Flat-forecast detection (docs/lessons.md #7): predictions that barely move while the actuals do.
import { describe, expect, it } from 'vitest';
import { evaluate, fit } from '../../src/forecaster.ts';
import type { ForecastOptions, TimeSeries } from '../../src/forecaster.ts';
import { flatForecastWarning } from '../../src/forecast/flat.ts';

describe('flatForecastWarning', () => {
  const actual = Float64Array.from({ length: 50 }, (_, i) => Math.sin(i / 3) * 10);
  it('warns when the predictions spread less than a tenth of the actuals, and says how much', () => {
    const nearlyConstant = actual.map((v) => 5 + v / 100);
    expect(flatForecastWarning(actual, nearlyConstant)).toMatch(
      /nearly flat \(their spread is 1\.0 % of the actuals'\)/,
    );
  });
  it('is quiet for predictions that move with the actuals, and for constant actuals', () => {
    expect(
      flatForecastWarning(
        actual,
        actual.map((v) => v * 0.5),
      ),
    ).toBeNull();
    expect(flatForecastWarning(new Float64Array(10).fill(3), new Float64Array(10).fill(3))).toBeNull();
  });
});

describe('evaluate on a series that grows far past its training range', () => {
  // 2 % growth a day: the test split sits up to ten times above anything seen in training.
  const DAY = 86_400_000;
  const series: TimeSeries = {
    id: '',
    target: 'y',
    features: [],
    frequency: { unit: 'day', step: 1, label: 'daily' },
    time: Float64Array.from({ length: 400 }, (_, i) => Date.UTC(2020, 0, 1) + i * DAY),
    values: Float64Array.from({ length: 400 }, (_, i) => 1.02 ** i * (1 + 0.01 * Math.sin(i))),
  };
  const options: ForecastOptions = {
    horizonSteps: 1,
    windowLength: 10,
    seasonLength: 1,
    candidates: ['rnn'],
    network: { hiddenSize: 8 },
    training: { maxEpochs: 20, seed: 1 },
  };

  it('a z-scored model saturates and is flagged flat; a window-relative one tracks the growth and is not', async () => {
    const global = evaluate(await fit(series, { ...options, scaler: { kind: 'zscore' } }), series)!;
    expect(global.warnings.some((w) => w.includes('nearly flat'))).toBe(true);
    const relative = evaluate(
      await fit(series, { ...options, scaler: { kind: 'zscore', windowRelative: true } }),
      series,
    )!;
    expect(relative.warnings.some((w) => w.includes('nearly flat'))).toBe(false);
  });
});
