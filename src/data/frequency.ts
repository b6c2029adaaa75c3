// Infers a series' frequency from its sorted timestamps and lists what breaks it: gaps
// (absent periods, reported, never filled) and, for weekday-only series such as stock
// prices, calendar gaps (market holidays), which are part of a regular business-day
// calendar and not missing data (docs/lessons.md #9). futureTimes continues the same calendar.
import {
  addMonths,
  addWeekdays,
  DAY_MS,
  dayOfMonth,
  HOUR_MS,
  isLastDayOfMonth,
  isWeekend,
  MINUTE_MS,
  monthIndex,
  SECOND_MS,
  timeOfDay,
  weekdayOf,
  weekdaysBetween,
  WEEK_MS,
} from './calendar.ts';
import { DataError } from './errors.ts';
import type { Frequency, FrequencyUnit, Gap } from './types.ts';

export interface FrequencyInference {
  frequency: Frequency;
  gaps: Gap[];
  calendarGaps: Gap[];
  /** Steps that are not a whole multiple of the frequency (including shorter ones). */
  irregularSteps: number;
}

/** Longest weekday closure still read as a holiday (US markets closed 4 days after 9/11). */
const MAX_HOLIDAY_WEEKDAYS = 4;

const UNIT_MS: Partial<Record<FrequencyUnit, number>> = {
  second: SECOND_MS,
  minute: MINUTE_MS,
  hour: HOUR_MS,
  day: DAY_MS,
  week: WEEK_MS,
};
const MONTHS_PER: Partial<Record<FrequencyUnit, number>> = { month: 1, quarter: 3, year: 12 };

/** `time` must be strictly increasing (as cleaning leaves it). */
export function inferFrequency(time: Float64Array): FrequencyInference {
  if (time.length < 2) {
    throw new DataError('a frequency needs at least 2 timestamps', { hint: 'Supply a longer series.' });
  }
  const step = modeOf(time.length - 1, (i) => time[i + 1]! - time[i]!);
  if (step >= 28 * DAY_MS && isMonthAligned(time)) return inferMonthly(time);
  if (step === DAY_MS && isBusinessDays(time)) return inferBusinessDays(time);
  const unit: FrequencyUnit =
    step % WEEK_MS === 0
      ? 'week'
      : step % DAY_MS === 0
        ? 'day'
        : step % HOUR_MS === 0
          ? 'hour'
          : step % MINUTE_MS === 0
            ? 'minute'
            : 'second';
  const result = emptyInference(unit, step / UNIT_MS[unit]!);
  for (let i = 1; i < time.length; i++) {
    const diff = time[i]! - time[i - 1]!;
    if (diff === step) continue;
    if (diff % step === 0)
      result.gaps.push({ after: time[i - 1]!, before: time[i]!, missingSteps: diff / step - 1 });
    else result.irregularSteps++;
  }
  return result;
}

export function frequencyLabel(unit: FrequencyUnit, step: number): string {
  const single: Record<FrequencyUnit, string> = {
    second: 'every second',
    minute: 'every minute',
    hour: 'hourly',
    day: 'daily',
    'business-day': 'business days',
    week: 'weekly',
    month: 'monthly',
    quarter: 'quarterly',
    year: 'yearly',
  };
  if (step === 1) return single[unit];
  return `every ${step} ${unit === 'business-day' ? 'business day' : unit}s`;
}

/** The next `steps` timestamps after `lastTime`, on the series' own calendar. */
export function futureTimes(lastTime: number, frequency: Frequency, steps: number): Float64Array {
  const out = new Float64Array(steps);
  const months = MONTHS_PER[frequency.unit];
  let current = lastTime;
  for (let i = 0; i < steps; i++) {
    if (months !== undefined) {
      // From lastTime each time, so Jan 31 → Feb 29 → Mar 31 does not drift to Mar 29.
      out[i] = addMonths(lastTime, (i + 1) * frequency.step * months, frequency.endOfMonth === true);
    } else if (frequency.unit === 'business-day') {
      current = addWeekdays(current, frequency.step);
      out[i] = current;
    } else {
      out[i] = lastTime + (i + 1) * frequency.step * UNIT_MS[frequency.unit]!;
    }
  }
  return out;
}

function emptyInference(unit: FrequencyUnit, step: number, endOfMonth?: boolean): FrequencyInference {
  const frequency: Frequency = { unit, step, label: frequencyLabel(unit, step) };
  if (endOfMonth !== undefined) frequency.endOfMonth = endOfMonth;
  return { frequency, gaps: [], calendarGaps: [], irregularSteps: 0 };
}

// Weekdays only, with at least one Friday → Monday step (else it is just a short daily run).
function isBusinessDays(time: Float64Array): boolean {
  let weekendSkipped = false;
  for (let i = 0; i < time.length; i++) {
    if (isWeekend(time[i]!)) return false;
    if (i > 0 && weekdayOf(time[i - 1]!) === 5 && time[i]! - time[i - 1]! === 3 * DAY_MS)
      weekendSkipped = true;
  }
  return weekendSkipped;
}

function inferBusinessDays(time: Float64Array): FrequencyInference {
  const result = emptyInference('business-day', 1);
  for (let i = 1; i < time.length; i++) {
    const diff = time[i]! - time[i - 1]!;
    if (diff % DAY_MS !== 0) {
      result.irregularSteps++;
      continue;
    }
    const absent = weekdaysBetween(time[i - 1]!, time[i]!);
    if (absent === 0) continue;
    const gap = { after: time[i - 1]!, before: time[i]!, missingSteps: absent };
    (absent <= MAX_HOLIDAY_WEEKDAYS ? result.calendarGaps : result.gaps).push(gap);
  }
  return result;
}

// Same time of day, and the same day of month or always the month's last day.
function isMonthAligned(time: Float64Array): boolean {
  const clock = timeOfDay(time[0]!);
  const day = dayOfMonth(time[0]!);
  let sameDay = true;
  let monthEnd = true;
  for (let i = 0; i < time.length && (sameDay || monthEnd); i++) {
    if (timeOfDay(time[i]!) !== clock) return false;
    if (dayOfMonth(time[i]!) !== day) sameDay = false;
    if (!isLastDayOfMonth(time[i]!)) monthEnd = false;
  }
  return sameDay || monthEnd;
}

function inferMonthly(time: Float64Array): FrequencyInference {
  const months = Array.from(time, monthIndex);
  const step = modeOf(months.length - 1, (i) => months[i + 1]! - months[i]!);
  const unit: FrequencyUnit = step % 12 === 0 ? 'year' : step % 3 === 0 ? 'quarter' : 'month';
  const endOfMonth = dayOfMonth(time[0]!) > 28 && time.every(isLastDayOfMonth);
  const result = emptyInference(unit, step / MONTHS_PER[unit]!, endOfMonth);
  for (let i = 1; i < months.length; i++) {
    const diff = months[i]! - months[i - 1]!;
    if (diff === step) continue;
    if (diff % step === 0)
      result.gaps.push({ after: time[i - 1]!, before: time[i]!, missingSteps: diff / step - 1 });
    else result.irregularSteps++;
  }
  return result;
}

// Most common value of f(0..count-1); ties go to the smaller value.
function modeOf(count: number, f: (i: number) => number): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    const value = f(i);
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  let best = NaN;
  let bestCount = 0;
  for (const [value, seen] of counts) {
    if (seen > bestCount || (seen === bestCount && value < best)) {
      best = value;
      bestCount = seen;
    }
  }
  return best;
}
