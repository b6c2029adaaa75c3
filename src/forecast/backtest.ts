// Rolling-origin backtest: k folds, each fitting a fresh model (scaler included) on the
// series up to its origin only, then forecasting the next h values. Nothing at or after
// an origin reaches that fold's fit. Never shuffled: time only moves forward.
import type { TimeSeries } from '../data/types.ts';
import { BASELINE_KINDS, baselineForecast } from './baselines.ts';
import type { BaselineKind } from './baselines.ts';
import { resolveForecastConfig } from './auto.ts';
import type { ForecastOptions } from './config.ts';
import { fit } from './fit.ts';
import type { FitHooks } from './fit.ts';
import { forecast } from './future.ts';
import { scoreForecast } from './metrics.ts';
import type { MetricSet } from './metrics.ts';

export interface BacktestFold {
  fold: number;
  /** Index of the first forecast value; the fold trained on values [0, origin). */
  origin: number;
  originTime: number;
  actual: number[];
  forecast: number[];
  model: MetricSet;
  baselines: Record<BaselineKind, MetricSet>;
  /** Which candidate the fold's model selection kept. */
  kept: string;
}

export interface BacktestResult {
  folds: BacktestFold[];
  mean: { model: MetricSet; baselines: Record<BaselineKind, MetricSet> };
}

/** Prefix [0, end) of a series: everything a fold may see. */
export function seriesPrefix(series: TimeSeries, end: number): TimeSeries {
  return {
    ...series,
    time: series.time.subarray(0, end),
    values: series.values.subarray(0, end),
    features: series.features.map((f) => ({ name: f.name, values: f.values.subarray(0, end) })),
  };
}

/**
 * Rolling-origin backtest: `folds` origins h values apart, covering the last folds × h
 * values; each fold runs the whole fit (selection included) on the values before its
 * origin and forecasts the next h, scored beside the baselines.
 *
 * @example
 * const result = await backtest(series, { horizonSteps: 14 }, 3);
 * result.mean.model.mase; // beside result.mean.baselines.naive.mase
 * result.folds.map((f) => f.kept); // which candidate each fold's selection kept
 */
export async function backtest(
  series: TimeSeries,
  options: ForecastOptions,
  folds: number,
  hooks: FitHooks = {},
): Promise<BacktestResult> {
  if (!Number.isInteger(folds) || folds < 1)
    throw new Error(`folds must be a whole number ≥ 1, got ${folds}`);
  const h = options.horizonSteps;
  const n = series.values.length;
  const firstFoldOrigin = n - folds * h;
  // Fold fits need no test split of their own: the fold's future is the test.
  const foldOptions: ForecastOptions = {
    ...options,
    split: { validation: options.split?.validation ?? 0.15, test: 0 },
  };
  const m = resolveForecastConfig(series, options).seasonLength;
  if (firstFoldOrigin < Math.max(4 * h, 2 * m, 30))
    throw new Error(
      `${folds} folds of ${h} steps leave only ${firstFoldOrigin} values to train the first fold on; use fewer folds`,
    );

  const results: BacktestFold[] = [];
  for (let k = 0; k < folds; k++) {
    const origin = firstFoldOrigin + k * h;
    const history = seriesPrefix(series, origin);
    const model = await fit(history, foldOptions, hooks);
    const predicted = forecast(model, history, h).forecast;
    const actual = series.values.subarray(origin, origin + h);
    const train = history.values;
    const baselines = {} as Record<BaselineKind, MetricSet>;
    for (const kind of BASELINE_KINDS)
      baselines[kind] = scoreForecast(
        actual,
        baselineForecast(kind, train, h, { seasonLength: m, averageWindow: m }),
        train,
        m,
      );
    results.push({
      fold: k + 1,
      origin,
      originTime: series.time[origin]!,
      actual: Array.from(actual),
      forecast: Array.from(predicted),
      model: scoreForecast(actual, predicted, train, m),
      baselines,
      kept: model.leaderboard.kept,
    });
  }
  const meanOf = (pick: (f: BacktestFold) => MetricSet): MetricSet => {
    const keys = Object.keys(results[0]!.model) as (keyof MetricSet)[];
    return Object.fromEntries(
      keys.map((key) => [key, results.reduce((s, f) => s + pick(f)[key], 0) / results.length]),
    ) as unknown as MetricSet;
  };
  const baselineMeans = Object.fromEntries(
    BASELINE_KINDS.map((kind) => [kind, meanOf((f) => f.baselines[kind])]),
  ) as Record<BaselineKind, MetricSet>;
  return { folds: results, mean: { model: meanOf((f) => f.model), baselines: baselineMeans } };
}
