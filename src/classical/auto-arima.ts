// Automatic ARIMA: the Hyndman–Khandakar (2008) stepwise search of forecast::auto.arima
// (forecast 8.20, its defaults: ic = "aicc", stepwise, max p, q = 5, max P, Q = 2, d ≤ 2,
// D ≤ 1, 94 models at most), with every model fitted by conditional sum of squares, as
// auto.arima does under `approximation` (its default for series longer than 150 or m > 12).
// Unlike auto.arima, the chosen model is not refitted by maximum likelihood: it keeps its CSS
// estimates, so fit and selection agree and no Kalman filter is needed.
//
// The criterion is auto.arima's CSS criterion, AICc = n*·log σ² + 2k + 2k(k+1)/(n* − k − 1),
// n* = n − d − D·m, k = coefficients + 1, up to an offset that is the same for every model of the
// search (d and D are fixed before it) and so left out. A model with an AR or MA root inside
// 1.01 is refused, as myarima refuses it.

import { fitArimaOrder, minimumLength } from './arima-css.ts';
import type { ArimaModelFit } from './arima-css.ts';
import { difference, isConstant, ordinaryDifferences, seasonalDifferences } from './arima-differencing.ts';
import { smallestRootModulus } from './arima-roots.ts';
import type { ArimaConstant, ArimaOrder } from './arima-spec.ts';

const MAX_MODELS = 94;
/**
 * The search fits its models to the last this many values only, as auto.arima's `truncate`
 * option does; the chosen order is then fitted to the whole series. Differences are decided
 * on the whole series first, as in R. Above every M4 Hourly length (≤ 960), so those series
 * are searched whole; a 5,000-day series searches 5× faster.
 */
const SEARCH_LENGTH = 1000;
/**
 * The chosen order's coefficients come from the last this many values: past that, more data
 * sharpens estimates no forecast can tell apart, and a 1.4-million-value fit took 110 s. The
 * coefficients do not depend on where the estimation starts (the mean and the drift per step
 * are the same at every t), so they forecast from any origin of the whole history.
 */
const ESTIMATION_LENGTH = 10_000;
const ROOT_MARGIN = 1.01;

export interface AutoArimaResult {
  readonly fit: ArimaModelFit;
  readonly aicc: number;
  /** Models the search fitted. */
  readonly modelsTried: number;
}

/** auto.arima's AICc under CSS, without the constant offset; ∞ for an unusable fit. */
export function cssAicc(fit: ArimaModelFit, n: number): number {
  const { order } = fit;
  const nstar = n - order.d - order.D * order.m;
  const k = fit.parameterCount + 1;
  if (!(fit.sigma2 > 0) || nstar - k - 1 <= 0) return Number.POSITIVE_INFINITY;
  const aic = nstar * Math.log(fit.sigma2) + 2 * k;
  return aic + (2 * k * (k + 1)) / (nstar - k - 1);
}

/** Smallest root modulus over the AR and MA factors; a seasonal factor's roots are the m-th roots. */
function smallestRoot(fit: ArimaModelFit): number {
  const c = fit.coefficients;
  const m = fit.order.m;
  return Math.min(
    smallestRootModulus(Array.from(c.ar, (v) => -v)),
    smallestRootModulus(c.ma),
    smallestRootModulus(Array.from(c.sar, (v) => -v)) ** (1 / m),
    smallestRootModulus(c.sma) ** (1 / m),
  );
}

/**
 * The series is a constant, a line or a repeating season after differencing: auto.arima's
 * special case, ARIMA(0,d,0)(0,D,0) with the constant fixed at the differences' mean (per step
 * for a drift) and nothing to estimate.
 */
function exactModel(
  y: Float64Array,
  d: number,
  D: number,
  m: number,
  differenced: Float64Array,
): AutoArimaResult {
  const order: ArimaOrder = { p: 0, d, q: 0, P: 0, D, Q: 0, m: D > 0 ? m : 1 };
  const constant: ArimaConstant = d + D === 0 ? 'mean' : d + D === 1 ? 'drift' : 'none';
  const value = (differenced[0] ?? 0) / (D > 0 && d === 0 ? m : 1);
  const fit: ArimaModelFit = {
    order,
    constant,
    coefficients: {
      ar: new Float64Array(0),
      ma: new Float64Array(0),
      sar: new Float64Array(0),
      sma: new Float64Array(0),
      constant: constant === 'none' ? 0 : value,
    },
    sigma2: 0,
    used: y.length - d - D * m,
    parameterCount: 0,
  };
  return { fit, aicc: Number.NEGATIVE_INFINITY, modelsTried: 0 };
}

interface Candidate {
  p: number;
  q: number;
  P: number;
  Q: number;
  constant: boolean;
}

const key = (c: Candidate) => `${c.p},${c.q},${c.P},${c.Q},${c.constant}`;

