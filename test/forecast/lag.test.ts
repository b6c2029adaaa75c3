// Lag analysis: a persistence-like prediction is caught at lag 1, an honest one at 0.
import { describe, expect, it } from 'vitest';
import { analyseLag } from '../../src/forecast/lag.ts';

describe('lag analysis', () => {
  const actual = [1, 5, 2, 8, 3, 9, 4, 7];
  it('finds lag 1 for predictions that copy the previous actual, and warns', () => {
    const lagged = [0, ...actual.slice(0, -1)];
    const report = analyseLag(actual, lagged);
    expect(report.bestLag).toBe(1);
    expect(report.maeByLag[1]).toBe(0);
    expect(report.warning).toMatch(/shifted by 1 step/);
  });
  it('finds lag 0 and no warning for predictions that track the actuals', () => {
    const report = analyseLag(
      actual,
      actual.map((v) => v + 0.1),
    );
    expect(report.bestLag).toBe(0);
    expect(report.warning).toBeNull();
  });
});
