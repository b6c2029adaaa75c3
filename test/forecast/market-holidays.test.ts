// Business-day series and holidays, aligned: the S&P 500's own gaps (2000–2020) say which
// US holidays its market closes for; a forecast made the day before Thanksgiving is dated
// on trading days; the holiday input marks the trading days next to a market holiday.
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { fit, forecast, ingestCsv, modelFromJSON, modelToJSON } from '../../src/forecaster.ts';
import type { TimeSeries } from '../../src/forecaster.ts';
import { horizonTimes, marketHolidays, nextToMarketHoliday } from '../../src/forecast/market-holidays.ts';

const SP500 = fileURLToPath(new URL('../../datasets/sp500-2000.csv', import.meta.url));
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
let sp500: TimeSeries;

/** The series up to and including a date. */
function until(series: TimeSeries, date: string): TimeSeries {
  const end = Array.from(series.time, day).indexOf(date) + 1;
  expect(end).toBeGreaterThan(0);
  return {
    ...series,
    time: series.time.slice(0, end),
    values: series.values.slice(0, end),
    features: series.features.map((f) => ({ ...f, values: f.values.slice(0, end) })),
  };
}

beforeAll(async () => {
  sp500 = (await ingestCsv(SP500, { target: 'close' })).series[0]!;
});

describe('market holidays of a business-day series', () => {
  it('are the US holidays the S&P 500 closes for: Thanksgiving and Christmas, not Columbus or Veterans Day', () => {
    expect(sp500.frequency.unit).toBe('business-day');
    const names = marketHolidays(sp500.time, 'US');
    for (const name of [
      'Thanksgiving Day',
      'Christmas Day',
      'Independence Day',
      'Labor Day',
      "New Year's Day",
    ])
      expect(names).toContain(name);
    for (const name of ['Columbus Day', 'Veterans Day', 'Halloween', 'Day after Thanksgiving Day'])
      expect(names).not.toContain(name);
  });

  it('move the horizon past them, and flag the trading days next to them', () => {
    const names = marketHolidays(sp500.time, 'US');
    const calendar = { columns: ['holiday'], holidays: 'US', marketHolidays: names };
    const wednesday = until(sp500, '2019-11-27');
    expect(Array.from(horizonTimes(wednesday, calendar, 3), day)).toEqual([
      '2019-11-29',
      '2019-12-02',
      '2019-12-03',
    ]);
    // Without the alignment the horizon would open on Thanksgiving itself.
    expect(day(horizonTimes(wednesday, undefined, 1)[0]!)).toBe('2019-11-28');
    const week = until(sp500, '2019-12-03').time.slice(-6);
    expect(Array.from(week, day)).toEqual([
      '2019-11-25',
      '2019-11-26',
      '2019-11-27',
      '2019-11-29',
      '2019-12-02',
      '2019-12-03',
    ]);
    expect(Array.from(nextToMarketHoliday(week, 'US', names))).toEqual([0, 0, 1, 1, 0, 0]);
  });

  it('date a forecast made the day before Thanksgiving on trading days, through fit and a model file', async () => {
    const wednesday = until(sp500, '2019-11-27');
    const model = await fit(wednesday, {
      horizonSteps: 3,
      candidates: ['naive'],
      calendar: { holidays: 'US' },
    });
    expect(model.config.calendar?.marketHolidays).toContain('Thanksgiving Day');
    const dates = Array.from(forecast(model, wednesday).time, day);
    expect(dates).toEqual(['2019-11-29', '2019-12-02', '2019-12-03']);
    const loaded = modelFromJSON(JSON.parse(JSON.stringify(modelToJSON(model))));
    expect(Array.from(forecast(loaded, wednesday).time, day)).toEqual(dates);
  });
});
