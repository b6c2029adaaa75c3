// How many rolling origins validation and the test report score: all of them on an ordinary
// series, at most MAX_SCORED_ORIGINS spread evenly on a long one, so a 2-million-row series
// is scored in seconds rather than minutes.
import { describe, expect, it } from 'vitest';
import { MAX_SCORED_ORIGINS, originsBetween } from '../../src/forecast/predict.ts';
import { validationOrigins } from '../../src/forecast/select.ts';

describe('scored origins', () => {
  it('are every origin when there are few', () => {
    expect(Array.from(originsBetween(5, 9))).toEqual([5, 6, 7, 8]);
    expect(Array.from(originsBetween(5, 9, 4))).toEqual([5, 6, 7, 8]);
    expect(originsBetween(9, 5)).toHaveLength(0);
  });

  it('are spread evenly from the first to the last when there are more than the cap', () => {
    const origins = originsBetween(100, 300_100, MAX_SCORED_ORIGINS);
    expect(origins).toHaveLength(MAX_SCORED_ORIGINS);
    expect(origins[0]).toBe(100);
    expect(origins[origins.length - 1]).toBe(300_099);
    const gaps = Array.from(origins.subarray(1), (o, i) => o - origins[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(150);
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThanOrEqual(1);
  });

  it('cap validation on a long series, with each origin scored against its own actuals', () => {
    const target = Float64Array.from({ length: 400_000 }, (_, t) => t);
    const h = 3;
    const { origins, actual } = validationOrigins(target, [300_000, 400_000], h, [{ firstOrigin: 10 }]);
    expect(origins).toHaveLength(MAX_SCORED_ORIGINS);
    expect(origins[origins.length - 1]).toBe(400_000 - h);
    for (const i of [0, 777, MAX_SCORED_ORIGINS - 1])
      expect(Array.from(actual.subarray(i * h, (i + 1) * h))).toEqual([0, 1, 2].map((k) => origins[i]! + k));
    const short = validationOrigins(target, [1000, 1500], h, [{ firstOrigin: 10 }]);
    expect(short.origins).toHaveLength(500 - h + 1);
  });
});
