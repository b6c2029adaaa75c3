// predictNext: one-step-ahead predictions from actuals at every point a window fits —
// what a chart of "fitted values" shows over train, validation and test. Each value uses
// the actual history before it, never the model's own earlier predictions (docs/lessons.md #8).
import type { TimeSeries } from '../data/types.ts';
import type { ForecastModel } from './model.ts';
import { originsBetween } from './predict.ts';
import { columnsOf } from './prepare.ts';

export type SplitName = 'train' | 'validation' | 'test';

export interface FittedValues {
  /** Always 'predictNext': one step ahead from actuals. */
  kind: 'predictNext';
  time: Float64Array;
  actual: Float64Array;
  predicted: Float64Array;
  /** Which split each point belongs to, with the index ranges of the series. */
  split: Record<SplitName, [number, number]>;
  /** Index in the series of predicted[0]. */
  start: number;
}

/**
 * One-step-ahead fitted values over the series: each prediction sees the actuals before
 * it, never the model's own earlier predictions (what `forecast` does). From the held-out
 * forecaster, so the validation and test parts are honest.
 *
 * @example
 * const fitted = predictNext(model, series); // model from fit(series, { horizonSteps: 14 })
 * fitted.predicted[0]; // the prediction for series.values[fitted.start], from the values before it
 * fitted.split.test; // [start, end) indices of the test part, for shading a chart
 */
export function predictNext(model: ForecastModel, series: TimeSeries): FittedValues {
  const columns = columnsOf(series, model.config);
  const n = series.values.length;
  const start = model.heldOut.firstOrigin;
  const origins = originsBetween(start, n);
  return {
    kind: 'predictNext',
    time: series.time.slice(start),
    actual: series.values.slice(start),
    predicted: model.heldOut.forecastFrom(columns, origins, 1),
    split: model.split,
    start,
  };
}
