// The admissible region of seasonal ETS models: our Schur–Cohn test against numpy.roots on the
// characteristic polynomial of forecast's admissible() (fixture from admissibility-reference.py).
import { describe, expect, it } from 'vitest';
import {
  AdmissibilityWorkspace,
  isAdmissible,
  rootsInsideRadius,
  withinBounds,
} from '../../src/classical/ets-admissible.ts';
import { ADMISSIBILITY_REFERENCE } from './fixtures/admissibility-reference.ts';

function polynomial(c: { m: number; alpha: number; beta: number; gamma: number; phi: number }): Float64Array {
  const { m, alpha, beta, gamma, phi } = c;
  const p = new Float64Array(m + 2);
  p[0] = phi * (1 - alpha - gamma);
  p[1] = alpha + beta - alpha * phi + gamma - 1;
  for (let i = 2; i < m; i++) p[i] = alpha + beta - alpha * phi;
  p[m] = alpha + beta - phi;
  p[m + 1] = 1;
  return p;
}

describe('Schur–Cohn root test', () => {
  it('decides "all roots inside the unit circle" as numpy.roots does on 300 random polynomials', () => {
    let inside = 0;
    for (const c of ADMISSIBILITY_REFERENCE) {
      const p = polynomial(c);
      const decided = rootsInsideRadius(p, new Float64Array(p.length), c.m + 1, 1 + 1e-9);
      expect(decided, JSON.stringify(c)).toBe(c.maxRootModulus <= 1);
      if (decided) inside++;
    }
    expect(inside).toBeGreaterThan(50);
    expect(inside).toBeLessThan(250);
  });

  it('scales z by the radius: z = 1.5 lies inside radius 2 but not radius 1', () => {
    const p = Float64Array.of(-1.5, 1);
    expect(rootsInsideRadius(Float64Array.from(p), new Float64Array(2), 1, 2)).toBe(true);
    expect(rootsInsideRadius(Float64Array.from(p), new Float64Array(2), 1, 1)).toBe(false);
  });
});

describe('ETS admissibility', () => {
  it('accepts ETS(A,N,A) with small α and γ although its polynomial has a root at z = 1 (R does too)', () => {
    const work = new AdmissibilityWorkspace(24);
    expect(isAdmissible({ alpha: 0.05, beta: 0, gamma: 0.01, phi: 1 }, true, work)).toBe(true);
  });

  it('rejects what the usual bounds reject: β > α, γ > 1 − α, φ outside [0.8, 0.98]', () => {
    const work = new AdmissibilityWorkspace(12);
    const ok = { alpha: 0.3, beta: 0.1, gamma: 0.2, phi: 0.9 };
    expect(withinBounds(ok, true, true, true, work)).toBe(true);
    expect(withinBounds({ ...ok, beta: 0.31 }, true, true, true, work)).toBe(false);
    expect(withinBounds({ ...ok, gamma: 0.71 }, true, true, true, work)).toBe(false);
    expect(withinBounds({ ...ok, phi: 0.99 }, true, true, true, work)).toBe(false);
    expect(withinBounds({ ...ok, alpha: 0 }, true, true, true, work)).toBe(false);
  });
});
