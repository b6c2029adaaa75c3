// Model selection on rolling origins: every fitted candidate forecasts h steps from each
// origin of the validation split (seeing only the actuals before it), and is scored by
// sMAPE and MASE relative to seasonal naive on the very same origins, the way the M4
// Competition's OWA weighs the two. Works over the forecaster contract only: no kind of
// model is special here. The test split is never looked at.
import { naiveForecast, seasonalNaiveForecast } from './baselines.ts';
import type { FittedForecaster, ForecasterKind } from './contract.ts';
import { mae, seasonalNaiveScale, smape } from './metrics.ts';
import { MAX_SCORED_ORIGINS, originsBetween } from './predict.ts';

export interface LeaderboardEntry {
  name: string;
  kind: ForecasterKind;
  /** sMAPE (%) and MASE of the h-step forecasts over every validation origin. */
  smape: number;
  mase: number;
  mae: number;
  /** (sMAPE / sMAPE of seasonal naive + MASE / MASE of seasonal naive) / 2: 1 is seasonal naive, lower is better. */
  score: number;
  /** Seconds spent fitting it on the history before validation. */
  fitSeconds: number;
  kept: boolean;
}

export interface Leaderboard {
  /** What `score` means, in words, for reports. */
  metric: string;
  horizonSteps: number;
  seasonLength: number;
  /** Forecast origins every candidate was scored on. */
  origins: number;
  entries: LeaderboardEntry[];
  kept: string;
  /** Candidates that could not be fitted, and why. */
  failed: { name: string; reason: string }[];
}

export const LEADERBOARD_METRIC =
  'mean of sMAPE and MASE, each relative to seasonal naive on the same validation origins (1 = seasonal naive, lower is better)';

/** The h-step forecasts of every origin, row by row, and the actuals they are scored against. */
export interface ValidationForecasts {
  origins: Int32Array;
  actual: Float64Array;
}

/** Origins in [start, end − h] that every forecaster can forecast from (at most MAX_SCORED_ORIGINS, spread). */
export function validationOrigins(
  target: Float64Array,
  range: readonly [number, number],
  horizonSteps: number,
  forecasters: readonly Pick<FittedForecaster, 'firstOrigin'>[],
): ValidationForecasts {
  const earliest = Math.max(range[0], 2, ...forecasters.map((f) => f.firstOrigin));
  const origins = originsBetween(earliest, range[1] - horizonSteps + 1, MAX_SCORED_ORIGINS);
  const actual = new Float64Array(origins.length * horizonSteps);
  for (let i = 0; i < origins.length; i++)
    actual.set(target.subarray(origins[i]!, origins[i]! + horizonSteps), i * horizonSteps);
  return { origins, actual };
}

/** Scores h-step forecasts [origins × h] against the reference of seasonal naive on the same origins. */
export class ValidationScorer {
  private readonly scale: number;
  private readonly reference: { smape: number; mase: number };

  constructor(
    private readonly target: Float64Array,
    private readonly validation: ValidationForecasts,
    private readonly horizonSteps: number,
    private readonly seasonLength: number,
    trainEnd: number,
  ) {
    this.scale = masScale(target.subarray(0, trainEnd), seasonLength);
    const reference = this.seasonalNaive();
    this.reference = {
      smape: smape(validation.actual, reference),
      mase: mae(validation.actual, reference) / this.scale,
    };
  }

  score(forecasts: Float64Array): Pick<LeaderboardEntry, 'smape' | 'mase' | 'mae' | 'score'> {
    const { actual } = this.validation;
    const error = mae(actual, forecasts);
    const sm = smape(actual, forecasts);
    const ms = error / this.scale;
    return {
      smape: sm,
      mase: ms,
      mae: error,
      score: (relative(sm, this.reference.smape) + relative(ms, this.reference.mase)) / 2,
    };
  }

  /** Seasonal naive from each origin (naive where a season has not been seen yet). */
  private seasonalNaive(): Float64Array {
    const h = this.horizonSteps;
    const m = this.seasonLength;
    const { origins } = this.validation;
    const out = new Float64Array(origins.length * h);
    for (let i = 0; i < origins.length; i++) {
      const history = this.target.subarray(0, origins[i]!);
      out.set(
        m >= 2 && history.length >= m ? seasonalNaiveForecast(history, h, m) : naiveForecast(history, h),
        i * h,
      );
    }
    return out;
  }
}

/** The MASE scale: in-sample seasonal-naive MAE, falling back to naive's, then to 1 for a constant series. */
function masScale(train: Float64Array, m: number): number {
  for (const lag of [m, 1]) {
    const scale = seasonalNaiveScale(train, lag);
    if (scale > 0) return scale;
  }
  return 1;
}

/** value / reference, where a perfect reference (0) makes any error count against the candidate. */
function relative(value: number, reference: number): number {
  if (!Number.isFinite(value)) return Number.POSITIVE_INFINITY;
  if (reference > 0) return value / reference;
  return value === 0 ? 1 : 1 + value;
}

/** Entries best first: by score, then by the order they were given in (simpler candidates come first). */
export function rankEntries<T extends Pick<LeaderboardEntry, 'score'>>(entries: readonly T[]): T[] {
  return entries
    .map((entry, order) => ({ entry, order }))
    .sort((a, b) => a.entry.score - b.entry.score || a.order - b.order)
    .map(({ entry }) => entry);
}
