// Forecasts from a global model, for a series it was fitted on (its own scalers and
// intervals) or for a new one with enough history (scalers fitted on that history,
// intervals pooled from the fitted series and scaled to it). A model with static inputs
// reads the series' static values: those it carries, else those it was fitted with. An
// ensemble's forecast is the median of its networks' (series-forecaster.ts).
import type { TimeSeries } from '../../data/types.ts';
import { forecast } from '../future.ts';
import type { FutureForecast } from '../future.ts';
import { firstOrigin } from '../prepare.ts';
import { scaledWidths, stepScale } from './global-intervals.ts';
import type { GlobalModel } from './global-model.ts';
import { seriesForecaster } from './series-forecaster.ts';
import { encodeStatics, withStaticInputs } from './static-inputs.ts';

/** A forecast, and what the caller should know about it (a static category the model has not seen). */
export type GlobalForecast = FutureForecast & { warnings: string[] };

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
): GlobalForecast {
  const { config } = model;
  const n = series.values.length;
  const needed = firstOrigin(config);
  if (n < needed)
    throw new Error(
      `series "${series.id}" has ${n} values; the global model reads ${needed} before forecasting (its window of ${config.windowLength}${needed > config.windowLength ? ' and the values its scaling looks back on' : ''})`,
    );
  const seen = model.series.find((s) => s.id === series.id);
  const statics = encodeStatics(model.statics, series.id, series.statics ?? seen?.statics);
  const withInputs = withStaticInputs(series, model.statics, statics.inputs);
  const final = seriesForecaster(model, withInputs);
  const next = forecast(
    {
      config,
      final,
      intervals: seen?.intervals ?? scaledWidths(model.relativeIntervals, stepScale(series.values)),
      nonNegative: seen?.nonNegative ?? series.values.every((v) => v >= 0),
    },
    { ...withInputs, target: config.target },
    steps,
  );
  return { ...next, warnings: statics.warnings };
}
