// Calendar inputs, generated from the timestamps: the hour of the day, the day of the week,
// the day of the year or the month, each as a sine and a cosine (so 23:00 sits next to
// 00:00 and December next to January), and a public-holiday flag for a country from the
// maintained date-holidays package. Timestamps are read on the series' clock: as written
// for timestamps without an offset (ingestion keeps them as UTC wall-clock), or in the
// time zone given. They are known for any future time, so they enter the network as
// known-future inputs (future-columns.ts) with no values asked of the analyst.
import Holidays from 'date-holidays';
import type { Frequency } from '../data/types.ts';
import { nextToMarketHoliday } from './market-holidays.ts';

/** What a model's calendar inputs are, resolved for its frequency: enough to rebuild them at forecast time. */
export interface CalendarConfig {
  /** The generated columns, in input order: "hour-sin", "hour-cos", "weekday-sin", … "holiday". */
  columns: string[];
  /** ISO 3166 country code whose public holidays are flagged. */
  holidays?: string;
  /** IANA time zone the timestamps are read in; UTC (as written) when absent. */
  timezone?: string;
  /**
   * Tried rather than given: one RNN candidate reads the calendar, the others do not, and
   * validation decides (candidates.ts). Absent: every network reads it.
   */
  candidate?: boolean;
  /**
   * Business days only: the country's holidays the history's gaps show its market closes
   * for (market-holidays.ts). The horizon skips them and the holiday input marks the trading
   * days next to them.
   */
  marketHolidays?: string[];
}

const SUB_DAILY: ReadonlySet<Frequency['unit']> = new Set(['second', 'minute', 'hour']);
const DAY_BASED: ReadonlySet<Frequency['unit']> = new Set([
  'second',
  'minute',
  'hour',
  'day',
  'business-day',
]);

/** The cycles a frequency can show: a day for sub-daily data, a week up to daily, a year up to weekly. */
export function calendarCycles(frequency: Frequency): string[] {
  const unit = frequency.unit;
  const cycles: string[] = [];
  if (SUB_DAILY.has(unit)) cycles.push('hour');
  if (DAY_BASED.has(unit)) cycles.push('weekday');
  if (DAY_BASED.has(unit) || unit === 'week') cycles.push('yearday');
  if (unit === 'month' || unit === 'quarter') cycles.push('month');
  return cycles;
}

/**
 * The calendar inputs for a frequency: its cycles' sines and cosines, and the holiday flag
 * when a country is named and the data is daily or finer (a week or a month holds several
 * days, some holidays and some not).
 */
export function resolveCalendar(
  frequency: Frequency,
  spec: { holidays?: string; timezone?: string; candidate?: boolean },
): CalendarConfig {
  const columns = calendarCycles(frequency).flatMap((c) => [`${c}-sin`, `${c}-cos`]);
  const holidays = spec.holidays !== undefined && DAY_BASED.has(frequency.unit);
  return {
    columns: holidays ? [...columns, 'holiday'] : columns,
    ...(spec.holidays !== undefined ? { holidays: spec.holidays } : {}),
    ...(spec.timezone !== undefined ? { timezone: spec.timezone } : {}),
    ...(spec.candidate ? { candidate: true } : {}),
  };
}

/** Whether the name is an IANA time zone this runtime knows. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The country codes date-holidays knows, sorted. */
export function holidayCountries(): string[] {
  return Object.keys(new Holidays().getCountries()).sort();
}

interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

function localTimeReader(timezone: string | undefined): (ms: number) => LocalTime {
  if (timezone === undefined || timezone === 'UTC') {
    return (ms) => {
      const d = new Date(ms);
      return {
        year: d.getUTCFullYear(),
        month: d.getUTCMonth() + 1,
        day: d.getUTCDate(),
        hour: d.getUTCHours(),
        minute: d.getUTCMinutes(),
        weekday: d.getUTCDay(),
      };
    };
  }
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    weekday: 'short',
  });
  const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  return (ms) => {
    const parts = Object.fromEntries(format.formatToParts(ms).map((p) => [p.type, p.value]));
    return {
      year: Number(parts.year),
      month: Number(parts.month),
      day: Number(parts.day),
      hour: Number(parts.hour),
      minute: Number(parts.minute),
      weekday: weekdays.indexOf(parts.weekday ?? ''),
    };
  };
}

const dateKey = (t: LocalTime) =>
  `${t.year}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`;

/** The public holidays of a country over some years, as local dates "2024-11-28". */
function publicHolidays(country: string, years: Iterable<number>): Set<string> {
  const calendar = new Holidays(country);
  const out = new Set<string>();
  for (const year of years)
    for (const h of calendar.getHolidays(year) || []) if (h.type === 'public') out.add(h.date.slice(0, 10));
  return out;
}

/** Day of the year, 0 for 1 January, from a local date. */
function dayOfYear(t: LocalTime): number {
  return (Date.UTC(t.year, t.month - 1, t.day) - Date.UTC(t.year, 0, 1)) / 86_400_000;
}

/** Each of the config's columns over the given times, in the config's order. */
export function calendarValues(times: Float64Array, config: CalendarConfig): Float64Array[] {
  const local = Array.from(times, localTimeReader(config.timezone));
  // A business-day series flags the days next to its market's holidays instead (below).
  const holidays =
    config.holidays === undefined || config.marketHolidays
      ? new Set<string>()
      : publicHolidays(config.holidays, new Set(local.map((t) => t.year)));
  const angle: Record<string, (t: LocalTime) => number> = {
    hour: (t) => (2 * Math.PI * (t.hour + t.minute / 60)) / 24,
    weekday: (t) => (2 * Math.PI * t.weekday) / 7,
    yearday: (t) => (2 * Math.PI * dayOfYear(t)) / 365.25,
    month: (t) => (2 * Math.PI * (t.month - 1)) / 12,
  };
  return config.columns.map((name) => {
    if (name === 'holiday')
      return config.marketHolidays && config.holidays
        ? nextToMarketHoliday(times, config.holidays, config.marketHolidays)
        : Float64Array.from(local, (t) => (holidays.has(dateKey(t)) ? 1 : 0));
    const [cycle, wave] = name.split('-') as [string, 'sin' | 'cos'];
    const at = angle[cycle];
    if (!at) throw new Error(`unknown calendar column "${name}"`);
    return Float64Array.from(local, (t) => (wave === 'sin' ? Math.sin(at(t)) : Math.cos(at(t))));
  });
}
