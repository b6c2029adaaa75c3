// Split-conformal widths against the ⌈(n+1)(1−α)⌉-th order statistic, worked by hand.
import { describe, expect, it } from 'vitest';
import { conformalQuantile, fitConformalWidths } from '../../src/forecast/intervals.ts';

describe('conformal intervals', () => {
  const residuals = [0.5, 0.1, 0.9, 0.3, 0.7, 0.2, 1.0, 0.4, 0.8, 0.6]; // 0.1 … 1.0
  it('80 %: ⌈11 · 0.8⌉ = 9th smallest = 0.9', () => expect(conformalQuantile(residuals, 0.8)).toBe(0.9));
  it('95 %: ⌈11 · 0.95⌉ = 11 > n, capped at the largest = 1.0', () =>
    expect(conformalQuantile(residuals, 0.95)).toBe(1));
  it('widths per horizon step from [n, H] rows', () => {
    // Two steps; step 0 residuals are 1, 2, 3, step 1 residuals are 10, 20, 30.
    const actual = Float64Array.of(1, 10, 2, 20, 3, 30);
    const predicted = new Float64Array(6);
    const widths = fitConformalWidths(actual, predicted, 2, [0.5]);
    // ⌈4 · 0.5⌉ = 2nd smallest.
    expect(widths.halfWidths).toEqual([[2, 20]]);
    expect(widths.residualCount).toBe(3);
  });
  it('refuses empty or misshapen input', () => {
    expect(() => conformalQuantile([], 0.8)).toThrow(/at least one/);
    expect(() => fitConformalWidths(new Float64Array(3), new Float64Array(3), 2)).toThrow(/rows of 2 steps/);
  });
});
