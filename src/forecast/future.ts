// Forecasts past the end of a series, with timestamps that continue its own frequency
// (business days skip weekends) and split-conformal 80 % and 95 % intervals per step.
import { futureTimes } from '../data/frequency.ts';
import type { TimeSeries } from '../data/types.ts';
import type { ForecastModel } from './model.ts';
import { forecastFromOrigins } from './predict.ts';
import { columnsOf } from './prepare.ts';

export interface FutureForecast {
  /** Always 'forecast': these values come from the model's own predictions, not actuals. */
  kind: 'forecast';
  time: Float64Array;
  forecast: Float64Array;
  lower80: Float64Array;
  upper80: Float64Array;
  lower95: Float64Array;
  upper95: Float64Array;
}

export function forecastFuture(model: ForecastModel, series: TimeSeries, steps = model.config.horizonSteps): FutureForecast {
  if (steps > model.config.horizonSteps) {
    throw new Error(`this model was calibrated for ${model.config.horizonSteps} steps; ${steps} were asked for (refit with --horizon ${steps})`);
  }
  const columns = columnsOf(series, model.config);
  const forecast = forecastFromOrigins(model, columns, [series.values.length], steps);
  const band = (level: number, sign: 1 | -1) => {
    const li = model.intervals.levels.indexOf(level);
    if (li < 0) throw new Error(`the model has no ${level * 100} % intervals`);
    return Float64Array.from(forecast, (v, j) => v + sign * model.intervals.halfWidths[li]![j]!);
  };
  return {
    kind: 'forecast',
    time: futureTimes(series.time[series.time.length - 1]!, series.frequency, steps),
    forecast,
    lower80: band(0.8, -1), upper80: band(0.8, 1),
    lower95: band(0.95, -1), upper95: band(0.95, 1),
  };
}
