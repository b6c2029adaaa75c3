// Starting values for an ETS fit, after forecast's initparam() and initstate() (ets.R):
// smoothing parameters just inside their bounds, and initial states from a classical
// decomposition (a Fourier regression when there are fewer than three seasons) and a
// straight line through the first max(10, 2m) seasonally adjusted values.

import { decompose } from './decompose.ts';
import { ETS_LOWER, ETS_UPPER } from './ets-model.ts';
import type { EtsSmoothing, EtsSpec } from './ets-model.ts';
import { leastSquares } from './least-squares.ts';
import { fitLine } from './linear-trend.ts';

/** initparam(): α = 0.2/m of its range, β 10 % of [lower, α], γ 5 % of [lower, 1 − α], φ 99 %. */
export function initialSmoothing(spec: EtsSpec): EtsSmoothing {
  const m = spec.season === 'N' ? 1 : spec.m;
  let alpha = ETS_LOWER.alpha + (0.2 * (ETS_UPPER.alpha - ETS_LOWER.alpha)) / m;
  if (alpha > 1 || alpha < 0) alpha = ETS_LOWER.alpha + 2e-3;
  let beta = 0;
  if (spec.trend !== 'N') {
    const upper = Math.min(ETS_UPPER.beta, alpha);
    beta = ETS_LOWER.beta + 0.1 * (upper - ETS_LOWER.beta);
    if (beta < 0 || beta > alpha) beta = alpha - 1e-3;
  }
  let gamma = 0;
  if (spec.season !== 'N') {
    const upper = Math.min(ETS_UPPER.gamma, 1 - alpha);
    gamma = ETS_LOWER.gamma + 0.05 * (upper - ETS_LOWER.gamma);
    if (gamma < 0 || gamma > 1 - alpha) gamma = 1 - alpha - 1e-3;
  }
  let phi = 1;
  if (spec.trend === 'Ad') phi = ETS_LOWER.phi + 0.99 * (ETS_UPPER.phi - ETS_LOWER.phi);
  return { alpha, beta, gamma, phi };
}

/** Seasonal component of y (a full-length series) for the start-up values. */
function seasonalComponent(y: Float64Array, m: number, multiplicative: boolean): Float64Array {
  const n = y.length;
  const out = new Float64Array(n);
  if (n >= 3 * m) {
    const figure = decompose(y, m, multiplicative ? 'multiplicative' : 'additive').figure;
    for (let t = 0; t < n; t++) out[t] = figure[t % m]!;
    return out;
  }
  // R: tslm(y ~ trend + fourier(y, 1)); the "seasonal" part is y minus (or over) the line.
  const ones = new Float64Array(n).fill(1);
  const time = Float64Array.from({ length: n }, (_, t) => t + 1);
  const cos = Float64Array.from({ length: n }, (_, t) => Math.cos((2 * Math.PI * (t + 1)) / m));
  const columns = [ones, time, cos];
  // For m = 2, sin(π t) vanishes and R drops the column.
  if (m > 2) columns.push(Float64Array.from({ length: n }, (_, t) => Math.sin((2 * Math.PI * (t + 1)) / m)));
  // One coefficient per column: [intercept, slope, cos, sin?].
  const beta = leastSquares(columns, y);
  const intercept = beta[0]!;
  const slope = beta[1]!;
  for (let t = 0; t < n; t++) {
    const line = intercept + slope * (t + 1);
    out[t] = multiplicative ? y[t]! / line : y[t]! - line;
  }
  return out;
}

/**
 * initstate(): the free initial states [ℓ_0, b_0?, s_0 … s_{m−2}?] (the last seasonal state is
 * implied by the seasonal states summing to 0, or to m when multiplicative).
 */
export function initialStates(y: Float64Array, spec: EtsSpec): Float64Array {
  const n = y.length;
  let adjusted = y;
  let seasonal: number[] = [];
  let m = 1;
  if (spec.season !== 'N') {
    m = spec.m;
    const multiplicative = spec.season === 'M';
    const component = seasonalComponent(y, m, multiplicative);
    // R: init.seas <- rev(y.d$seasonal[2:m]).
    for (let j = m - 1; j >= 1; j--) seasonal.push(component[j]!);
    adjusted = new Float64Array(n);
    if (multiplicative) {
      seasonal = seasonal.map((s) => Math.max(s, 1e-2));
      const sum = seasonal.reduce((a, b) => a + b, 0);
      if (sum > m) {
        const denominator = seasonal.reduce((a, b) => a + b + 1e-2, 0);
        seasonal = seasonal.map((s) => s / denominator);
      }
      for (let t = 0; t < n; t++) adjusted[t] = y[t]! / Math.max(component[t]!, 1e-2);
    } else {
      for (let t = 0; t < n; t++) adjusted[t] = y[t]! - component[t]!;
    }
  }
  const maxn = Math.min(Math.max(10, 2 * m), n);
  const out: number[] = [];
  if (spec.trend === 'N') {
    let mean = 0;
    for (let t = 0; t < maxn; t++) mean += adjusted[t]! / maxn;
    out.push(mean);
  } else {
    // R: lsfit(1:maxn, head(y.sa, maxn)); intercept is the level at time 0.
    const line = fitLine(adjusted, maxn);
    let l0 = line.intercept;
    let b0 = line.slope;
    if (Math.abs(l0 + b0) < 1e-8) {
      l0 *= 1 + 1e-3;
      b0 *= 1 - 1e-3;
    }
    out.push(l0, b0);
  }
  return Float64Array.from([...out, ...seasonal]);
}
