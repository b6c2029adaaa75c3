// Automatic ETS model selection as R's forecast::ets(y) does it: every admissible combination
// of error (A, M), trend (N, A, Ad) and season (N, A, M) is fitted by maximum likelihood and the
// one of least AICc kept. As in R: no multiplicative error or season for data with a value ≤ 0, no
// additive-error model with multiplicative season, seasonal models only for 2 ≤ m ≤ 24, and
// (stricter than R's n > m) only with at least two full seasons of data.
//
// For m > 24 (weekly data with m = 52, hourly with m = 168), where R ignores the season, we
// seasonally adjust by the M4 rule (seasonality test + classical decomposition), select a
// non-seasonal ETS on the adjusted series and reseasonalise, as the M4 benchmarks do.
//
// One deliberate departure from R's model space, on by default: no undamped additive trend
// with a multiplicative season (ETS(M,A,M)). Its trend, extrapolated without damping, scales
// ever larger seasonal swings; with our better-converged likelihoods AICc often prefers it. On
// 100 seeded M4 Hourly series (bench/classical-m4.ts, seed 1) ETS scored OWA 1.08 with it and
// 0.79 without; on another 100 (seed 2) 0.776 either way; Weekly is unaffected (no season).
// The damped ETS(M,Ad,M) stays. `fullModelSpace: true` restores R's space exactly.

import { etsCriterionAt, fitEtsModel, informationCriteria } from './ets-fit.ts';
import type { EtsModelFit } from './ets-fit.ts';
import type { EtsError, EtsSeason, EtsSpec, EtsTrend } from './ets-model.ts';
import { chooseSeasonalAdjustment } from './seasonal-adjustment.ts';
import type { SeasonalAdjustment } from './seasonal-adjustment.ts';
import { fitSes } from './ses-fit.ts';

/** forecast::ets handles seasons of at most 24 (etscalc.c's fixed arrays). */
export const ETS_MAX_SEASON = 24;

export interface EtsSelection {
  readonly model: EtsModelFit;
  /** Every candidate tried with its AICc (Infinity when it could not be fitted). */
  readonly candidates: readonly { readonly name: string; readonly aicc: number }[];
  readonly adjustment: SeasonalAdjustment | null;
  readonly note: string;
}

/** R's npars for the tiny-data rule n ≤ npars + 4 (where R gives up optimising). */
function roughParameterCount(spec: EtsSpec): number {
  return (
    2 + (spec.trend !== 'N' ? 2 : 0) + (spec.season !== 'N' ? spec.m : 0) + (spec.trend === 'Ad' ? 1 : 0)
  );
}

/**
 * The model space of ets(y) with restrict = TRUE and no multiplicative trend; without
 * fullModelSpace, less ETS(M,A,M) (see the top of this file).
 */
export function etsCandidates(
  n: number,
  m: number,
  seasonal: boolean,
  positive: boolean,
  fullModelSpace = false,
): EtsSpec[] {
  const errors: EtsError[] = positive ? ['A', 'M'] : ['A'];
  const trends: EtsTrend[] = ['N', 'A', 'Ad'];
  const seasons: EtsSeason[] = seasonal ? (positive ? ['N', 'A', 'M'] : ['N', 'A']) : ['N'];
  const out: EtsSpec[] = [];
  for (const error of errors) {
    for (const trend of trends) {
      for (const season of seasons) {
        if (error === 'A' && season === 'M') continue;
        if (!fullModelSpace && trend === 'A' && season === 'M') continue;
        const spec: EtsSpec = { error, trend, season, m: season === 'N' ? 1 : m };
        if (n <= roughParameterCount(spec) + 4) continue;
        out.push(spec);
      }
    }
  }
  return out;
}

function isConstant(y: Float64Array): boolean {
  for (let t = 1; t < y.length; t++) if (y[t] !== y[0]) return false;
  return true;
}

/** A fixed ANN model (used for constant series and series too short to select among models). */
function simpleModel(y: Float64Array, alpha: number, level0: number): EtsModelFit {
  const spec: EtsSpec = { error: 'A', trend: 'N', season: 'N', m: 1 };
  const smoothing = { alpha, beta: 0, gamma: 0, phi: 1 };
  const initialState = Float64Array.of(level0);
  const criterion = etsCriterionAt(y, spec, smoothing, initialState);
  const ic = informationCriteria(criterion, 3, y.length);
  return { spec, smoothing, initialState, criterion, parameterCount: 3, ...ic };
}

export interface EtsSelectOptions {
  /** Nelder–Mead evaluations per model (R's maxit). */
  readonly maxEvaluations?: number;
  /** Search R's whole model space, ETS(M,A,M) included. */
  readonly fullModelSpace?: boolean;
}

/** Selects an ETS model for y with season length m by AICc. */
export function selectEts(
  y: Float64Array,
  seasonLength: number,
  options: EtsSelectOptions = {},
): EtsSelection {
  const maxEvaluations = options.maxEvaluations ?? 2000;
  const n = y.length;
  if (isConstant(y)) {
    // R: a constant series gets ses(y, alpha = 0.99999, initial = "simple").
    return {
      model: simpleModel(y, 0.9999, y[0]!),
      candidates: [],
      adjustment: null,
      note: 'constant series',
    };
  }
  let positive = true;
  for (let t = 0; t < n; t++) if (!(y[t]! > 0)) positive = false;
  const m = Math.round(seasonLength);
  let adjustment: SeasonalAdjustment | null = null;
  let seasonal = false;
  let note = '';
  let data = y;
  if (!(m >= 2)) note = 'non-seasonal (m<2)';
  else if (m > ETS_MAX_SEASON) {
    const choice = chooseSeasonalAdjustment(y, m);
    adjustment = choice.adjustment;
    note = `m=${m}>24: ${choice.note}`;
    if (adjustment) data = adjustment.adjust(y);
  } else if (n < 2 * m) note = `non-seasonal (fewer than 2 seasons of m=${m})`;
  else seasonal = true;

  const candidates: { name: string; aicc: number }[] = [];
  let best: EtsModelFit | null = null;
  for (const spec of etsCandidates(n, m, seasonal, positive, options.fullModelSpace ?? false)) {
    const fit = fitEtsModel(data, spec, { maxEvaluations });
    const aicc = fit ? fit.aicc : Infinity;
    candidates.push({ name: `${spec.error}${spec.trend}${spec.season}`, aicc });
    if (fit && Number.isFinite(aicc) && (best === null || aicc < best.aicc)) best = fit;
  }
  if (best === null) {
    // Too few values for any model's AICc: SES by least squares, as R's ses(initial = "simple") would.
    const ses = fitSes(data);
    best = simpleModel(data, ses.alpha, ses.initialLevel);
    note = `${note ? `${note}; ` : ''}too short for model selection`;
  }
  return { model: best, candidates, adjustment, note };
}
