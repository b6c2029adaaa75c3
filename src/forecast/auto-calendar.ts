// The calendar inputs of a forecast config: the ones the options ask for, checked against
// the series (time zone, country, a market's holidays from a business-day series' gaps),
// or, when the options say nothing, the trial auto mode makes by itself.
import type { TimeSeries } from '../data/types.ts';
import { holidayCountries, isTimeZone, resolveCalendar } from './calendar-features.ts';
import type { CalendarConfig } from './calendar-features.ts';
import type { ForecastOptions, ForecastStrategy } from './config.ts';
import { ConfigError } from './config-error.ts';
import { marketHolidays } from './market-holidays.ts';

/**
 * The config's calendar, if any. Auto mode tries one when it chooses the RNN candidates
 * itself, not beside a scaler the caller fixed.
 */
export function calendarFor(
  series: TimeSeries,
  options: ForecastOptions,
  strategy: ForecastStrategy,
): CalendarConfig | undefined {
  const spec =
    options.calendar ?? (options.scaler === undefined ? autoCalendar(series.frequency, strategy) : false);
  return spec === false ? undefined : checkedCalendar(series, spec);
}

/**
 * What auto mode does with the calendar when the options say nothing: on daily and
 * business-day data it tries it, as one more RNN candidate that validation keeps or drops
 * (the weekday, the day of the year; COVARIATES.md). Elsewhere it leaves it out: hourly and
 * weekly series' daily, weekly and yearly cycles are whole seasons that the seasonal
 * candidates already model, and every candidate costs a fit.
 */
function autoCalendar(
  frequency: TimeSeries['frequency'],
  strategy: ForecastStrategy,
): { candidate: true } | false {
  const daily = frequency.unit === 'day' || frequency.unit === 'business-day';
  return daily && strategy === 'direct' ? { candidate: true } : false;
}

/** The calendar inputs for the series' frequency, with the time zone and country checked. */
function checkedCalendar(
  series: TimeSeries,
  spec: Exclude<ForecastOptions['calendar'], false | undefined>,
): CalendarConfig {
  if (spec.timezone !== undefined && !isTimeZone(spec.timezone))
    throw new ConfigError(
      `"${spec.timezone}" is not a time zone this runtime knows (use an IANA name such as America/New_York)`,
    );
  if (spec.holidays !== undefined && !holidayCountries().includes(spec.holidays))
    throw new ConfigError(
      `"${spec.holidays}" is not a country date-holidays knows (use an ISO 3166 code such as US or DE)`,
    );
  const calendar = resolveCalendar(series.frequency, spec);
  // A business-day series' own gaps say which of the country's holidays its market keeps.
  if (calendar.holidays !== undefined && series.frequency.unit === 'business-day')
    calendar.marketHolidays = marketHolidays(series.time, calendar.holidays);
  if (calendar.columns.length === 0)
    throw new ConfigError(
      `${series.frequency.label} data has no calendar cycle to learn from: drop the calendar inputs`,
    );
  return calendar;
}
