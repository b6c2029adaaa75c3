// The function Nelder–Mead minimises for one ETS model: an unbounded vector
// [α, β?, γ?, φ?, ℓ_0, b_0?, s_0 … s_{m−2}?] mapped to smoothing parameters and a full initial
// state, scored by R's criterion. Smoothing parameters pass through Box's sin² map into the
// usual region (α in [1e-4, 0.9999], β in [1e-4, α], γ in [1e-4, 1 − α], φ in [0.8, 0.98]), so
// the simplex never meets those walls; outside the admissible region, or with a negative
// multiplicative seasonal state, the criterion is +Infinity, as in forecast's lik().

import { squash, unsquash } from './bounded-transform.ts';
import { AdmissibilityWorkspace, withinBounds } from './ets-admissible.ts';
import { ETS_LOWER, ETS_UPPER, hasSeason, hasTrend, stateLength } from './ets-model.ts';
import type { EtsSmoothing, EtsSpec } from './ets-model.ts';
import { etsCriterion } from './ets-recursion.ts';

/** Scratch buffers are allocated once here: value() allocates nothing. */
export class EtsObjective {
  readonly ring: Float64Array;
  readonly full: Float64Array;
  private readonly work: AdmissibilityWorkspace | null;
  private readonly trended: boolean;
  private readonly damped: boolean;
  private readonly seasonal: boolean;
  readonly smoothingCount: number;

  constructor(
    readonly y: Float64Array,
    readonly spec: EtsSpec,
  ) {
    this.ring = new Float64Array(spec.m);
    this.full = new Float64Array(stateLength(spec));
    this.trended = hasTrend(spec);
    this.damped = spec.trend === 'Ad';
    this.seasonal = hasSeason(spec);
    this.work = this.seasonal ? new AdmissibilityWorkspace(spec.m) : null;
    this.smoothingCount = 1 + (this.trended ? 1 : 0) + (this.seasonal ? 1 : 0) + (this.damped ? 1 : 0);
  }

  /** Smoothing parameters from their unbounded coordinates (see toUnbounded). */
  smoothing(x: ArrayLike<number>): EtsSmoothing {
    let j = 1;
    const alpha = squash(x[0]!, ETS_LOWER.alpha, ETS_UPPER.alpha);
    const beta = this.trended ? squash(x[j++]!, ETS_LOWER.beta, Math.min(alpha, ETS_UPPER.beta)) : 0;
    const gamma = this.seasonal ? squash(x[j++]!, ETS_LOWER.gamma, Math.min(1 - alpha, ETS_UPPER.gamma)) : 0;
    const phi = this.damped ? squash(x[j++]!, ETS_LOWER.phi, ETS_UPPER.phi) : 1;
    return { alpha, beta, gamma, phi };
  }

  /** Unbounded coordinates of smoothing parameters inside the usual region. */
  toUnbounded(p: EtsSmoothing, out: Float64Array): void {
    let j = 0;
    out[j++] = unsquash(p.alpha, ETS_LOWER.alpha, ETS_UPPER.alpha);
    if (this.trended) out[j++] = unsquash(p.beta, ETS_LOWER.beta, Math.min(p.alpha, ETS_UPPER.beta));
    if (this.seasonal) out[j++] = unsquash(p.gamma, ETS_LOWER.gamma, Math.min(1 - p.alpha, ETS_UPPER.gamma));
    if (this.damped) out[j++] = unsquash(p.phi, ETS_LOWER.phi, ETS_UPPER.phi);
  }

  /** Writes the full initial state into this.full; false when a multiplicative season is negative. */
  expandState(x: ArrayLike<number>): boolean {
    const free = this.full.length - (this.seasonal ? 1 : 0);
    for (let i = 0; i < free; i++) this.full[i] = x[this.smoothingCount + i]!;
    if (!this.seasonal) return true;
    const first = this.trended ? 2 : 1;
    let sum = 0;
    for (let i = first; i < free; i++) sum += this.full[i]!;
    this.full[free] = (this.spec.season === 'M' ? this.spec.m : 0) - sum;
    if (this.spec.season === 'M') {
      for (let i = first; i <= free; i++) if (this.full[i]! < 0) return false;
    }
    return true;
  }

  value(x: Float64Array): number {
    const p = this.smoothing(x);
    if (!withinBounds(p, this.trended, this.damped, this.seasonal, this.work)) return Infinity;
    if (!this.expandState(x)) return Infinity;
    return etsCriterion(this.y, this.spec, p, this.full, this.ring);
  }
}
