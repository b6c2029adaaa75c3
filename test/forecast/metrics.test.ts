// Every metric against values worked out by hand (shown in the comments).
import { describe, expect, it } from 'vitest';
import {
  coverage,
  mae,
  mape,
  mase,
  rmse,
  scoreForecast,
  seasonalNaiveScale,
  skillScore,
  smape,
} from '../../src/forecast/metrics.ts';

const actual = [2, 4, 0, 5];
const forecast = [1, 5, 1, 3]; // |errors| 1, 1, 1, 2
const train = [1, 3, 2, 6, 4, 8];

describe('metrics (golden values by hand)', () => {
  it('MAE = (1 + 1 + 1 + 2) / 4 = 1.25', () => expect(mae(actual, forecast)).toBe(1.25));
  it('RMSE = √((1 + 1 + 1 + 4) / 4) = √1.75', () =>
    expect(rmse(actual, forecast)).toBeCloseTo(Math.sqrt(1.75), 15));
  it('MAPE skips the zero actual: (1/2 + 1/4 + 2/5) / 3 = 38.33 %', () =>
    expect(mape(actual, forecast)).toBeCloseTo((100 * 1.15) / 3, 12));
  it('sMAPE = (2/3 + 2/9 + 2/1 + 4/8) / 4 = 84.72 %', () =>
    expect(smape(actual, forecast)).toBeCloseTo((100 * (2 / 3 + 2 / 9 + 2 + 0.5)) / 4, 12));
  it('MASE with m = 1: scale (2 + 1 + 4 + 2 + 4) / 5 = 2.6, so 1.25 / 2.6', () => {
    expect(seasonalNaiveScale(train, 1)).toBeCloseTo(2.6, 15);
    expect(mase(actual, forecast, train, 1)).toBeCloseTo(1.25 / 2.6, 15);
  });
  it('MASE with m = 2: scale (|2−1| + |6−3| + |4−2| + |8−6|) / 4 = 2, so 0.625', () => {
    expect(seasonalNaiveScale(train, 2)).toBe(2);
    expect(mase(actual, forecast, train, 2)).toBe(0.625);
  });
  it('MASE is NaN when the training series is no longer than a season', () => {
    expect(mase(actual, forecast, [1, 2], 2)).toBeNaN();
  });
  it('coverage counts actuals inside [lower, upper], bounds included: 3 of 4', () => {
    expect(coverage(actual, [1.5, 3, 0, 5.5], [2.5, 5, 1, 6])).toBe(0.75);
  });
  it('skill versus naive: 1 − 1.25 / 2.5 = 0.5; worse than naive is negative', () => {
    expect(skillScore(1.25, 2.5)).toBe(0.5);
    expect(skillScore(3, 2)).toBe(-0.5);
  });
  it('scoreForecast bundles them; mismatched lengths are refused', () => {
    expect(scoreForecast(actual, forecast, train, 2)).toMatchObject({ mae: 1.25, mase: 0.625 });
    expect(() => mae([1, 2], [1])).toThrow(/2 actuals but 1 forecasts/);
    expect(mape([0, 0], [1, 2])).toBeNaN();
  });
});
