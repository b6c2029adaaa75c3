// The ETS state recursion of forecast's etscalc.c: one-step forecast, state update and
// h-step point forecasts, plus the likelihood criterion R minimises. The seasonal states live
// in a ring buffer (R shifts an array of m values every step), so a step costs O(1) whatever
// m is and nothing is allocated per step: the likelihood runs thousands of times per fit.
//
// State order when loaded or saved (R's): [ℓ, b?, s_0 … s_{m−1}] with s_0 the newest seasonal
// state and s_{m−1} the oldest, the one the next forecast uses.

import type { EtsSmoothing, EtsSpec } from './ets-model.ts';

/** R's guards against division by (near) zero in multiplicative updates. */
const TOL = 1e-10;
const HUGEN = 1e10;

export class EtsState {
  level = 0;
  slope = 0;
  /** Ring of the m seasonal states; ring[pos] is the oldest (the next forecast's season). */
  readonly ring: Float64Array;
  pos = 0;
  private alpha = 0;
  private beta = 0;
  private gamma = 0;
  private phi = 1;
  private readonly trended: boolean;
  /** 0 none, 1 additive, 2 multiplicative. */
  private readonly seasonKind: number;
  private readonly m: number;

  constructor(spec: EtsSpec) {
    this.trended = spec.trend !== 'N';
    this.seasonKind = spec.season === 'N' ? 0 : spec.season === 'A' ? 1 : 2;
    this.m = spec.season === 'N' ? 1 : spec.m;
    this.ring = new Float64Array(this.m);
  }

  setSmoothing(p: EtsSmoothing): void {
    this.alpha = p.alpha;
    this.beta = this.trended ? p.beta : 0;
    this.gamma = this.seasonKind > 0 ? p.gamma : 0;
    this.phi = this.trended ? p.phi : 1;
  }

  /** Loads a full state in R's order [ℓ, b?, s_0 (newest) … s_{m−1} (oldest)]. */
  load(x: ArrayLike<number>): void {
    this.level = x[0]!;
    this.slope = this.trended ? x[1]! : 0;
    if (this.seasonKind > 0) {
      const first = this.trended ? 2 : 1;
      for (let j = 0; j < this.m; j++) this.ring[j] = x[first + this.m - 1 - j]!;
    }
    this.pos = 0;
  }

  /** One-step-ahead point forecast from the current state. */
  oneStep(): number {
    const q = this.level + this.phi * this.slope;
    if (this.seasonKind === 0) return q;
    const s = this.ring[this.pos]!;
    return this.seasonKind === 1 ? q + s : q * s;
  }

  /** Absorbs the observation y (etscalc.c's update()). */
  update(y: number): void {
    const oldLevel = this.level;
    const phib = this.phi * this.slope;
    const q = oldLevel + phib;
    const kind = this.seasonKind;
    const sOld = kind > 0 ? this.ring[this.pos]! : 0;
    let p = y;
    if (kind === 1) p = y - sOld;
    else if (kind === 2) p = Math.abs(sOld) < TOL ? HUGEN : y / sOld;
    const level = q + this.alpha * (p - q);
    this.level = level;
    if (this.trended) this.slope = phib + (this.beta / this.alpha) * (level - oldLevel - phib);
    if (kind > 0) {
      let target = y - q;
      if (kind === 2) target = Math.abs(q) < TOL ? HUGEN : y / q;
      this.ring[this.pos] = sOld + this.gamma * (target - sOld);
      this.pos = this.pos + 1 === this.m ? 0 : this.pos + 1;
    }
  }

  /** Point forecasts 1 … steps ahead into out[offset …] (etscalc.c's forecast()). */
  forecast(out: Float64Array, offset: number, steps: number): void {
    let damping = 0;
    let power = 1;
    for (let i = 0; i < steps; i++) {
      power *= this.phi;
      damping += power;
      const base = this.level + damping * this.slope;
      const kind = this.seasonKind;
      if (kind === 0) out[offset + i] = base;
      else {
        const s = this.ring[(this.pos + i) % this.m]!;
        out[offset + i] = kind === 1 ? base + s : base * s;
      }
    }
  }
}

/** Σlog|ŷ| is kept as a running product of |ŷ| in this range, flushed to a log sum beyond it. */
const PRODUCT_LIMIT = 1e100;

/**
 * R's fitting criterion (etscalc.c "lik"): n·log(Σe²) + (multiplicative error ? 2·Σlog|ŷ| : 0),
 * e the one-step error (relative for multiplicative error). Equals −2·log-likelihood up to a
 * constant that depends on n only.
 *
 * The same recursion as EtsState.update, written out with local variables: this loop runs
 * thousands of times per fit and is the whole cost of fitting. Σlog|ŷ| is kept as a product
 * (one log per hundreds of steps instead of one per step). `ring` is scratch of length ≥ m.
 */
export function etsCriterion(
  y: Float64Array,
  spec: EtsSpec,
  p: EtsSmoothing,
  initial: ArrayLike<number>,
  ring: Float64Array,
): number {
  const n = y.length;
  const trended = spec.trend !== 'N';
  const kind = spec.season === 'N' ? 0 : spec.season === 'A' ? 1 : 2;
  const m = kind === 0 ? 1 : spec.m;
  const multiplicativeError = spec.error === 'M';
  const alpha = p.alpha;
  const betaRatio = trended ? p.beta / p.alpha : 0;
  const gamma = kind > 0 ? p.gamma : 0;
  const phi = trended ? p.phi : 1;
  let level = initial[0]!;
  let slope = trended ? initial[1]! : 0;
  if (kind > 0) {
    const first = trended ? 2 : 1;
    for (let j = 0; j < m; j++) ring[j] = initial[first + m - 1 - j]!;
  }
  let pos = 0;
  let sse = 0;
  let logSum = 0;
  let product = 1;
  for (let t = 0; t < n; t++) {
    const yt = y[t]!;
    const phib = phi * slope;
    const q = level + phib;
    const sOld = kind > 0 ? ring[pos]! : 0;
    const f = kind === 0 ? q : kind === 1 ? q + sOld : q * sOld;
    let e = yt - f;
    if (multiplicativeError) {
      e /= f;
      const size = Math.abs(f);
      if (size < PRODUCT_LIMIT && size > 1 / PRODUCT_LIMIT) {
        product *= size;
        if (product > PRODUCT_LIMIT || product < 1 / PRODUCT_LIMIT) {
          logSum += Math.log(product);
          product = 1;
        }
      } else logSum += Math.log(size);
    }
    sse += e * e;
    let target = yt;
    if (kind === 1) target = yt - sOld;
    else if (kind === 2) target = Math.abs(sOld) < TOL ? HUGEN : yt / sOld;
    const newLevel = q + alpha * (target - q);
    if (trended) slope = phib + betaRatio * (newLevel - level - phib);
    level = newLevel;
    if (kind > 0) {
      let seasonal = yt - q;
      if (kind === 2) seasonal = Math.abs(q) < TOL ? HUGEN : yt / q;
      ring[pos] = sOld + gamma * (seasonal - sOld);
      pos = pos + 1 === m ? 0 : pos + 1;
    }
  }
  logSum += Math.log(product);
  const lik = n * Math.log(sse) + (multiplicativeError ? 2 * logSum : 0);
  if (Number.isNaN(lik)) return Infinity;
  // R's guard against perfect fits.
  return Math.max(lik, -1e10);
}
