// How many differences auto ARIMA takes, as forecast::auto.arima decides by default:
// - seasonal (D): nsdiffs(test = "seas"): D = 1 when the seasonal strength
//   max(0, 1 − var(R) / var(S + R)) of a decomposition is at least 0.64 (Wang, Smith & Hyndman
//   2006), and never with 2·m values or fewer. R takes S and R from mstl() (STL); we take them
//   from the classical additive decomposition (R's decompose, src/classical/decompose.ts),
//   which gives the same answer except near the threshold;
// - then ordinary (d ≤ 2): ndiffs(test = "kpss"): difference while the KPSS level-stationarity
//   test (urca::ur.kpss, type "mu", lags ⌊3·√n / 13⌋) rejects at 5 %, i.e. its statistic
//   exceeds the 5 % critical value 0.463 (Kwiatkowski et al. 1992, table 1).

import { decompose } from './decompose.ts';

const SEASONAL_STRENGTH_THRESHOLD = 0.64;
const KPSS_CRITICAL_5PCT = 0.463;

function variance(x: ArrayLike<number>): number {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (Number.isNaN(v)) continue;
    n++;
    const d = v - mean;
    mean += d / n;
    m2 += d * (v - mean);
  }
  return n > 1 ? m2 / (n - 1) : 0;
}

/** forecast's is.constant: every value equal to the first. */
export function isConstant(x: ArrayLike<number>): boolean {
  for (let i = 1; i < x.length; i++) if (x[i] !== x[0]) return false;
  return true;
}

/** Lag-`lag` differences of x. */
export function difference(x: Float64Array, lag: number): Float64Array {
  const out = new Float64Array(Math.max(0, x.length - lag));
  for (let t = lag; t < x.length; t++) out[t - lag] = x[t]! - x[t - lag]!;
  return out;
}

/** The seasonal strength of x at season length m (needs more than 2·m values). */
export function seasonalStrength(x: Float64Array, m: number): number {
  const { trend, figure } = decompose(x, m, 'additive');
  const remainder = new Float64Array(x.length);
  const seasonalPlusRemainder = new Float64Array(x.length);
  for (let t = 0; t < x.length; t++) {
    remainder[t] = x[t]! - trend[t]! - figure[t % m]!;
    seasonalPlusRemainder[t] = x[t]! - trend[t]!;
  }
  const total = variance(seasonalPlusRemainder);
  if (total === 0) return 0;
  return Math.max(0, Math.min(1, 1 - variance(remainder) / total));
}

/** nsdiffs: 1 when the season is strong enough, else 0. */
export function seasonalDifferences(x: Float64Array, m: number): number {
  if (m < 2 || x.length <= 2 * m || isConstant(x)) return 0;
  return seasonalStrength(x, m) >= SEASONAL_STRENGTH_THRESHOLD ? 1 : 0;
}

/** The KPSS statistic for level stationarity with ⌊3·√n / 13⌋ Bartlett-weighted lags. */
export function kpssStatistic(x: Float64Array): number {
  const n = x.length;
  let mean = 0;
  for (let t = 0; t < n; t++) mean += x[t]! / n;
  const e = Float64Array.from(x, (v) => v - mean);
  let partial = 0;
  let numerator = 0;
  let s2 = 0;
  for (let t = 0; t < n; t++) {
    partial += e[t]!;
    numerator += partial * partial;
    s2 += e[t]! * e[t]!;
  }
  numerator /= n * n;
  const lags = Math.trunc((3 * Math.sqrt(n)) / 13);
  let longRun = s2 / n;
  for (let l = 1; l <= lags; l++) {
    let cov = 0;
    for (let t = l; t < n; t++) cov += e[t]! * e[t - l]!;
    longRun += (2 / n) * (1 - l / (lags + 1)) * cov;
  }
  return numerator / longRun;
}

/** ndiffs: ordinary differences (at most maxD) until KPSS no longer rejects stationarity. */
export function ordinaryDifferences(x: Float64Array, maxD = 2): number {
  let d = 0;
  let current = x;
  if (isConstant(current)) return 0;
  while (d < maxD && current.length > 2 && kpssStatistic(current) > KPSS_CRITICAL_5PCT) {
    d++;
    current = difference(current, 1);
    if (isConstant(current)) return d;
  }
  return d;
}
