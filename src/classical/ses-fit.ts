// Simple exponential smoothing, ℓ_t = ℓ_{t−1} + α(y_t − ℓ_{t−1}), fitted as the M4 benchmarks
// fit it (R's forecast::ses → ets(y, "ANN", opt.crit = "mse")): α in [1e-4, 0.9999] and the
// initial level ℓ_0 chosen to minimise the sum of squared one-step errors.
//
// Rather than a Nelder–Mead search over (α, ℓ_0) as R does, we use that the one-step errors are
// affine in ℓ_0: for each α the best ℓ_0 is a closed-form least-squares solution, leaving a 1-D
// search over α (grid, then Brent). Same objective, a global optimum in ℓ_0 for every α.

import { minimiseScalar } from './minimise-scalar.ts';

export const SES_ALPHA_LOWER = 1e-4;
export const SES_ALPHA_UPPER = 0.9999;

export interface SesParameters {
  readonly alpha: number;
  readonly initialLevel: number;
}

export interface SesFitResult extends SesParameters {
  /** Sum of squared one-step errors at (alpha, initialLevel). */
  readonly sse: number;
}

/** Best ℓ_0 and the SSE it gives for a fixed α, the series shifted by `shift` to keep sums small. */
function profile(z: Float64Array, alpha: number, shift: number): { sse: number; level0: number } {
  let a = 0; // level with ℓ_0 = 0
  let c = 1; // derivative of the level with respect to ℓ_0
  let suu = 0;
  let suc = 0;
  let scc = 0;
  const keep = 1 - alpha;
  for (let t = 0; t < z.length; t++) {
    const w = z[t]! - shift;
    const u = w - a;
    suu += u * u;
    suc += u * c;
    scc += c * c;
    a = keep * a + alpha * w;
    c *= keep;
  }
  const level0 = suc / scc;
  return { sse: Math.max(0, suu - suc * level0), level0: level0 + shift };
}

/** Sum of squared one-step errors of SES with the given parameters. */
export function sesSse(z: Float64Array, alpha: number, initialLevel: number): number {
  let level = initialLevel;
  let sse = 0;
  for (let t = 0; t < z.length; t++) {
    const e = z[t]! - level;
    sse += e * e;
    level += alpha * e;
  }
  return sse;
}

/** Fits α and ℓ_0 by least squares of the one-step errors. z must have at least one value. */
export function fitSes(z: Float64Array): SesFitResult {
  const shift = z[0];
  if (shift === undefined) throw new RangeError('fitSes: the series to smooth is empty');
  const grid = [SES_ALPHA_LOWER, 0.01, 0.03, 0.06, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95];
  grid.push(SES_ALPHA_UPPER);
  let best = 0;
  let bestSse = Infinity;
  for (let i = 0; i < grid.length; i++) {
    const sse = profile(z, grid[i]!, shift).sse;
    if (sse < bestSse) {
      bestSse = sse;
      best = i;
    }
  }
  const lo = grid[Math.max(0, best - 1)]!;
  const hi = grid[Math.min(grid.length - 1, best + 1)]!;
  const found = minimiseScalar((alpha) => profile(z, alpha, shift).sse, lo, hi, 1e-9);
  const alpha = found.value <= bestSse ? found.x : grid[best]!;
  const level0 = profile(z, alpha, shift).level0;
  return { alpha, initialLevel: level0, sse: sesSse(z, alpha, level0) };
}

/** The SES level after each of the given origins (sorted ascending), one pass over z. */
export function sesLevels(
  z: ArrayLike<number>,
  params: SesParameters,
  sortedOrigins: ArrayLike<number>,
): Float64Array {
  const levels = new Float64Array(sortedOrigins.length);
  let level = params.initialLevel;
  let t = 0;
  for (let i = 0; i < sortedOrigins.length; i++) {
    const stop = sortedOrigins[i]!;
    for (; t < stop; t++) level += params.alpha * (z[t]! - level);
    levels[i] = level;
  }
  return levels;
}
