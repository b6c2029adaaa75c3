// UTC calendar arithmetic on epoch milliseconds. Recurrent reads zone-less timestamps as
// UTC wall-clock time, so days are always 24 h long and no DST shift ever creates a gap.

export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(ms: number): number {
  // 1970-01-01 was a Thursday (4).
  return (((Math.floor(ms / DAY_MS) + 4) % 7) + 7) % 7;
}

export function isWeekend(ms: number): boolean {
  const day = weekdayOf(ms);
  return day === 0 || day === 6;
}

export function timeOfDay(ms: number): number {
  return ((ms % DAY_MS) + DAY_MS) % DAY_MS;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Epoch ms of a UTC calendar date (month 1–12), as Date.UTC gives for years 0–9999 but
 * without its overhead: Howard Hinnant's days-from-civil in integer arithmetic.
 */
export function utcDate(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return (era * 146097 + dayOfEra - 719468) * DAY_MS;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** month is 1–12. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
}

/** Months since year 0: consecutive calendar months differ by exactly 1. */
export function monthIndex(ms: number): number {
  const date = new Date(ms);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

export function dayOfMonth(ms: number): number {
  return new Date(ms).getUTCDate();
}

export function isLastDayOfMonth(ms: number): boolean {
  const date = new Date(ms);
  return date.getUTCDate() === daysInMonth(date.getUTCFullYear(), date.getUTCMonth() + 1);
}

/**
 * Shift by whole calendar months keeping the time of day. The day of month is clamped
 * (Jan 31 + 1 month = Feb 28/29), or pinned to the month's last day when endOfMonth.
 */
export function addMonths(ms: number, months: number, endOfMonth: boolean): number {
  const date = new Date(ms);
  const index = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const last = daysInMonth(year, month);
  const day = endOfMonth ? last : Math.min(date.getUTCDate(), last);
  return utcDate(year, month, day) + timeOfDay(ms);
}

/** Weekdays strictly between two instants' calendar days. */
export function weekdaysBetween(fromMs: number, toMs: number): number {
  const firstDay = Math.floor(fromMs / DAY_MS) + 1;
  const lastDay = Math.floor(toMs / DAY_MS) - 1;
  let count = 0;
  for (let day = firstDay; day <= lastDay; day++) {
    const weekday = (((day + 4) % 7) + 7) % 7;
    if (weekday !== 0 && weekday !== 6) count++;
  }
  return count;
}

/** Step forward `count` weekdays (Saturday and Sunday are skipped). */
export function addWeekdays(ms: number, count: number): number {
  let result = ms;
  for (let moved = 0; moved < count; ) {
    result += DAY_MS;
    if (!isWeekend(result)) moved++;
  }
  return result;
}

/**
 * Epoch milliseconds as ISO 8601 UTC text: a date alone at midnight, seconds without
 * milliseconds when there are none.
 *
 * @example
 * formatTime(Date.UTC(2015, 11, 31)); // "2015-12-31"
 * formatTime(Date.UTC(2015, 11, 31, 6, 30)); // "2015-12-31T06:30:00Z"
 */
export function formatTime(ms: number): string {
  // Beyond ±8.64e15 ms a Date is invalid and toISOString() throws: say the number instead.
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_DATE_MS) return String(ms);
  const iso = new Date(ms).toISOString();
  // Years outside 0000–9999 come out expanded ("+010000-01-01T…"), so the date ends at the
  // 'T', not at a fixed 10 characters. Ingestion accepts only 0000–9999, but a forecast
  // can step past 9999-12-31.
  const date = iso.indexOf('T');
  if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, date);
  return iso.endsWith('.000Z') ? `${iso.slice(0, date + 9)}Z` : iso;
}

/** The largest |epoch ms| a JavaScript Date can hold (±100,000,000 days). */
const MAX_DATE_MS = 8.64e15;
