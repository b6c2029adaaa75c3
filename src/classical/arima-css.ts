// Conditional sum of squares (CSS) for a seasonal ARIMA, as R's stats::arima(method = "CSS")
// computes it (ARIMA_CSS in R's arima.c): difference x = y − c(t), then for t ≥ ncond =
// d + D·m + p + P·m run e_t = w_t − Σ phi_k w_{t−k} − Σ theta_k e_{t−k}, with residuals before
// ncond taken as 0. The objective is ½·log(SSE / n_used) and σ² = SSE / n_used.
//
// Fitting differs from R in one way, to keep every fit usable for forecasting: the AR and MA
// parts (seasonal and not) are optimised through the partial-autocorrelation map of
// Jones (1980) (R's partrans, which R applies only under ML), so every fitted AR polynomial is
// stationary and every MA polynomial invertible. At an interior optimum this is a change of
// variables and lands on R's estimates; where R's CSS would return a non-stationary AR part
// (an error in R), ours stops just inside the boundary.

import { nelderMead } from './nelder-mead.ts';
import { allowedConstant, constantAt, differencingCoefficients, expandSeasonal } from './arima-spec.ts';
import type { ArimaCoefficients, ArimaConstant, ArimaOrder } from './arima-spec.ts';

/** A fitted order: its coefficients, residual variance and how many residuals that used. */
export interface ArimaModelFit {
  readonly order: ArimaOrder;
  readonly constant: ArimaConstant;
  readonly coefficients: ArimaCoefficients;
  /** SSE / n_used, R's sigma2 under CSS. */
  readonly sigma2: number;
  /** Residuals in the sum of squares: n − ncond. */
  readonly used: number;
  /** Estimated coefficients, the constant included (not σ²). */
  readonly parameterCount: number;
}

/** The recursion's fixed parts: the expanded polynomials and the differencing. */
export interface ArimaFilter {
  readonly phi: Float64Array;
  readonly theta: Float64Array;
  /** The lags (1-based) where phi and theta are not 0: a seasonal polynomial is mostly zeros. */
  readonly phiLags: Int32Array;
  readonly thetaLags: Int32Array;
  readonly delta: Float64Array;
  /** d + D·m + p + P·m: the first index with a residual. */
  readonly ncond: number;
}

/** The 1-based lags k with c[k − 1] ≠ 0: skipping the zeros is exact and most of the work. */
function nonZeroLags(c: Float64Array): Int32Array {
  const lags: number[] = [];
  for (let k = 0; k < c.length; k++) if (c[k] !== 0) lags.push(k + 1);
  return Int32Array.from(lags);
}

export function arimaFilter(order: ArimaOrder, c: ArimaCoefficients): ArimaFilter {
  const phi = expandSeasonal(c.ar, c.sar, order.m, -1);
  const theta = expandSeasonal(c.ma, c.sma, order.m, 1);
  const delta = differencingCoefficients(order);
  return {
    phi,
    theta,
    phiLags: nonZeroLags(phi),
    thetaLags: nonZeroLags(theta),
    delta,
    ncond: delta.length + phi.length,
  };
}

/**
 * Runs the residual recursion over y[0 .. length): fills x (= y − c(t)), w (differenced) and e
 * (residuals, 0 before ncond); returns the sum of squared residuals.
 */
export function cssResiduals(
  y: Float64Array,
  length: number,
  filter: ArimaFilter,
  constant: ArimaConstant,
  constantValue: number,
  x: Float64Array,
  w: Float64Array,
  e: Float64Array,
): number {
  const { phi, theta, phiLags, thetaLags, delta, ncond } = filter;
  for (let t = 0; t < length; t++) x[t] = y[t]! - constantAt(constant, constantValue, t);
  const nd = delta.length;
  const deltaLags = nonZeroLags(delta);
  for (let t = nd; t < length; t++) {
    let v = x[t]!;
    for (const lag of deltaLags) v -= delta[lag - 1]! * x[t - lag]!;
    w[t] = v;
  }
  let sse = 0;
  e.fill(0, 0, Math.min(ncond, length));
  for (let t = ncond; t < length; t++) {
    let v = w[t]!;
    for (const lag of phiLags) v -= phi[lag - 1]! * w[t - lag]!;
    // Residuals before ncond are 0 (e is zero-filled there): R's min(l − ncond, q) bound.
    for (const lag of thetaLags) v -= theta[lag - 1]! * e[t - lag]!;
    e[t] = v;
    sse += v * v;
  }
  return sse;
}

