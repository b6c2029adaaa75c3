// The optimisers the fits rely on: Nelder–Mead (ETS) and Brent's method (SES's α).
import { describe, expect, it } from 'vitest';
import { minimiseScalar } from '../../src/classical/minimise-scalar.ts';
import { nelderMead } from '../../src/classical/nelder-mead.ts';

const options = { maxEvaluations: 5000, relativeTolerance: 1e-12, restarts: 3 };

describe('nelderMead', () => {
  it('finds the Rosenbrock minimum (1, 1) from (−1.2, 1)', () => {
    const rosenbrock = (x: Float64Array) => 100 * (x[1]! - x[0]! * x[0]!) ** 2 + (1 - x[0]!) ** 2;
    const r = nelderMead(rosenbrock, [-1.2, 1], { ...options, initialStep: [0.1, 0.1] });
    expect(r.x[0]).toBeCloseTo(1, 4);
    expect(r.x[1]).toBeCloseTo(1, 4);
    expect(r.value).toBeLessThan(1e-8);
  });

  it('minimises a badly scaled 8-dimensional quadratic given per-coordinate steps', () => {
    const scales = [1, 10, 100, 1000, 0.1, 0.01, 5, 50];
    const f = (x: Float64Array) => x.reduce((s, v, i) => s + ((v - i) / scales[i]!) ** 2, 0);
    const r = nelderMead(f, new Float64Array(8), { ...options, maxEvaluations: 20000, initialStep: scales });
    for (let i = 0; i < 8; i++) expect(Math.abs(r.x[i]! - i) / scales[i]!).toBeLessThan(1e-3);
  });

  it('stays in a region where the objective is finite (infinite outside, as ETS bounds are)', () => {
    const f = (x: Float64Array) => (x[0]! < 0.5 ? Infinity : (x[0]! - 0.2) ** 2 + x[1]! ** 2);
    const r = nelderMead(f, [0.9, 0.3], { ...options, initialStep: [0.5, 0.5] });
    expect(r.x[0]).toBeGreaterThanOrEqual(0.5);
    expect(r.x[0]).toBeCloseTo(0.5, 3);
    expect(r.x[1]).toBeCloseTo(0, 3);
  });

  it('respects its evaluation budget and is deterministic', () => {
    let calls = 0;
    const f = (x: Float64Array) => {
      calls++;
      return Math.cos(3 * x[0]!) + x[0]! * x[0]! + Math.sin(x[1]!) + 0.1 * x[1]! * x[1]!;
    };
    const a = nelderMead(f, [2, 2], { ...options, maxEvaluations: 60, initialStep: [1, 1] });
    expect(calls).toBeLessThanOrEqual(60 + 3);
    expect(a.evaluations).toBe(calls);
    const b = nelderMead(f, [2, 2], { ...options, maxEvaluations: 60, initialStep: [1, 1] });
    expect(Array.from(b.x)).toEqual(Array.from(a.x));
  });
});

describe('minimiseScalar', () => {
  it('finds an interior minimum and a minimum on the boundary', () => {
    expect(minimiseScalar((x) => (x - 0.3) ** 2, 0, 1).x).toBeCloseTo(0.3, 8);
    expect(minimiseScalar((x) => -x, 0, 1).x).toBeGreaterThan(1 - 1e-8);
  });
});