/** Selects and fits an ARIMA for y with season length m (1 for none). */
export function autoArima(y: Float64Array, m: number): AutoArimaResult {
  const n = y.length;
  const seasonal = m > 1;
  const D = seasonal ? seasonalDifferences(y, m) : 0;
  const afterSeasonal = D > 0 ? difference(y, m) : y;
  const d = ordinaryDifferences(afterSeasonal);
  // auto.arima's bounds: p, q ≤ 5 and P, Q ≤ 2, none above a third of the data (in seasons
  // for P, Q), and p, q below m when a seasonal term may enter.
  const maxP = seasonal ? Math.min(2, Math.floor(n / 3 / m)) : 0;
  const maxQ = maxP;
  const short = Math.min(5, Math.floor(n / 3));
  const maxp = maxP > 0 ? Math.min(short, m - 1) : short;
  const maxq = maxQ > 0 ? Math.min(short, m - 1) : short;
  const allowsConstant = d + D <= 1;
  const seasonM = seasonal ? m : 1;
  const differenced = d > 0 ? difference(afterSeasonal, 1) : afterSeasonal;
  if (d <= 1 && isConstant(differenced)) return exactModel(y, d, D, seasonM, differenced);

  const searched = n > SEARCH_LENGTH ? y.subarray(n - SEARCH_LENGTH) : y;
  const tried = new Map<string, number>();
  let best: { fit: ArimaModelFit; aicc: number } | null = null;
  const consider = (c: Candidate): boolean => {
    if (tried.has(key(c)) || tried.size >= MAX_MODELS) return false;
    const order: ArimaOrder = { p: c.p, d, q: c.q, P: c.P, D, Q: c.Q, m: seasonM };
    const constant: ArimaConstant = c.constant ? (d + D === 0 ? 'mean' : 'drift') : 'none';
    let aicc = Number.POSITIVE_INFINITY;
    let fit: ArimaModelFit | null = null;
    if (searched.length >= minimumLength(order, constant)) {
      fit = fitArimaOrder(searched, order, constant);
      aicc = smallestRoot(fit) < ROOT_MARGIN ? Number.POSITIVE_INFINITY : cssAicc(fit, searched.length);
    }
    tried.set(key(c), aicc);
    if (fit && (best === null || aicc < best.aicc)) {
      best = { fit, aicc };
      return true;
    }
    return false;
  };

  const small = n < 10;
  let current: Candidate = {
    p: Math.min(small ? 1 : 2, maxp),
    q: Math.min(small ? 1 : 2, maxq),
    P: small ? 0 : Math.min(1, maxP),
    Q: small ? 0 : Math.min(1, maxQ),
    constant: allowsConstant,
  };
  consider(current);
  const starts: Candidate[] = [
    { p: 0, q: 0, P: 0, Q: 0, constant: allowsConstant },
    { p: maxp > 0 ? 1 : 0, q: 0, P: maxP > 0 ? 1 : 0, Q: 0, constant: allowsConstant },
    { p: 0, q: maxq > 0 ? 1 : 0, P: 0, Q: maxQ > 0 ? 1 : 0, constant: allowsConstant },
  ];
  if (allowsConstant) starts.push({ p: 0, q: 0, P: 0, Q: 0, constant: false });
  for (const start of starts) if (consider(start)) current = start;

  // Neighbours in auto.arima's order; the first that improves becomes current and the round
  // starts again, until a round improves nothing or the model budget is spent.
  const neighbours = (c: Candidate): Candidate[] => {
    const moves: [number, number, number, number][] = [
      [0, 0, -1, 0],
      [0, 0, 0, -1],
      [0, 0, 1, 0],
      [0, 0, 0, 1],
      [0, 0, -1, -1],
      [0, 0, -1, 1],
      [0, 0, 1, -1],
      [0, 0, 1, 1],
      [-1, 0, 0, 0],
      [0, -1, 0, 0],
      [1, 0, 0, 0],
      [0, 1, 0, 0],
      [-1, -1, 0, 0],
      [-1, 1, 0, 0],
      [1, -1, 0, 0],
      [1, 1, 0, 0],
    ];
    const out = moves
      .map(([dp, dq, dP, dQ]) => ({
        p: c.p + dp,
        q: c.q + dq,
        P: c.P + dP,
        Q: c.Q + dQ,
        constant: c.constant,
      }))
      .filter(
        (x) =>
          x.p >= 0 &&
          x.q >= 0 &&
          x.P >= 0 &&
          x.Q >= 0 &&
          x.p <= maxp &&
          x.q <= maxq &&
          x.P <= maxP &&
          x.Q <= maxQ,
      );
    if (allowsConstant) out.push({ ...c, constant: !c.constant });
    return out;
  };
  let improved = true;
  while (improved && tried.size < MAX_MODELS) {
    improved = false;
    for (const next of neighbours(current)) {
      if (consider(next)) {
        current = next;
        improved = true;
        break;
      }
    }
  }
  const chosen = best as { fit: ArimaModelFit; aicc: number } | null;
  if (chosen === null) throw new RangeError(`no ARIMA model can be fitted to ${n} values`);
  if (searched === y) return { fit: chosen.fit, aicc: chosen.aicc, modelsTried: tried.size };
  const estimated = n > ESTIMATION_LENGTH ? y.subarray(n - ESTIMATION_LENGTH) : y;
  const final = fitArimaOrder(estimated, chosen.fit.order, chosen.fit.constant);
  return { fit: final, aicc: cssAicc(final, estimated.length), modelsTried: tried.size };
}
