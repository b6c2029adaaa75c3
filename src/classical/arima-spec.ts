// The shape of a seasonal ARIMA(p,d,q)(P,D,Q)m model and the polynomials it multiplies out to,
// in R's stats::arima conventions:
//   φ(B)Φ(B^m) w_t = θ(B)Θ(B^m) e_t,  w_t = (1−B)^d (1−B^m)^D x_t,  x_t = y_t − c(t),
// with φ(B) = 1 − φ₁B − …, θ(B) = 1 + θ₁B + …, and c(t) a mean (d + D = 0), a drift δ·t with
// t = 1, 2, … (d + D = 1, as forecast::auto.arima adds it) or nothing.

export interface ArimaOrder {
  readonly p: number;
  readonly d: number;
  readonly q: number;
  readonly P: number;
  readonly D: number;
  readonly Q: number;
  /** Season length; 1 when the model has no seasonal part. */
  readonly m: number;
}

/** What c(t) is: a mean, a drift δ·t, or nothing (more differences, or left out). */
export type ArimaConstant = 'none' | 'mean' | 'drift';

export interface ArimaCoefficients {
  readonly ar: Float64Array;
  readonly ma: Float64Array;
  readonly sar: Float64Array;
  readonly sma: Float64Array;
  /** The mean or the drift per step; 0 when the constant is 'none'. */
  readonly constant: number;
}

/** The constant the order allows, as auto.arima: a mean with no differences, a drift with one. */
export function allowedConstant(order: ArimaOrder): ArimaConstant {
  const differences = order.d + order.D;
  return differences === 0 ? 'mean' : differences === 1 ? 'drift' : 'none';
}

/**
 * (1 + s₁B + … + s_aB^a)(1 + S₁B^m + … + S_bB^{bm}) as coefficients of B¹ … B^{a+bm}, with the
 * sign convention given: −1 for AR polynomials (1 − Σ), +1 for MA ones (1 + Σ). Returned in the
 * same convention, so w_t = Σ phi[k−1]·w_{t−k} + … for AR.
 */
export function expandSeasonal(
  short: Float64Array,
  seasonal: Float64Array,
  m: number,
  sign: 1 | -1,
): Float64Array {
  const out = new Float64Array(short.length + seasonal.length * m);
  for (let i = 0; i < short.length; i++) out[i] = short[i]!;
  for (let j = 0; j < seasonal.length; j++) {
    const lag = (j + 1) * m;
    out[lag - 1]! += seasonal[j]!;
    // The cross terms: sign·short_i·seasonal_j at lag i + lag (both polynomials carry `sign`).
    for (let i = 0; i < short.length; i++) out[lag + i]! += sign * short[i]! * seasonal[j]!;
  }
  return out;
}

/**
 * The differencing (1−B)^d (1−B^m)^D written as x_t = Σ delta[k−1]·x_{t−k} + w_t (R's Delta),
 * so that w_t = x_t − Σ delta[k−1]·x_{t−k}.
 */
export function differencingCoefficients(order: ArimaOrder): Float64Array {
  // The polynomial 1 − Σ delta_k B^k, built as a product of (1 − B) and (1 − B^m) factors.
  let poly = [1];
  const multiply = (lag: number) => {
    const next = new Array<number>(poly.length + lag).fill(0);
    for (let i = 0; i < poly.length; i++) {
      next[i]! += poly[i]!;
      next[i + lag]! -= poly[i]!;
    }
    poly = next;
  };
  for (let i = 0; i < order.d; i++) multiply(1);
  for (let i = 0; i < order.D; i++) multiply(order.m);
  return Float64Array.from(poly.slice(1), (c) => -c);
}

/** "ARIMA(2,1,1)(0,1,1)[24] with drift", as R's arima.string writes it. */
export function describeOrder(order: ArimaOrder, constant: ArimaConstant): string {
  const seasonal = order.P + order.D + order.Q > 0 ? `(${order.P},${order.D},${order.Q})[${order.m}]` : '';
  const suffix = constant === 'mean' ? ' with non-zero mean' : constant === 'drift' ? ' with drift' : '';
  return `ARIMA(${order.p},${order.d},${order.q})${seasonal}${suffix}`;
}

/** The value c(t) subtracts at time index t (0-based; R's drift regressor is t + 1). */
export function constantAt(constant: ArimaConstant, value: number, t: number): number {
  return constant === 'mean' ? value : constant === 'drift' ? value * (t + 1) : 0;
}
