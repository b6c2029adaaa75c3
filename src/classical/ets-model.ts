// The ETS model family of Hyndman et al. (2008) as R's forecast::ets names it: error A/M,
// trend N/A/Ad (damped), season N/A/M; the smoothing parameters in their state-space form
// (β and γ multiply the one-step error, as in forecast's etscalc.c); and the usual bounds.

export type EtsError = 'A' | 'M';
export type EtsTrend = 'N' | 'A' | 'Ad';
export type EtsSeason = 'N' | 'A' | 'M';

export interface EtsSpec {
  readonly error: EtsError;
  readonly trend: EtsTrend;
  readonly season: EtsSeason;
  /** Season length; 1 when season is 'N'. */
  readonly m: number;
}

/** Smoothing parameters; β = 0 without trend, γ = 0 without season, φ = 1 without damping. */
export interface EtsSmoothing {
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
  readonly phi: number;
}

/** forecast::ets defaults: lower = c(rep(1e-4, 3), 0.8), upper = c(rep(0.9999, 3), 0.98). */
export const ETS_LOWER = { alpha: 1e-4, beta: 1e-4, gamma: 1e-4, phi: 0.8 } as const;
export const ETS_UPPER = { alpha: 0.9999, beta: 0.9999, gamma: 0.9999, phi: 0.98 } as const;

/** R's name for the model, e.g. "ETS(M,Ad,M)". */
export function etsName(spec: EtsSpec): string {
  return `ETS(${spec.error},${spec.trend},${spec.season})`;
}

export function hasTrend(spec: EtsSpec): boolean {
  return spec.trend !== 'N';
}

export function hasSeason(spec: EtsSpec): boolean {
  return spec.season !== 'N';
}

/** Length of the full state [ℓ, b?, s_1 … s_m?] (all m seasonal states). */
export function stateLength(spec: EtsSpec): number {
  return 1 + (hasTrend(spec) ? 1 : 0) + (hasSeason(spec) ? spec.m : 0);
}
