// Auto mode for a collection: one global network, or auto mode's fit for each series alone,
// decided by how each forecasts the last h values of every series when fitted without them.
// Both are judged on the same holdout with auto mode's leaderboard score, M4's measures
// relative to seasonal naive's ((sMAPE / sMAPE_sn + MASE / MASE_sn) / 2, as OWA relates to
// Naive2), averaged over the series; the lower mean is then fitted on all the data.
//
// Per-series fits cost far more than one global fit (bench/M4-global.md). They run after
// the global holdout fit, in the collection's order, while the time allowed lasts: when it
// runs out before every series has one, the global model is chosen and the report says so.
import type { TimeSeries } from '../../data/types.ts';
import type { ForecastOptions } from '../config.ts';
import { fit } from '../fit.ts';
import type { FitHooks } from '../fit-hooks.ts';
import { forecast } from '../future.ts';
import type { ForecastModel } from '../model.ts';
import { ValidationScorer } from '../select.ts';
import { fitGlobal } from './fit-global.ts';
import { forecastCollection } from './forecast-collection.ts';
import type { GlobalModel } from './global-model.ts';

export interface CollectionChoice {
  chosen: 'global' | 'per-series';
  /** Mean score on the holdout, as auto mode's leaderboard scores (1 = seasonal naive; lower is better). */
  global: number;
  /** null when the per-series fits did not all run in the time allowed. */
  perSeries: number | null;
  /** Series on which each scored better. */
  globalBetterOn: number;
  perSeriesBetterOn: number;
  holdoutSteps: number;
  /** The decision in a sentence, for reports. */
  reason: string;
}

export type ChosenFit =
  | { choice: CollectionChoice; kind: 'global'; global: GlobalModel }
  | { choice: CollectionChoice; kind: 'per-series'; models: Map<string, ForecastModel> };

/**
 * @example
 * const fitted = await chooseCollectionFit(stores, { horizonSteps: 14 }, { budgetMs: 600_000 });
 * console.log(fitted.choice.reason); // "the global model: 0.82 against 0.91 per series …"
 */
export async function chooseCollectionFit(
  collection: readonly TimeSeries[],
  options: ForecastOptions,
  limits: { budgetMs?: number } = {},
  hooks: FitHooks = {},
): Promise<ChosenFit> {
  const started = performance.now();
  const h = options.horizonSteps;
  const holdouts = collection.map((s) => withoutLast(s, h));
  const globalHoldout = await fitGlobal(holdouts, options, hooks);
  const season = globalHoldout.config.seasonLength;
  const globalForecasts = await forecastCollection(globalHoldout, holdouts, options, h, hooks);
  const globalScores = collection.map((s, i) =>
    relativeScore(s, h, season, globalForecasts[i]!.forecast.forecast),
  );

  const budget = limits.budgetMs ?? Number.POSITIVE_INFINITY;
  const ownScores: number[] = [];
  for (const [i, series] of collection.entries()) {
    if (performance.now() - started > budget) break;
    const own = await fit(holdouts[i]!, options, hooks);
    ownScores.push(relativeScore(series, h, season, forecast(own, holdouts[i]!, h).forecast));
  }
  const choice = decide(globalScores, ownScores, collection.length, h, budget);
  if (choice.chosen === 'global')
    return { choice, kind: 'global', global: await fitGlobal(collection, options, hooks) };
  const models = new Map<string, ForecastModel>();
  for (const series of collection) models.set(series.id, await fit(series, options, hooks));
  return { choice, kind: 'per-series', models };
}

function decide(
  globalScores: readonly number[],
  ownScores: readonly number[],
  count: number,
  h: number,
  budgetMs: number,
): CollectionChoice {
  const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const global = mean(globalScores);
  const globalBetterOn = ownScores.filter((own, i) => globalScores[i]! < own).length;
  const common = {
    global,
    holdoutSteps: h,
    globalBetterOn,
    perSeriesBetterOn: ownScores.length - globalBetterOn,
  };
  if (ownScores.length < count)
    return {
      ...common,
      chosen: 'global',
      perSeries: null,
      reason: `the global model (score ${global.toFixed(3)} on the last ${h} values of each series): fits per series reached ${ownScores.length} of ${count} series within the time allowed (${(budgetMs / 1000).toFixed(0)} s)`,
    };
  const perSeries = mean(ownScores);
  const chosen = global <= perSeries ? 'global' : 'per-series';
  const scores = `${global.toFixed(3)} for the global model against ${perSeries.toFixed(3)} per series on the last ${h} values of ${count} series (1 = seasonal naive; the global model was better on ${globalBetterOn})`;
  return {
    ...common,
    chosen,
    perSeries,
    reason: `${chosen === 'global' ? 'the global model' : 'a fit per series'}: ${scores}`,
  };
}

/** The series without its last h values (and without features: a global model reads the target alone). */
function withoutLast(series: TimeSeries, h: number): TimeSeries {
  const n = Math.max(0, series.values.length - h);
  return {
    ...series,
    time: series.time.subarray(0, n),
    values: series.values.subarray(0, n),
    features: [],
    future: undefined,
  };
}

/** The leaderboard's score (select.ts) of `predicted` for the series' last h values: 1 is seasonal naive's. */
function relativeScore(series: TimeSeries, h: number, m: number, predicted: Float64Array): number {
  const n = series.values.length;
  const holdout = { origins: Int32Array.of(n - h), actual: series.values.slice(n - h) };
  return new ValidationScorer(series.values, holdout, h, m, n - h).score(predicted).score;
}
