// Losses against values worked out by hand, and their gradients against the definition.
import { describe, expect, it } from 'vitest';
import { lossAndGradient, lossValue } from '../../src/rnn/loss.ts';

// Residuals (prediction − target): 0.5, −2, 0, 3
const prediction = Float64Array.of(1.5, 0, 2, 4);
const target = Float64Array.of(1, 2, 2, 1);

describe('losses (golden values by hand)', () => {
  it('MSE = (0.25 + 4 + 0 + 9) / 4 = 3.3125, gradient 2r/n', () => {
    const g = new Float64Array(4);
    expect(lossAndGradient('mse', prediction, target, 4, g)).toBeCloseTo(3.3125, 15);
    expect(Array.from(g)).toEqual([0.25, -1, 0, 1.5]);
  });
  it('MAE = (0.5 + 2 + 0 + 3) / 4 = 1.375, gradient sign(r)/n', () => {
    const g = new Float64Array(4);
    expect(lossAndGradient('mae', prediction, target, 4, g)).toBeCloseTo(1.375, 15);
    expect(Array.from(g)).toEqual([0.25, -0.25, 0, 0.25]);
  });
  it('Huber (δ = 1) = (0.125 + 1.5 + 0 + 2.5) / 4 = 1.03125', () => {
    const g = new Float64Array(4);
    expect(lossAndGradient('huber', prediction, target, 4, g)).toBeCloseTo(1.03125, 15);
    expect(Array.from(g)).toEqual([0.125, -0.25, 0, 0.25]);
  });
  it('lossValue agrees with lossAndGradient, also from a target offset', () => {
    const padded = Float64Array.of(99, 99, ...target);
    for (const kind of ['mse', 'mae', 'huber'] as const) {
      expect(lossValue(kind, prediction, padded, 4, 2)).toBe(
        lossAndGradient(kind, prediction, target, 4, new Float64Array(4)),
      );
    }
  });
});
