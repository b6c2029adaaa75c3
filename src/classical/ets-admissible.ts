// The usual bounds and the admissible region of forecast::ets (check.param with
// bounds = "both", admissible() in ets.R / etsTargetFunction.cpp, after Hyndman, Akram &
// Archibald 2008). For seasonal models R finds the roots of the characteristic polynomial and
// rejects any of modulus above 1 + 1e-10; we decide the same question without root finding, by
// the Schur–Cohn step-down test on the polynomial with z scaled by 1 + 1e-9 (a root exactly on
// the unit circle, which every ETS(·,N,·) model has at z = 1, is accepted as R accepts it).

import { ETS_LOWER, ETS_UPPER } from './ets-model.ts';
import type { EtsSmoothing } from './ets-model.ts';

const ROOT_RADIUS = 1 + 1e-9;

/** Scratch space for the polynomial test of one season length, allocated once per fit. */
export class AdmissibilityWorkspace {
  readonly coefficients: Float64Array;
  readonly reduced: Float64Array;
  constructor(readonly m: number) {
    this.coefficients = new Float64Array(m + 2);
    this.reduced = new Float64Array(m + 2);
  }
}

/**
 * True when every root of Σ c_i z^i (c given in increasing powers, in `a`) has modulus below
 * `radius`. Schur–Cohn: with k = c_0/c_d, all roots lie inside iff |k| < 1 and the same holds for
 * (A(z) − k·z^d·A(1/z)) / z, of one degree less. Overwrites a and uses b as scratch.
 */
export function rootsInsideRadius(a: Float64Array, b: Float64Array, degree: number, radius: number): boolean {
  let scale = 1;
  for (let i = 0; i <= degree; i++) {
    a[i]! *= scale;
    scale *= radius;
  }
  let d = degree;
  let cur = a;
  let next = b;
  while (d > 0) {
    const lead = cur[d]!;
    if (lead === 0 || !Number.isFinite(lead)) return false;
    const k = cur[0]! / lead;
    if (!(Math.abs(k) < 1)) return false;
    for (let i = 0; i < d; i++) next[i] = cur[i + 1]! - k * cur[d - 1 - i]!;
    const swap = cur;
    cur = next;
    next = swap;
    d -= 1;
  }
  return true;
}

/** forecast's admissible(): phi is 1 for undamped models, beta 0 without trend. */
export function isAdmissible(
  p: EtsSmoothing,
  seasonal: boolean,
  work: AdmissibilityWorkspace | null,
): boolean {
  const { alpha, beta, gamma, phi } = p;
  if (phi < 0 || phi > 1 + 1e-8) return false;
  if (!seasonal) {
    if (alpha < 1 - 1 / phi || alpha > 1 + 1 / phi) return false;
    return !(beta < alpha * (phi - 1) || beta > (1 + phi) * (2 - alpha));
  }
  if (work === null || work.m < 2) return true;
  const m = work.m;
  if (gamma < Math.max(1 - 1 / phi - alpha, 0) || gamma > 1 + 1 / phi - alpha) return false;
  if (alpha < 1 - 1 / phi - (gamma * (1 - m + phi + phi * m)) / (2 * phi * m)) return false;
  if (beta < -(1 - phi) * (gamma / m + alpha)) return false;
  // Characteristic polynomial in increasing powers of z, degree m + 1.
  const c = work.coefficients;
  c[0] = phi * (1 - alpha - gamma);
  c[1] = alpha + beta - alpha * phi + gamma - 1;
  for (let i = 2; i < m; i++) c[i] = alpha + beta - alpha * phi;
  c[m] = alpha + beta - phi;
  c[m + 1] = 1;
  return rootsInsideRadius(c, work.reduced, m + 1, ROOT_RADIUS);
}

/**
 * forecast's check.param with bounds = "both": the usual region (α, β ≤ α, γ ≤ 1 − α, φ within
 * their bounds) intersected with the admissible region. Only the components the model has are
 * checked.
 */
export function withinBounds(
  p: EtsSmoothing,
  trended: boolean,
  damped: boolean,
  seasonal: boolean,
  work: AdmissibilityWorkspace | null,
): boolean {
  if (p.alpha < ETS_LOWER.alpha || p.alpha > ETS_UPPER.alpha) return false;
  if (trended && (p.beta < ETS_LOWER.beta || p.beta > p.alpha || p.beta > ETS_UPPER.beta)) return false;
  if (damped && (p.phi < ETS_LOWER.phi || p.phi > ETS_UPPER.phi)) return false;
  if (seasonal && (p.gamma < ETS_LOWER.gamma || p.gamma > 1 - p.alpha || p.gamma > ETS_UPPER.gamma))
    return false;
  return isAdmissible(p, seasonal, work);
}
