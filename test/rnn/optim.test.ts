// Optimisers and clipping against hand-computed steps.
import { describe, expect, it } from 'vitest';
import { clipByGlobalNorm, createOptimizer, globalNorm } from '../../src/rnn/optim.ts';

describe('optimisers', () => {
  it('Adam with bias correction: the first step moves each parameter by lr·sign(g)', () => {
    const p = Float64Array.of(1, -1, 0.5);
    const adam = createOptimizer({ kind: 'adam', learningRate: 0.1 }, 3);
    adam.step(p, Float64Array.of(0.3, -20, 1e-3));
    expect(p[0]).toBeCloseTo(0.9, 6);
    expect(p[1]).toBeCloseTo(-0.9, 6);
    expect(p[2]).toBeCloseTo(0.4, 4);
  });
  it('Adam second step matches the formulas (m̂ = m/(1−β1²), v̂ = v/(1−β2²))', () => {
    const p = Float64Array.of(0);
    const adam = createOptimizer({ kind: 'adam', learningRate: 0.01 }, 1);
    adam.step(p, Float64Array.of(1));
    adam.step(p, Float64Array.of(2));
    const first = -(0.01 * 1) / (1 + 1e-8); // m̂ = 1, √v̂ = 1 after step one
    const m = 0.9 * 0.1 + 0.1 * 2,
      v = 0.999 * 0.001 + 0.001 * 4;
    const expected = first - (0.01 * (m / (1 - 0.81))) / (Math.sqrt(v / (1 - 0.999 ** 2)) + 1e-8);
    expect(p[0]).toBeCloseTo(expected, 12);
  });
  it('SGD with momentum: v ← μv + g, θ ← θ − lr·v', () => {
    const p = Float64Array.of(1);
    const sgd = createOptimizer({ kind: 'sgd', learningRate: 0.1, momentum: 0.5 }, 1);
    sgd.step(p, Float64Array.of(2)); // v = 2, θ = 0.8
    sgd.step(p, Float64Array.of(2)); // v = 3, θ = 0.5
    expect(p[0]).toBeCloseTo(0.5, 12);
  });
  it('rejects a non-positive learning rate', () => {
    expect(() => createOptimizer({ kind: 'adam', learningRate: 0 }, 1)).toThrow(/learningRate/);
  });
});

describe('clipping by global norm', () => {
  it('scales to the threshold and returns the norm before clipping', () => {
    const g = Float64Array.of(3, 4); // norm 5
    expect(clipByGlobalNorm(g, 1)).toBe(5);
    expect(globalNorm(g)).toBeCloseTo(1, 12);
    expect(g[0]! / g[1]!).toBeCloseTo(0.75, 12);
  });
  it('leaves gradients under the threshold alone', () => {
    const g = Float64Array.of(0.3, 0.4);
    clipByGlobalNorm(g, 1);
    expect(Array.from(g)).toEqual([0.3, 0.4]);
  });
});
