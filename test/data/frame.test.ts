// The danfo bridge: float columns both ways, describe() as plain JSON, loaded lazily.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describeSeries, frameToSeries, seriesToFrame } from '../../src/data/frame.ts';
import { ingestCsv } from '../../src/data/ingest.ts';
import type { TimeSeries } from '../../src/data/types.ts';

const series: TimeSeries = {
  id: '',
  time: Float64Array.from([0, 1, 2, 3].map((d) => Date.UTC(2020, 0, 1 + d))),
  target: 'close',
  values: Float64Array.from([1, 2, 3, 4]),
  features: [{ name: 'volume', values: Float64Array.from([10, 20, 30, 41]) }],
  frequency: { unit: 'day', step: 1, label: 'daily' },
};

describe('danfo bridge', () => {
  it('builds float columns, even from whole numbers, and converts back exactly', async () => {
    const frame = await seriesToFrame(series);
    expect(frame.columns).toEqual(['time', 'close', 'volume']);
    // Whole numbers would otherwise be typed int32 by danfo (docs/lessons.md #11).
    expect(frame.dtypes).toEqual(['float32', 'float32', 'float32']);
    const back = frameToSeries(frame, { target: 'close', features: ['volume'] });
    expect(back.time).toEqual(series.time);
    expect(back.values).toEqual(series.values);
    expect(back.features).toEqual(series.features);
    expect(back.frequency).toMatchObject({ unit: 'day', step: 1 });
  });

  it('describe() gives plain numbers per value column', async () => {
    const summary = await describeSeries(series);
    expect(Object.keys(summary)).toEqual(['close', 'volume']);
    expect(summary.close).toMatchObject({ count: 4, mean: 2.5, min: 1, max: 4, median: 2.5 });
    // Sample standard deviation of 1..4.
    expect(summary.close!.std).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });

  it('describes a real dataset read by our own parser', async () => {
    const path = fileURLToPath(new URL('../../datasets/stocks.csv', import.meta.url));
    const { series: all } = await ingestCsv(path, { target: 'price' });
    const summary = await describeSeries(all.find((s) => s.id === 'GOOG')!);
    expect(summary.price!.count).toBe(68);
    expect(summary.price!.max).toBeCloseTo(707, 0);
  });

  it('refuses an unsorted frame and names the row', async () => {
    const frame = await seriesToFrame({ ...series, time: Float64Array.from([3, 2, 1, 0]) });
    expect(() => frameToSeries(frame, { target: 'close' })).toThrow(/row 1 is not later/);
  });

  it('only frame.ts touches danfo, and only through a lazy import', () => {
    const dir = fileURLToPath(new URL('../../src/data/', import.meta.url));
    for (const file of readdirSync(dir)) {
      const source = readFileSync(`${dir}${file}`, 'utf8');
      const staticImports = source.match(/^import (?!type )[^;]*from 'danfojs-node'/gm) ?? [];
      expect(staticImports, file).toEqual([]);
      if (file !== 'frame.ts') expect(source.includes('danfojs-node'), file).toBe(false);
    }
  });
});