/** Jones (1980): unconstrained values → the coefficients of a stationary AR polynomial (R's partrans). */
export function stationaryFromRaw(raw: Float64Array, start: number, count: number): Float64Array {
  const out = new Float64Array(count);
  const work = new Float64Array(count);
  for (let j = 0; j < count; j++) out[j] = work[j] = Math.tanh(raw[start + j]!);
  for (let j = 1; j < count; j++) {
    const a = out[j]!;
    for (let k = 0; k < j; k++) work[k]! -= a * out[j - k - 1]!;
    for (let k = 0; k < j; k++) out[k] = work[k]!;
  }
  return out;
}

/** The coefficients a raw parameter vector stands for: AR, MA, SAR, SMA, then the constant. */
export function coefficientsFromRaw(
  order: ArimaOrder,
  constant: ArimaConstant,
  raw: Float64Array,
): ArimaCoefficients {
  let at = 0;
  const take = (count: number, sign: 1 | -1) => {
    const c = stationaryFromRaw(raw, at, count);
    at += count;
    // An invertible MA polynomial 1 + Σθ B^k is the stationary AR polynomial with φ = −θ.
    if (sign === -1) for (let k = 0; k < count; k++) c[k] = -c[k]!;
    return c;
  };
  const ar = take(order.p, 1);
  const ma = take(order.q, -1);
  const sar = take(order.P, 1);
  const sma = take(order.Q, -1);
  return { ar, ma, sar, sma, constant: constant === 'none' ? 0 : raw[at]! };
}

/** Enough values for the order: a residual past ncond for every parameter and one more. */
export function minimumLength(order: ArimaOrder, constant: ArimaConstant): number {
  const ncond = order.d + order.D * order.m + order.p + order.P * order.m;
  const params = order.p + order.q + order.P + order.Q + (constant === 'none' ? 0 : 1);
  return ncond + params + 2;
}

/** The constant's starting value: the mean of y, or of its differences per step (R starts from lm). */
function constantStart(y: Float64Array, order: ArimaOrder, constant: ArimaConstant): number {
  if (constant === 'none') return 0;
  if (constant === 'mean') return y.reduce((s, v) => s + v, 0) / y.length;
  const lag = order.d === 1 ? 1 : order.m;
  let sum = 0;
  for (let t = lag; t < y.length; t++) sum += y[t]! - y[t - lag]!;
  return sum / (y.length - lag) / lag;
}

/**
 * Fits one order by CSS; `constant` defaults to what the order allows. Throws a RangeError when
 * the series is too short for the order.
 */
export function fitArimaOrder(
  y: Float64Array,
  order: ArimaOrder,
  constant = allowedConstant(order),
): ArimaModelFit {
  const n = y.length;
  if (n < minimumLength(order, constant))
    throw new RangeError(`ARIMA order needs at least ${minimumLength(order, constant)} values, got ${n}`);
  const armaCount = order.p + order.q + order.P + order.Q;
  const count = armaCount + (constant === 'none' ? 0 : 1);
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  const e = new Float64Array(n);
  const objective = (raw: Float64Array) => {
    const c = coefficientsFromRaw(order, constant, raw);
    const sse = cssResiduals(y, n, arimaFilter(order, c), constant, c.constant, x, w, e);
    return Number.isFinite(sse) ? sse : Number.POSITIVE_INFINITY;
  };
  const start = new Float64Array(count);
  const step = new Float64Array(count).fill(0.1);
  if (constant !== 'none') {
    start[armaCount] = constantStart(y, order, constant);
    let spread = 0;
    for (let t = 1; t < n; t++) spread += Math.abs(y[t]! - y[t - 1]!);
    // A step on the scale of the data's own movement, never 0 on a flat series.
    step[armaCount] = Math.max((spread / (n - 1)) * (constant === 'mean' ? 0.5 : 0.05), 1e-8);
  }
  const best =
    count === 0
      ? { x: start }
      : nelderMead(objective, start, {
          initialStep: step,
          maxEvaluations: 150 * count + 100,
          relativeTolerance: 1e-8,
          restarts: 1,
        });
  const coefficients = coefficientsFromRaw(order, constant, best.x);
  const filter = arimaFilter(order, coefficients);
  const sse = cssResiduals(y, n, filter, constant, coefficients.constant, x, w, e);
  const used = n - filter.ncond;
  return { order, constant, coefficients, sigma2: sse / used, used, parameterCount: count };
}
