// fit: series + options → a ForecastModel. Resolves the config (auto mode), plans the
// split (short series get what they need), fits every candidate of the pool on the
// history before validation, scores each on rolling validation origins, adds the median
// of the best three, keeps the best, calibrates split-conformal intervals on its
// validation errors, and refits the kept one on all the data for the future forecast.
import type { TimeSeries } from '../data/types.ts';
import type { SplitRanges } from '../prep/split.ts';
import { ConfigError, resolveForecastConfig } from './auto.ts';
import { baselineModel } from './baseline-model.ts';
import { candidatePool } from './candidates.ts';
import { combine, medianOf } from './combination.ts';
import type { ForecastConfig, ForecastOptions } from './config.ts';
import type { FittedForecaster } from './contract.ts';
import type { FitHooks } from './fit-hooks.ts';
import { fitRnnInWorker } from './fit-in-worker.ts';
import { dataSummary } from './data-summary.ts';
import { fitConformalWidths } from './intervals.ts';
import type { ForecastModel } from './model.ts';
import { planSplit } from './plan-split.ts';
import { columnsOf } from './prepare.ts';
import { fitRnn, rnnCandidateName } from './rnn-forecaster.ts';
import type { RnnForecaster } from './rnn-forecaster.ts';
import { fitSeedEnsemble, seedEnsembleName } from './seed-ensemble.ts';
import { LEADERBOARD_METRIC, ValidationScorer, rankEntries, validationOrigins } from './select.ts';
import type { LeaderboardEntry } from './select.ts';

export type { FitHooks, FitProgress } from './fit-hooks.ts';

/** Fewer validation origins than this make interval widths rough: say so. */
const FEW_CALIBRATION_ORIGINS = 20;
/** A series shorter than this cannot be forecast and scored at all. */
export const MIN_SERIES_VALUES = 3;
/** How many of the best candidates the combination takes the median of. */
const COMBINATION_SIZE = 3;

interface FittedCandidate {
  forecaster: FittedForecaster;
  fitSeconds: number;
}

interface ScoredCandidate
  extends FittedCandidate,
    Omit<LeaderboardEntry, 'name' | 'kind' | 'fitSeconds' | 'kept'> {
  predicted: Float64Array;
}

/**
 * @example
 * const model = await fit(series, { horizonSteps: 14 });
 * model.leaderboard.kept; // e.g. "ets", or "rnn: z-score"
 */
