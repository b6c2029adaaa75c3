// Forecasts past the end of a series, with timestamps that continue its own frequency
// (business days skip weekends) and split-conformal 80 % and 95 % intervals per step.
import { formatTime } from '../data/calendar.ts';
import type { TimeSeries } from '../data/types.ts';
import { forecastDecimals, roundedText } from './data-precision.ts';
import type { ForecastModel } from './model.ts';
import { nonNegativeBands } from './non-negative.ts';
import { columnsOf } from './prepare.ts';
import { requireFutureValues } from './future-columns.ts';
import { horizonTimes } from './market-holidays.ts';

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

/**
 * The next `steps` values after the end of `series`, from the forecaster refitted on all
 * the data, with split-conformal 80 % and 95 % bands.
 *
 * @example
 * const next = forecast(model, series, 7);
 * next.forecast; // Float64Array of 7 values; next.lower95, next.upper95 beside it
 */
export function forecast(
  model: Pick<ForecastModel, 'config' | 'final' | 'intervals' | 'nonNegative'>,
  series: TimeSeries,
  steps = model.config.horizonSteps,
): FutureForecast {
  if (steps > model.config.horizonSteps) {
    throw new Error(
      `this model was calibrated for ${model.config.horizonSteps} steps; ${steps} were asked for (refit with --horizon ${steps})`,
    );
  }
  // Only the columns this model reads: a series may carry future rows another model uses.
  requireFutureValues(series, { ...model.config, futureFeatures: model.config.futureFeatures ?? [] });
  const columns = columnsOf(series, model.config);
  const raw = model.final.forecastFrom(columns, [series.values.length], steps);
  const band = (level: number, sign: 1 | -1) => {
    const li = model.intervals.levels.indexOf(level);
    if (li < 0) throw new Error(`the model has no ${level * 100} % intervals`);
    return Float64Array.from(raw, (v, j) => v + sign * model.intervals.halfWidths[li]![j]!);
  };
  const b80 = nonNegativeBands(raw, band(0.8, -1), band(0.8, 1), model.nonNegative);
  const b95 = nonNegativeBands(raw, band(0.95, -1), band(0.95, 1), model.nonNegative);
  return {
    kind: 'forecast',
    time: horizonTimes(series, model.config.calendar, steps),
    forecast: b95.forecast,
    lower80: b80.lower,
    upper80: b80.upper,
    lower95: b95.lower,
    upper95: b95.upper,
  };
}

/** One row per step, times as ISO text: what files, the API and the store hold. */
export interface ForecastRow {
  time: string;
  forecast: number;
  lower80: number;
  upper80: number;
  lower95: number;
  upper95: number;
}

/**
 * A forecast as rows, one per step, times as ISO text.
 *
 * @example
 * forecastRows(forecast(model, series, 2));
 * // [{ time: '2016-01-01', forecast: 6.07, lower80: 2.91, upper80: 9.24, lower95: …, upper95: … },
 * //  { time: '2016-01-02', … }]
 */
export function forecastRows(f: FutureForecast): ForecastRow[] {
  return Array.from(f.forecast, (v, i) => ({
    time: formatTime(f.time[i]!),
    forecast: v,
    lower80: f.lower80[i]!,
    upper80: f.upper80[i]!,
    lower95: f.lower95[i]!,
    upper95: f.upper95[i]!,
  }));
}

export type IntervalLevel = 80 | 95;

/**
 * The interval columns of a forecast CSV: `both` (lo_80,hi_80,lo_95,hi_95, rounded to the
 * data's precision plus two decimals), or `legacy`: the older lower,upper of one level at
 * full precision, byte for byte what scripts written before both levels read.
 */
export type IntervalColumns = 'both' | 'legacy';

export interface ForecastCsvOptions {
  intervals?: IntervalColumns;
  /** The interval of the legacy lower,upper columns (95 unless 80). */
  level?: IntervalLevel;
}

/**
 * CSV with exactly one row per step: time,forecast,lo_80,hi_80,lo_95,hi_95, each value
 * rounded to the decimals of `history` (the series the forecast continues) plus two.
 *
 * @example
 * await writeFile('forecast.csv', forecastCsv(forecast(model, series), series)); // node:fs/promises
 * // time,forecast,lo_80,hi_80,lo_95,hi_95
 * // 2016-01-01,6.07,2.91,9.24,1.02,11.12
 * forecastCsv(f, series, { intervals: 'legacy', level: 80 });
 * // time,forecast,lower,upper
 * // 2016-01-01,6.07…,2.90…,9.23…
 */
export function forecastCsv(
  f: FutureForecast,
  history: Pick<TimeSeries, 'values'>,
  options: ForecastCsvOptions = {},
): string {
  if (options.intervals === 'legacy') return legacyForecastCsv(f, options.level ?? 95);
  const decimals = forecastDecimals(history.values);
  const columns = [f.forecast, f.lower80, f.upper80, f.lower95, f.upper95];
  const rows = Array.from(f.time, (t, i) =>
    [formatTime(t), ...columns.map((c) => roundedText(c[i]!, decimals))].join(','),
  );
  return `time,forecast,lo_80,hi_80,lo_95,hi_95\n${rows.join('\n')}\n`;
}

/** The CSV as it was before both intervals: one level's bounds, numbers as JavaScript prints them. */
function legacyForecastCsv(f: FutureForecast, level: IntervalLevel): string {
  const [lower, upper] = level === 80 ? [f.lower80, f.upper80] : [f.lower95, f.upper95];
  const rows = Array.from(f.forecast, (v, i) => `${formatTime(f.time[i]!)},${v},${lower[i]},${upper[i]}`);
  return `time,forecast,lower,upper\n${rows.join('\n')}\n`;
}
