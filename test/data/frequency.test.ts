// Frequency inference for every unit, gaps versus calendar gaps, and futureTimes.
import { describe, expect, it } from 'vitest';
import { futureTimes, inferFrequency } from '../../src/data/frequency.ts';
import { addWeekdays, DAY_MS, HOUR_MS, MINUTE_MS } from '../../src/data/calendar.ts';

const at = (...dates: number[]): Float64Array => Float64Array.from(dates);
const steps = (start: number, step: number, n: number): Float64Array =>
  Float64Array.from({ length: n }, (_, i) => start + i * step);
const monthly = (year: number, month: number, n: number, every = 1): Float64Array =>
  Float64Array.from({ length: n }, (_, i) => Date.UTC(year, month + i * every, 1));
const START = Date.UTC(2021, 0, 4); // a Monday

describe('inferFrequency', () => {
  it.each([
    ['minute', steps(START, MINUTE_MS, 10), { unit: 'minute', step: 1, label: 'every minute' }],
    ['15 minutes', steps(START, 15 * MINUTE_MS, 10), { unit: 'minute', step: 15, label: 'every 15 minutes' }],
    ['hourly', steps(START, HOUR_MS, 10), { unit: 'hour', step: 1, label: 'hourly' }],
    ['daily', steps(START, DAY_MS, 10), { unit: 'day', step: 1, label: 'daily' }],
    ['weekly', steps(START, 7 * DAY_MS, 10), { unit: 'week', step: 1, label: 'weekly' }],
    ['monthly', monthly(2020, 0, 14), { unit: 'month', step: 1, label: 'monthly' }],
    ['quarterly', monthly(2020, 0, 8, 3), { unit: 'quarter', step: 1, label: 'quarterly' }],
    ['yearly', monthly(2000, 0, 6, 12), { unit: 'year', step: 1, label: 'yearly' }],
  ])('%s', (_, time, expected) => {
    const result = inferFrequency(time);
    expect(result.frequency).toMatchObject(expected);
    expect(result.gaps).toEqual([]);
    expect(result.irregularSteps).toBe(0);
  });

  it('business days: weekdays only, weekends are not gaps, a holiday is a calendar gap', () => {
    const days = Array.from({ length: 15 }, (_, i) => addWeekdays(START, i)).filter(
      (t) => t !== addWeekdays(START, 6),
    );
    const result = inferFrequency(Float64Array.from(days));
    expect(result.frequency).toMatchObject({ unit: 'business-day', step: 1 });
    expect(result.calendarGaps).toEqual([
      { after: addWeekdays(START, 5), before: addWeekdays(START, 7), missingSteps: 1 },
    ]);
    expect(result.gaps).toEqual([]);
  });

  it('a long weekday outage is a real gap, not a holiday', () => {
    const days = Array.from({ length: 30 }, (_, i) => addWeekdays(START, i)).filter(
      (_, i) => i < 10 || i > 17,
    );
    const result = inferFrequency(Float64Array.from(days));
    expect(result.frequency.unit).toBe('business-day');
    expect(result.gaps).toEqual([
      { after: addWeekdays(START, 9), before: addWeekdays(START, 18), missingSteps: 8 },
    ]);
  });

  it('a daily series with a weekend row is plain daily, and its missing days are gaps', () => {
    const time = at(START, START + DAY_MS, START + 4 * DAY_MS, START + 5 * DAY_MS, START + 6 * DAY_MS);
    const result = inferFrequency(time);
    expect(result.frequency.unit).toBe('day');
    expect(result.gaps).toEqual([{ after: START + DAY_MS, before: START + 4 * DAY_MS, missingSteps: 2 }]);
  });

  it('counts steps that do not fit the frequency', () => {
    const time = at(0, HOUR_MS, 2 * HOUR_MS, 2.5 * HOUR_MS, 3.5 * HOUR_MS, 4.5 * HOUR_MS, 6 * HOUR_MS);
    expect(inferFrequency(time).irregularSteps).toBe(2);
  });

  it('month-end data is monthly with endOfMonth, and missing months are gaps', () => {
    const ends = [0, 1, 2, 4, 5].map((m) => Date.UTC(2020, m + 1, 0));
    const result = inferFrequency(Float64Array.from(ends));
    expect(result.frequency).toMatchObject({ unit: 'month', step: 1, endOfMonth: true });
    expect(result.gaps).toEqual([
      { after: Date.UTC(2020, 3, 0), before: Date.UTC(2020, 5, 0), missingSteps: 1 },
    ]);
  });

  it('needs two timestamps', () => {
    expect(() => inferFrequency(at(START))).toThrow(/at least 2 timestamps/);
  });
});

describe('futureTimes', () => {
  it('continues fixed steps', () => {
    expect(Array.from(futureTimes(START, { unit: 'minute', step: 15, label: '' }, 3))).toEqual(
      [1, 2, 3].map((i) => START + i * 15 * MINUTE_MS),
    );
  });

  it('business days skip the weekend', () => {
    const friday = START + 4 * DAY_MS;
    expect(Array.from(futureTimes(friday, { unit: 'business-day', step: 1, label: '' }, 3))).toEqual([
      START + 7 * DAY_MS,
      START + 8 * DAY_MS,
      START + 9 * DAY_MS,
    ]);
  });

  it('months step by calendar month, clamping without drift', () => {
    const jan31 = Date.UTC(2020, 0, 31, 9);
    expect(Array.from(futureTimes(jan31, { unit: 'month', step: 1, label: '' }, 3))).toEqual([
      Date.UTC(2020, 1, 29, 9),
      Date.UTC(2020, 2, 31, 9),
      Date.UTC(2020, 3, 30, 9),
    ]);
    const feb29 = Date.UTC(2020, 1, 29);
    expect(
      Array.from(futureTimes(feb29, { unit: 'month', step: 1, label: '', endOfMonth: true }, 2)),
    ).toEqual([Date.UTC(2020, 2, 31), Date.UTC(2020, 3, 30)]);
    expect(Array.from(futureTimes(Date.UTC(2020, 0, 1), { unit: 'quarter', step: 1, label: '' }, 2))).toEqual(
      [Date.UTC(2020, 3, 1), Date.UTC(2020, 6, 1)],
    );
    expect(futureTimes(Date.UTC(2020, 0, 1), { unit: 'year', step: 2, label: '' }, 1)[0]).toBe(
      Date.UTC(2022, 0, 1),
    );
  });

  it('continues an inferred frequency exactly where the data would go', () => {
    const history = monthly(2019, 0, 24);
    const { frequency } = inferFrequency(history.subarray(0, 12));
    expect(Array.from(futureTimes(history[11]!, frequency, 12))).toEqual(Array.from(history.subarray(12)));
  });
});
