// Calendar inputs: cyclic encodings chosen from the frequency, and public holidays from
// date-holidays flagged on the right local dates. A series with holiday spikes is forecast
// far better with the holiday flag than without it, and a model file rebuilds the same inputs.
import { describe, expect, it } from 'vitest';
import { calendarValues, resolveCalendar } from '../../src/forecast/calendar-features.ts';
import { candidatePool } from '../../src/forecast/candidates.ts';
import { planSplit } from '../../src/forecast/plan-split.ts';
import {
  evaluate,
  fit,
  forecast,
  modelFromJSON,
  forecastSettingsSchema,
  modelToJSON,
  resolveForecastConfig,
  settingsToForecastOptions,
} from '../../src/forecaster.ts';
import type { ForecastOptions, TimeSeries } from '../../src/forecaster.ts';
import { createRandom } from '../../src/rnn/random.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const DAILY = { unit: 'day', step: 1, label: 'daily' } as const;
const HOURLY = { unit: 'hour', step: 1, label: 'hourly' } as const;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('calendar columns', () => {
  it('are chosen from the frequency', () => {
    expect(resolveCalendar(HOURLY, {}).columns).toEqual([
      'hour-sin',
      'hour-cos',
      'weekday-sin',
      'weekday-cos',
      'yearday-sin',
      'yearday-cos',
    ]);
    expect(resolveCalendar(DAILY, { holidays: 'US' }).columns).toEqual([
      'weekday-sin',
      'weekday-cos',
      'yearday-sin',
      'yearday-cos',
      'holiday',
    ]);
    expect(resolveCalendar({ unit: 'month', step: 1, label: 'monthly' }, { holidays: 'US' }).columns).toEqual(
      ['month-sin', 'month-cos'],
    );
  });

  it('flag Thanksgiving and Christmas 2024 in the US, and no other day from 20 November to 31 December', () => {
    const times = Float64Array.from({ length: 42 }, (_, i) => Date.UTC(2024, 10, 20) + i * DAY);
    const [flag] = calendarValues(times, { columns: ['holiday'], holidays: 'US' });
    const flagged = Array.from(times).filter((_, i) => flag![i] === 1);
    expect(flagged.map(iso)).toEqual(['2024-11-28', '2024-12-25']);
  });

  it('read hourly timestamps on the series’ clock: Thanksgiving in New York is 05:00 to 04:59 UTC', () => {
    // 04:00 UTC on 28 November is 23:00 on the 27th in New York; 05:00 UTC is midnight on the 28th.
    const times = Float64Array.from([4, 5, 28, 29], (h) => Date.UTC(2024, 10, 28) + h * HOUR);
    const inNewYork = calendarValues(times, {
      columns: ['holiday'],
      holidays: 'US',
      timezone: 'America/New_York',
    })[0]!;
    expect(Array.from(inNewYork)).toEqual([0, 1, 1, 0]);
    const asWritten = calendarValues(times, { columns: ['holiday'], holidays: 'US' })[0]!;
    expect(Array.from(asWritten)).toEqual([1, 1, 0, 0]);
    // The hour of the day on the same clock: 05:00 UTC is midnight in New York.
    const [sin, cos] = calendarValues(times, {
      columns: ['hour-sin', 'hour-cos'],
      timezone: 'America/New_York',
    });
    expect(sin![1]).toBeCloseTo(0, 12);
    expect(cos![1]).toBeCloseTo(1, 12);
  });

  it('refuse an unknown time zone or country', () => {
    const series = holidaySales(400).series;
    expect(() =>
      resolveForecastConfig(series, { horizonSteps: 7, calendar: { timezone: 'Mars/Olympus' } }),
    ).toThrow(/"Mars\/Olympus" is not a time zone/);
    expect(() => resolveForecastConfig(series, { horizonSteps: 7, calendar: { holidays: 'XX' } })).toThrow(
      /"XX" is not a country/,
    );
  });
});

