// Every bundled dataset ingests with the right frequency, series count and report.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { readdirSync } from 'node:fs';
import { ingestCsv } from '../../src/data/ingest.ts';
import { weekdayOf } from '../../src/data/calendar.ts';

const datasets = fileURLToPath(new URL('../../datasets/', import.meta.url));
const path = (name: string): string => `${datasets}${name}`;

describe('bundled datasets', () => {
  it('sp500-2000.csv: business days, holidays reported as calendar gaps, not missing data', async () => {
    const { series, report } = await ingestCsv(path('sp500-2000.csv'), {
      target: 'close',
      features: ['volume'],
    });
    expect(series).toHaveLength(1);
    const [sp500] = series;
    expect(sp500!.frequency).toMatchObject({ unit: 'business-day', step: 1, label: 'business days' });
    expect(report.rowsRead).toBe(5105);
    expect(report.rowsUsed).toBe(5105);
    const { calendarGaps, gaps, irregularSteps, missing } = report.series[0]!;
    expect(gaps).toEqual([]);
    expect(irregularSteps).toBe(0);
    expect(missing.every((m) => m.missing === 0 && m.filled === 0)).toBe(true);
    // 190 weekday closures in 2000–2020 (about 9 a year, plus 9/11 and Hurricane Sandy).
    expect(calendarGaps.reduce((total, g) => total + g.missingSteps, 0)).toBe(190);
    const christmas2019 = calendarGaps.find((g) => g.after === Date.UTC(2019, 11, 24));
    expect(christmas2019).toEqual({
      after: Date.UTC(2019, 11, 24),
      before: Date.UTC(2019, 11, 26),
      missingSteps: 1,
    });
    const nineEleven = calendarGaps.find((g) => g.after === Date.UTC(2001, 8, 10));
    expect(nineEleven?.missingSteps).toBe(4);
    // Nothing is zero-filled: no weekend rows were invented.
    expect(Array.from(sp500!.time).some((t) => weekdayOf(t) === 0 || weekdayOf(t) === 6)).toBe(false);
    expect(sp500!.features[0]!.name).toBe('volume');
    expect(sp500!.values[0]).toBeCloseTo(1455.219971, 6);
  });

  it('seattle-weather.csv: daily with no gaps; the weather label is text', async () => {
    const { series, report, columns } = await ingestCsv(path('seattle-weather.csv'), {
      target: 'temp_max',
      features: ['temp_min', 'precipitation'],
    });
    expect(series[0]!.frequency).toMatchObject({ unit: 'day', step: 1 });
    expect(report.series[0]!.gaps).toEqual([]);
    expect(report.series[0]!.calendarGaps).toEqual([]);
    expect(report.rowsUsed).toBe(1461);
    expect(columns.find((c) => c.name === 'weather')?.type).toBe('text');
    expect(series[0]!.features.map((f) => f.name)).toEqual(['temp_min', 'precipitation']);
  });

  it('weather.csv: two daily series, one per location', async () => {
    const { series, report } = await ingestCsv(path('weather.csv'), { target: 'temp_max' });
    expect(report.id).toBe('location');
    expect(series.map((s) => s.id)).toEqual(['Seattle', 'New York']);
    for (const s of series) {
      expect(s.frequency.unit).toBe('day');
      expect(s.time).toHaveLength(1461);
    }
    expect(report.series.every((s) => s.gaps.length === 0)).toBe(true);
  });

  it('stocks.csv: five monthly series from "Jan 1 2000" dates', async () => {
    const { series, report } = await ingestCsv(path('stocks.csv'), { target: 'price' });
    expect(report.time.format).toBe('Mon D YYYY');
    expect(series.map((s) => s.id).sort()).toEqual(['AAPL', 'AMZN', 'GOOG', 'IBM', 'MSFT']);
    for (const s of series) expect(s.frequency).toMatchObject({ unit: 'month', step: 1 });
    expect(series.find((s) => s.id === 'GOOG')!.time).toHaveLength(68);
    expect(series.find((s) => s.id === 'MSFT')!.time[0]).toBe(Date.UTC(2000, 0, 1));
    expect(report.columns.find((c) => c.name === 'symbol')).toMatchObject({ type: 'text', role: 'id' });
  });

  it('seattle-weather-hourly-normals.csv: hourly', async () => {
    const { series, report } = await ingestCsv(path('seattle-weather-hourly-normals.csv'), {
      target: 'temperature',
    });
    expect(series[0]!.frequency).toMatchObject({ unit: 'hour', step: 1, label: 'hourly' });
    expect(report.rowsUsed).toBe(8759);
    expect(report.series[0]!.gaps).toEqual([]);
  });

  it('without a target, every numeric column comes along (inspect)', async () => {
    const { series, report } = await ingestCsv(path('seattle-weather.csv'));
    expect(report.target).toBe('precipitation');
    expect(report.features).toEqual(['temp_max', 'temp_min', 'wind']);
    expect(series[0]!.features).toHaveLength(3);
    // A choice made for the person is a note, not a warning: nothing is wrong with the file.
    expect(report.notes.join()).toMatch(/no target given/);
    expect(report.warnings).toEqual([]);
  });

  it('covers every CSV in datasets/', () => {
    const tested = [
      'sp500-2000.csv',
      'seattle-weather.csv',
      'weather.csv',
      'stocks.csv',
      'seattle-weather-hourly-normals.csv',
    ];
    expect(
      readdirSync(datasets)
        .filter((f) => f.endsWith('.csv'))
        .sort(),
    ).toEqual([...tested].sort());
  });
});
