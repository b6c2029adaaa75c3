// Forecasts from a global model, for a series it was fitted on (its own scalers and
// intervals) or for a new one with enough history (scalers fitted on that history,
// intervals pooled from the fitted series and scaled to it).
import type { TimeSeries } from '../../data/types.ts';
import { forecast } from '../future.ts';
import type { FutureForecast } from '../future.ts';
import { firstOrigin, fitModelScalers } from '../prepare.ts';
import { rnnForecaster } from '../rnn-forecaster.ts';
import { scaledWidths, stepScale } from './global-intervals.ts';
import type { GlobalModel } from './global-model.ts';

/**
 * The next `steps` values of `series` (by its id when the model was fitted on it).
 *
 * @example
 * const next = forecastGlobal(model, stores[3]); // next.forecast, next.lower95, …
 */
export function forecastGlobal(
  model: GlobalModel,
  series: TimeSeries,
  steps = model.config.horizonSteps,
): FutureForecast {
  const { config } = model;
  const n = series.values.length;
  const needed = firstOrigin(config);
  if (n < needed)
    throw new Error(
      `series "${series.id}" has ${n} values; the global model reads ${needed} before forecasting (its window of ${config.windowLength}${needed > config.windowLength ? ' and the values its scaling looks back on' : ''})`,
    );
  const seen = model.series.find((s) => s.id === series.id);
  const scalers =
    seen?.scalers ??
    fitModelScalers([series.values], { train: [0, n], validation: [n, n], test: [n, n] }, config);
  const final = rnnForecaster({
    config,
    network: model.network,
    scalers,
    training: model.training,
    warnings: [],
  });
  return forecast(
    {
      config,
      final,
      intervals: seen?.intervals ?? scaledWidths(model.relativeIntervals, stepScale(series.values)),
      nonNegative: seen?.nonNegative ?? series.values.every((v) => v >= 0),
    },
    { ...series, target: config.target },
    steps,
  );
}