export async function fit(
  series: TimeSeries,
  options: ForecastOptions | ForecastConfig,
  hooks: FitHooks = {},
): Promise<ForecastModel> {
  const n = series.values.length;
  if (n < MIN_SERIES_VALUES)
    throw new ConfigError(
      `a series of ${n} values is too short to forecast; at least ${MIN_SERIES_VALUES} are needed`,
    );
  const config = resolveForecastConfig(series, options);
  const seeds = ('ensembleSeeds' in options ? options.ensembleSeeds : undefined) ?? 1;
  if (!Number.isInteger(seeds) || seeds < 1 || seeds > 9)
    throw new ConfigError(`ensembleSeeds must be a whole number from 1 to 9, got ${seeds}`);
  const plan = planSplit(n, config.horizonSteps, config.split);
  if (!plan.canValidate) return baselineModel(series, config, plan.notes);
  const { split } = plan;
  const pool = candidatePool(series, options, config, split);
  const failed: { name: string; reason: string }[] = [];
  const fitted: FittedCandidate[] = [];
  for (const candidate of pool.classical) {
    const started = performance.now();
    try {
      fitted.push({
        forecaster: await candidate.fit(series, split, hooks),
        fitSeconds: secondsSince(started),
      });
    } catch (e) {
      failed.push({ name: candidate.name, reason: (e as Error).message });
    }
  }
  fitted.push(...(await fitRnnCandidates(series, pool.rnn, split, hooks, failed)));
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
  const scored: ScoredCandidate[] = fitted.map((f) => {
    const predicted = f.forecaster.forecastFrom(columns, validation.origins, h);
    return { ...f, predicted, ...scorer.score(predicted) };
  });
  const bestRnn = rankEntries(scored).find((s) => s.forecaster.kind === 'rnn');
  if (seeds > 1 && bestRnn && !hooks.signal?.aborted) {
    const started = performance.now();
    const first = bestRnn.forecaster as RnnForecaster;
    const fitOne = (c: ForecastConfig) =>
      (hooks.parallel === true ? fitRnnInWorker : fitRnn)(
        series,
        c,
        split,
        stageHooks(hooks, `seed ${c.training.seed} of ${first.name}`),
      );
    try {
      const ensemble = await fitSeedEnsemble(first, seeds, fitOne, hooks.parallel === true);
      const predicted = ensemble.forecastFrom(columns, validation.origins, h);
      const fitSeconds = bestRnn.fitSeconds + secondsSince(started);
      scored.push({ forecaster: ensemble, fitSeconds, predicted, ...scorer.score(predicted) });
    } catch (e) {
      failed.push({ name: seedEnsembleName(first, seeds), reason: (e as Error).message });
    }
  }
  const best = rankEntries(scored).slice(0, COMBINATION_SIZE);
  if (best.length >= 2) {
    const predicted = medianOf(best.map((b) => b.predicted));
    const fitSeconds = best.reduce((s, b) => s + b.fitSeconds, 0);
    scored.push({
      forecaster: combine(best.map((b) => b.forecaster)),
      fitSeconds,
      predicted,
      ...scorer.score(predicted),
    });
  }
  const ranked = rankEntries(scored);
  const kept = ranked[0]!;

  const warnings = [...plan.notes, ...pool.notes];
  warnings.push(...failed.map((f) => `the ${f.name} candidate failed: ${f.reason}`));
  if (kept.forecaster.kind === 'rnn') warnings.push(...(kept.forecaster as RnnForecaster).core.warnings);
  if (kept.forecaster.kind !== 'rnn' && pool.rnn.length > 0)
    warnings.push(
      `a ${kept.forecaster.kind} forecaster beat the RNN candidates on validation: ${kept.forecaster.name} was kept`,
    );
  if (validation.origins.length < FEW_CALIBRATION_ORIGINS)
    warnings.push(
      `prediction intervals rest on only ${validation.origins.length} validation forecasts; treat their width as rough`,
    );

  let final = kept.forecaster;
  if (hooks.signal?.aborted)
    warnings.push(
      'cancelled before the refit on all the data: forecasts come from the fit on the history before validation',
    );
  else final = await kept.forecaster.refit(series, stageHooks(hooks, `refit ${kept.forecaster.name}`));

  const rnnFits = scored.flatMap((s) => (s.forecaster.kind === 'rnn' ? [s.forecaster as RnnForecaster] : []));
  const trainingOf = kept.forecaster.kind === 'rnn' ? (kept.forecaster as RnnForecaster) : rnnFits[0];
  return {
    createdAt: new Date().toISOString(),
    config,
    heldOut: kept.forecaster,
    final,
    training: trainingOf?.core.training ?? null,
    intervals: fitConformalWidths(validation.actual, kept.predicted, h),
    nonNegative: series.values.every((v) => v >= 0),
    validation: { origins: validation.origins.length, mae: kept.mae, smape: kept.smape, mase: kept.mase },
    leaderboard: {
      metric: LEADERBOARD_METRIC,
      horizonSteps: h,
      seasonLength: config.seasonLength,
      origins: validation.origins.length,
      entries: ranked.map((s) => ({
        name: s.forecaster.name,
        kind: s.forecaster.kind,
        smape: s.smape,
        mase: s.mase,
        mae: s.mae,
        score: s.score,
        fitSeconds: s.fitSeconds,
        kept: s === kept,
      })),
      kept: kept.forecaster.name,
      failed,
    },
    data: dataSummary(series, config),
    split,
    warnings,
  };
}

/** Fits the RNN candidates one after the other, or each on its own worker thread when hooks.parallel. */
async function fitRnnCandidates(
  series: TimeSeries,
  configs: readonly ForecastConfig[],
  split: SplitRanges,
  hooks: FitHooks,
  failed: { name: string; reason: string }[],
): Promise<FittedCandidate[]> {
  const fitOne = async (config: ForecastConfig, i: number): Promise<FittedCandidate> => {
    const started = performance.now();
    const stage = stageHooks(hooks, `${i + 1}/${configs.length} ${rnnCandidateName(config)}`);
    const forecaster = await (hooks.parallel === true ? fitRnnInWorker : fitRnn)(
      series,
      config,
      split,
      stage,
    );
    return { forecaster, fitSeconds: secondsSince(started) };
  };
  const settled: PromiseSettledResult<FittedCandidate>[] = [];
  if (hooks.parallel === true) settled.push(...(await Promise.allSettled(configs.map(fitOne))));
  else
    for (let i = 0; i < configs.length && !(i > 0 && hooks.signal?.aborted); i++) {
      try {
        settled.push({ status: 'fulfilled', value: await fitOne(configs[i]!, i) });
      } catch (reason) {
        settled.push({ status: 'rejected', reason });
      }
    }
  return settled.flatMap((result, i) => {
    if (result.status === 'fulfilled') return [result.value];
    failed.push({ name: rnnCandidateName(configs[i]!), reason: (result.reason as Error).message });
    return [];
  });
}

function stageHooks(hooks: FitHooks, stage: string): FitHooks {
  const { onEpoch } = hooks;
  return { signal: hooks.signal, onEpoch: onEpoch && ((progress) => onEpoch({ ...progress, stage })) };
}

function secondsSince(started: number): number {
  return (performance.now() - started) / 1000;
}
