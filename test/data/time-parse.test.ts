// Timestamp formats, cell by cell and as whole columns (epochs, years, detection).
import { describe, expect, it } from 'vitest';
import { parseIsoLike, parseMonthName, slashDateToMs, splitSlashDate } from '../../src/data/time-parse.ts';
import { ingestCsv } from '../../src/data/ingest.ts';

const csv = (text: string): Buffer => Buffer.from(text);

describe('parseIsoLike', () => {
  it.each([
    ['2020-01-31', Date.UTC(2020, 0, 31)],
    ['2020-02-29T13:45', Date.UTC(2020, 1, 29, 13, 45)],
    ['2020-01-31T13:45:10', Date.UTC(2020, 0, 31, 13, 45, 10)],
    ['2020-01-31 13:45:10.250', Date.UTC(2020, 0, 31, 13, 45, 10, 250)],
    ['2020-01-31T13:45:10Z', Date.UTC(2020, 0, 31, 13, 45, 10)],
    ['2020-01-31T13:45:10+02:00', Date.UTC(2020, 0, 31, 11, 45, 10)],
    ['2020-01-31T13:45:10-0530', Date.UTC(2020, 0, 31, 19, 15, 10)],
    ['2020-01-31T13:45:10.5+01', Date.UTC(2020, 0, 31, 12, 45, 10, 500)],
    ['2020/01/31 13:45:10', Date.UTC(2020, 0, 31, 13, 45, 10)],
    ['2020/01/31', Date.UTC(2020, 0, 31)],
    ['0050-06-01', new Date('0050-06-01T00:00:00Z').getTime()],
  ])('%s', (cell, expected) => {
    expect(parseIsoLike(cell)).toBe(expected);
  });

  it.each([
    '2020-13-01',
    '2019-02-29',
    '2020-01-32',
    '2020-1-5',
    '2020-01-31T24:00',
    '2020-01-31T12:60',
    '2020-01-31X12:00',
    '2020-01-31T12:00+25:00',
    '20200131',
    '2020-01-31T12:00:00.',
    'Jan 1 2000',
  ])('rejects %s', (cell) => {
    expect(parseIsoLike(cell)).toBeNaN();
  });
});

describe('month names and slash dates', () => {
  it('reads "Jan 1 2000" and "January 01, 2000"', () => {
    expect(parseMonthName('Jan 1 2000')).toBe(Date.UTC(2000, 0, 1));
    expect(parseMonthName('January 01, 2000')).toBe(Date.UTC(2000, 0, 1));
    expect(parseMonthName('Sep 30 2009')).toBe(Date.UTC(2009, 8, 30));
    expect(parseMonthName('Feb 30 2009')).toBeNaN();
    expect(parseMonthName('Foo 1 2000')).toBeNaN();
  });

  it('keeps both readings of a slash date until the column decides', () => {
    const parts = splitSlashDate('03/04/2020 13:45')!;
    expect(slashDateToMs(parts, 'MDY')).toBe(Date.UTC(2020, 2, 4, 13, 45));
    expect(slashDateToMs(parts, 'DMY')).toBe(Date.UTC(2020, 3, 3, 13, 45));
    expect(slashDateToMs(splitSlashDate('13/04/2020')!, 'MDY')).toBeNaN();
    expect(splitSlashDate('2020/04/03')).toBeNull();
  });
});

describe('time columns', () => {
  it('detects the time column wherever it is, and reports its format', async () => {
    const { report, series } = await ingestCsv(
      csv('value,when\n1,2020-01-01T00:00:00Z\n2,2020-01-01T01:00:00Z\n3,2020-01-01T02:00:00Z\n'),
    );
    expect(report.time).toEqual({ column: 'when', format: 'ISO 8601 date-time with zone' });
    expect(series[0]!.frequency.unit).toBe('hour');
  });

  it('reads epoch seconds and milliseconds by magnitude', async () => {
    const seconds = await ingestCsv(csv('timestamp,v\n1577836800,1\n1577836860,2\n1577836920,3\n'), {
      target: 'v',
    });
    expect(seconds.report.time.format).toBe('epoch seconds');
    expect(seconds.series[0]!.time[0]).toBe(Date.UTC(2020, 0, 1));
    expect(seconds.series[0]!.frequency).toMatchObject({ unit: 'minute', step: 1 });
    const ms = await ingestCsv(csv('t,v\n1577836800000,1\n1577840400000,2\n1577844000000,3\n'), {
      target: 'v',
      time: 't',
    });
    expect(ms.report.time.format).toBe('epoch milliseconds');
    expect(ms.series[0]!.frequency.unit).toBe('hour');
  });

  it('reads integer years in a "year" column as yearly data', async () => {
    const { series, report } = await ingestCsv(csv('year,v\n2001,1\n2002,2\n2003,3\n'), { target: 'v' });
    expect(report.time.format).toBe('year');
    expect(series[0]!.frequency).toMatchObject({ unit: 'year', step: 1 });
  });

  it('refuses a row without a timestamp, naming its line', async () => {
    await expect(
      ingestCsv(csv('date,v\n2020-01-01,1\n,2\n2020-01-03,3\n'), { target: 'v' }),
    ).rejects.toMatchObject({ line: 3, column: 1, field: 'date' });
  });

  it('asks for the time column when none can be found', async () => {
    await expect(ingestCsv(csv('a,b\n1,2\n3,4\n'))).rejects.toThrow(
      /no time column was found.*option time, CLI --time/,
    );
  });
});
