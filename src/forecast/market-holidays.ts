// Business-day series already know their market's holidays: the weekdays missing from the
// history. date-holidays knows a country's holidays by name, and more of them than a market
// closes for (US exchanges trade on Columbus Day and Veterans Day). The two are aligned
// here: a named holiday is one of the series' market holidays when the history is closed
// on most of its weekday dates. Those then
//  - set the forecast's dates: the horizon's business days skip them, so no forecast is
//    dated on a day the market is shut;
//  - make the holiday input: a trading day next to one (the day before Thanksgiving, the
//    day after Christmas), since the holidays themselves have no rows.
import Holidays from 'date-holidays';
import { addWeekdays, DAY_MS, isWeekend } from '../data/calendar.ts';
import { futureTimes } from '../data/frequency.ts';
import type { TimeSeries } from '../data/types.ts';
import type { CalendarConfig } from './calendar-features.ts';

/** A named holiday counts as a market holiday when the history is closed on at least this share of its weekdays. */
const CLOSED_SHARE = 0.5;

const dayKey = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Every holiday of the country (any type) in the years, as [name, "YYYY-MM-DD"]. */
function holidaysIn(country: string, years: Iterable<number>): [string, string][] {
  const calendar = new Holidays(country);
  const out: [string, string][] = [];
  for (const year of years)
    for (const h of calendar.getHolidays(year) || []) out.push([h.name, h.date.slice(0, 10)]);
  return out;
}

function yearsBetween(first: number, last: number): number[] {
  const from = new Date(first).getUTCFullYear(),
    to = new Date(last).getUTCFullYear();
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/**
 * The names of the country's holidays a business-day history closes for, sorted: those
 * whose weekday dates inside the history are missing from it at least half the time.
 */
export function marketHolidays(time: Float64Array, country: string): string[] {
  if (time.length < 2) return [];
  const first = time[0]!,
    last = time[time.length - 1]!;
  const open = new Set(Array.from(time, dayKey));
  const seen = new Map<string, number>(),
    closed = new Map<string, number>();
  for (const [name, date] of holidaysIn(country, yearsBetween(first, last))) {
    const ms = Date.parse(`${date}T00:00:00Z`);
    if (ms < first || ms > last || isWeekend(ms)) continue;
    seen.set(name, (seen.get(name) ?? 0) + 1);
    if (!open.has(date)) closed.set(name, (closed.get(name) ?? 0) + 1);
  }
  return [...seen]
    .filter(([name, n]) => (closed.get(name) ?? 0) >= CLOSED_SHARE * n)
    .map(([name]) => name)
    .sort();
}

/** The dates ("YYYY-MM-DD") of the named holidays from the year before `first` to the year after `last`. */
export function closedDates(
  country: string,
  names: readonly string[],
  first: number,
  last: number,
): Set<string> {
  const wanted = new Set(names);
  const years = yearsBetween(first, last);
  years.unshift(years[0]! - 1);
  years.push(years[years.length - 1]! + 1);
  return new Set(
    holidaysIn(country, years)
      .filter(([name]) => wanted.has(name))
      .map(([, date]) => date),
  );
}

/** 1 on a trading day whose previous or next weekday is a market holiday, else 0. */
export function nextToMarketHoliday(
  times: Float64Array,
  country: string,
  names: readonly string[],
): Float64Array {
  if (times.length === 0) return new Float64Array(0);
  const closed = closedDates(country, names, times[0]!, times[times.length - 1]!);
  const weekdayBefore = (ms: number) => {
    let t = ms - DAY_MS;
    while (isWeekend(t)) t -= DAY_MS;
    return t;
  };
  return Float64Array.from(times, (t) =>
    closed.has(dayKey(weekdayBefore(t))) || closed.has(dayKey(addWeekdays(t, 1))) ? 1 : 0,
  );
}

/**
 * The times of the `steps` steps after the series' last one: its frequency's, except that a
 * business-day series whose calendar knows its market holidays skips them.
 */
export function horizonTimes(
  series: Pick<TimeSeries, 'time' | 'frequency'>,
  calendar: CalendarConfig | undefined,
  steps: number,
): Float64Array {
  const last = series.time[series.time.length - 1]!;
  const names = calendar?.marketHolidays;
  const { frequency } = series;
  if (frequency.unit !== 'business-day' || frequency.step !== 1 || !names?.length || !calendar?.holidays)
    return futureTimes(last, frequency, steps);
  // Holidays close at most a few days a month: twice the steps (and a week) is plenty.
  const candidates = futureTimes(last, frequency, 2 * steps + 5);
  const closed = closedDates(calendar.holidays, names, last, candidates[candidates.length - 1]!);
  return Float64Array.from(
    Array.from(candidates)
      .filter((t) => !closed.has(dayKey(t)))
      .slice(0, steps),
  );
}