/** Daily sales from 2021: a weekly pattern, noise, and a spike of 30 on every US public holiday. */
function holidaySales(n: number): { series: TimeSeries } {
  const time = Float64Array.from({ length: n }, (_, t) => Date.UTC(2021, 0, 1) + t * DAY);
  const [flag] = calendarValues(time, { columns: ['holiday'], holidays: 'US' });
  const random = createRandom(17);
  const values = Float64Array.from(
    time,
    (_, t) => 100 + [0, 3, 4, 4, 5, 9, 7][t % 7]! + 30 * flag![t]! + random.normal(),
  );
  return { series: { id: '', time, target: 'sales', values, features: [], frequency: DAILY } };
}

describe('a fit with holidays', () => {
  it('forecasts holiday spikes it was told about: test MAE far below the same network without them', async () => {
    const { series } = holidaySales(3 * 365);
    const options = { horizonSteps: 7, candidates: ['rnn'], training: { seed: 2 } };
    const withHolidays = await fit(series, { ...options, calendar: { holidays: 'US' } });
    const without = await fit(series, options);
    const maeWith = evaluate(withHolidays, series)!.model.mae;
    const maeWithout = evaluate(without, series)!.model.mae;
    expect(maeWith).toBeLessThan(0.75 * maeWithout);
    // The model file keeps the calendar; the loaded model builds the same inputs and forecast.
    const restored = modelFromJSON(JSON.parse(JSON.stringify(modelToJSON(withHolidays))));
    expect(restored.config.calendar).toEqual(withHolidays.config.calendar);
    expect(Array.from(forecast(restored, series).forecast)).toEqual(
      Array.from(forecast(withHolidays, series).forecast),
    );
  });

  it('tried rather than given: one more RNN candidate reads the calendar, and validation keeps it here', async () => {
    const { series } = holidaySales(2 * 365);
    const model = await fit(series, {
      horizonSteps: 7,
      candidates: ['rnn'],
      calendar: { holidays: 'US', candidate: true },
      training: { seed: 2 },
    });
    const names = model.leaderboard.entries.map((e) => e.name);
    expect(names).toContain('rnn: z-score');
    expect(names).toContain('rnn: z-score + calendar');
    expect(names.filter((n) => n.endsWith('+ calendar'))).toHaveLength(1);
    expect(model.leaderboard.kept).toBe('rnn: z-score + calendar');
    // The pool's columns carry the calendar last; the kept network reads all of them.
    const restored = modelFromJSON(JSON.parse(JSON.stringify(modelToJSON(model))));
    expect(Array.from(forecast(restored, series).forecast)).toEqual(
      Array.from(forecast(model, series).forecast),
    );
  });

  it('auto mode tries it by itself on daily data, and not on hourly data, beside a fixed scaler or when off', () => {
    const { series } = holidaySales(400);
    const tried = (s: typeof series, options: Partial<ForecastOptions> = {}) =>
      resolveForecastConfig(s, { horizonSteps: 7, ...options }).calendar;
    expect(tried(series)).toEqual({
      columns: ['weekday-sin', 'weekday-cos', 'yearday-sin', 'yearday-cos'],
      candidate: true,
    });
    expect(tried(series, { calendar: false })).toBeUndefined();
    expect(tried(series, { scaler: { kind: 'zscore' } })).toBeUndefined();
    const hourly = { ...series, frequency: { unit: 'hour' as const, step: 1, label: 'hourly' } };
    expect(tried(hourly)).toBeUndefined();
    // Its trial comes out of the pool's work budget: n + 1 candidates share n caps.
    const config = resolveForecastConfig(series, { horizonSteps: 7 });
    const { split } = planSplit(series.values.length, 7, config.split);
    const caps = (given: Partial<ForecastOptions>) => {
      const options = { horizonSteps: 7, ...given };
      return candidatePool(series, options, resolveForecastConfig(series, options), split).rnn.map(
        (c) => c.training.maxTrainingWork,
      );
    };
    const shared = caps({});
    expect(shared.length).toBeGreaterThan(1);
    const cap = config.training.maxTrainingWork!;
    for (const c of shared) expect(c).toBeCloseTo((cap * (shared.length - 1)) / shared.length, 0);
    expect(caps({ training: { maxTrainingWork: 1e9 } }).every((c) => c === 1e9)).toBe(true);
    // The settings' "off" is the options' false.
    expect(
      settingsToForecastOptions(forecastSettingsSchema.parse({ horizonSteps: 7, calendar: 'off' })).calendar,
    ).toBe(false);
  });
});
