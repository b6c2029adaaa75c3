// Baseline forecasts against values worked out by hand from history 1, 3, 2, 6, 4, 8.
import { describe, expect, it } from 'vitest';
import {
  baselineForecast,
  driftForecast,
  movingAverageForecast,
  naiveForecast,
  seasonalNaiveForecast,
} from '../../src/forecast/baselines.ts';

const history = [1, 3, 2, 6, 4, 8];

describe('baselines (golden values by hand)', () => {
  it('naive repeats the last value', () => expect(Array.from(naiveForecast(history, 3))).toEqual([8, 8, 8]));
  it('seasonal naive, m = 2: 4, 8, 4', () =>
    expect(Array.from(seasonalNaiveForecast(history, 3, 2))).toEqual([4, 8, 4]));
  it('seasonal naive, m = 4: 2, 6, 4, 8, 2', () =>
    expect(Array.from(seasonalNaiveForecast(history, 5, 4))).toEqual([2, 6, 4, 8, 2]));
  it('drift: slope (8 − 1) / 5 = 1.4, so 9.4, 10.8, 12.2', () => {
    const d = driftForecast(history, 3);
    [9.4, 10.8, 12.2].forEach((v, i) => expect(d[i]).toBeCloseTo(v, 12));
  });
  it('moving average of the last 3: (6 + 4 + 8) / 3 = 6', () =>
    expect(Array.from(movingAverageForecast(history, 2, 3))).toEqual([6, 6]));
  it('dispatches by kind and refuses too short a history', () => {
    expect(
      Array.from(baselineForecast('seasonal-naive', history, 2, { seasonLength: 3, averageWindow: 2 })),
    ).toEqual([6, 4]);
    expect(() => seasonalNaiveForecast([1, 2], 1, 7)).toThrow(/needs at least 7 past values, got 2/);
  });
});
