// The first half of a fit: plan the split, fit every candidate of the pool on the history
// before validation, and score each on the rolling validation origins. fit.ts then adds
// ensembles, keeps the best and refits it; the M4 bench reads this half directly to study
// selection rules on every candidate's forecasts.
import type { TimeSeries } from '../data/types.ts';
import type { SplitRanges } from '../prep/split.ts';
import { ConfigError, resolveForecastConfig } from './auto.ts';
import { candidatePool } from './candidates.ts';
import type { ForecastConfig, ForecastOptions } from './config.ts';
import { fitPool } from './fit-candidates.ts';
import type { CandidateFailure, FittedCandidate } from './fit-candidates.ts';
import type { FitHooks } from './fit-hooks.ts';
import { planSplit } from './plan-split.ts';
import { columnsOf } from './prepare.ts';
import { ValidationScorer, validationOrigins } from './select.ts';
import type { LeaderboardEntry, ValidationForecasts } from './select.ts';

/** A series shorter than this cannot be forecast and scored at all. */
export const MIN_SERIES_VALUES = 3;

export interface ScoredCandidate
  extends FittedCandidate,
    Omit<LeaderboardEntry, 'name' | 'kind' | 'fitSeconds' | 'kept'> {
  /** Its h-step forecasts from every validation origin. */
  predicted: Float64Array;
}

export interface ScoredPool {
  config: ForecastConfig;
  split: SplitRanges;
  /** The target column first, then the features, as the forecasters read them. */
  columns: Float64Array[];
  validation: ValidationForecasts;
  /** Scores any forecasts of the validation origins, e.g. a combination's. */
  score(candidate: FittedCandidate, predicted: Float64Array): ScoredCandidate;
  scored: ScoredCandidate[];
  failed: CandidateFailure[];
  /** What was shortened or left out, and why, for the report. */
  notes: string[];
  /** How many RNN candidates the pool held. */
  rnnCandidates: number;
}

/** Too short to validate: what the baseline model needs instead. */
export interface UnscoredPlan {
  config: ForecastConfig;
  notes: string[];
}

export async function scorePool(
  series: TimeSeries,
  options: ForecastOptions | ForecastConfig,
  hooks: FitHooks = {},
): Promise<ScoredPool | UnscoredPlan> {
  const n = series.values.length;
  if (n < MIN_SERIES_VALUES)
    throw new ConfigError(
      `a series of ${n} values is too short to forecast; at least ${MIN_SERIES_VALUES} are needed`,
    );
  const config = resolveForecastConfig(series, options);
  const plan = planSplit(n, config.horizonSteps, config.split);
  if (!plan.canValidate) return { config, notes: plan.notes };
  const { split } = plan;
  const pool = candidatePool(series, options, config, split);
  const { fitted, failed } = await fitPool(series, pool, split, hooks);
  if (fitted.length === 0)
    throw new Error(`every candidate failed: ${failed.map((f) => `${f.name}: ${f.reason}`).join('; ')}`);

  const columns = columnsOf(series, config);
  const h = config.horizonSteps;
  const validation = validationOrigins(
    columns[0]!,
    split.validation,
    h,
    fitted.map((f) => f.forecaster),
  );
  if (validation.origins.length === 0)
    throw new Error(`the validation split ${split.validation.join('–')} holds no ${h}-step forecast origin`);
  const scorer = new ValidationScorer(columns[0]!, validation, h, config.seasonLength, split.train[1]);
  const score = (candidate: FittedCandidate, predicted: Float64Array): ScoredCandidate => ({
    ...candidate,
    predicted,
    ...scorer.score(predicted),
  });
  return {
    config,
    split,
    columns,
    validation,
    score,
    scored: fitted.map((f) => score(f, f.forecaster.forecastFrom(columns, validation.origins, h))),
    failed,
    notes: [...plan.notes, ...pool.notes],
    rnnCandidates: pool.rnn.length,
  };
}

export function isScoredPool(result: ScoredPool | UnscoredPlan): result is ScoredPool {
  return 'scored' in result;
}
