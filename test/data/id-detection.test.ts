// Long-format files without friction: a text column whose values split the rows into series
// with their own timestamps is found as the likely series id — named in the duplicate-
// timestamps error, or used when the caller asks (an upload) — and never proposed for a
// wide file whose text column merely describes each row.
import { describe, expect, it } from 'vitest';
import { DataError, ingestCsv } from '../../src/data/ingest.ts';

const STORES = ['north', 'south', 'east'];

function longCsv(days = 40): Buffer {
  const rows = ['date,store,weekday,sales'];
  const names = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  for (let d = 0; d < days; d++) {
    const date = new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10);
    for (const [s, store] of STORES.entries())
      rows.push(`${date},${store},${names[d % 7]},${100 * (s + 1) + (d % 7)}`);
  }
  return Buffer.from(`${rows.join('\n')}\n`);
}

async function ingestError(bytes: Buffer, options = {}): Promise<DataError> {
  const error = await ingestCsv(bytes, { file: 'sales.csv', ...options }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DataError);
  return error as DataError;
}

describe('a likely series id column', () => {
  it('is named in the duplicate-timestamps error, with the --id that reads the file', async () => {
    const error = await ingestError(longCsv());
    expect(error.message).toMatch(
      /^sales\.csv, line 3, column 1 \("date"\): lines 2 and 3 have the same timestamp 2024-01-01; column "store" looks like a series id: use --id store\./,
    );
    // Merging would blend three stores into one series: the hint says so rather than suggest it.
    expect(error.hint).toMatch(/would blend those series into one/);
    expect(error.others).toEqual([]);
  });

  it("is used as the id with idDetection 'use', and reported as proposed", async () => {
    const { series, report } = await ingestCsv(longCsv(), { file: 'sales.csv', idDetection: 'use' });
    expect(series.map((s) => s.id)).toEqual(STORES);
    expect(report.id).toBe('store');
    expect(report.idProposed).toBe(true);
    expect(report.idCandidates).toEqual(['store']);
    expect(report.notes.join()).toMatch(/column "store" splits the rows into 3 series/);
    expect(report.warnings).toEqual([]);
  });

  it('is not used when the id is given as none (null): the error still suggests it', async () => {
    const error = await ingestError(longCsv(), { id: null, idDetection: 'use' });
    expect(error.problem).toMatch(/use --id store$/);
  });

  it('is not proposed for a wide file whose text column only describes the rows', async () => {
    const { report } = await ingestCsv(
      new URL('../../datasets/seattle-weather.csv', import.meta.url).pathname,
      {
        idDetection: 'use',
      },
    );
    expect(report.id).toBeNull();
    expect(report.idCandidates).toEqual([]);
  });

  it('is not proposed when grouping by it still leaves the timestamps repeating', async () => {
    const rows = ['date,region,sales'];
    for (let d = 0; d < 30; d++)
      for (const region of ['n', 'n', 's'])
        rows.push(`2024-02-${String((d % 28) + 1).padStart(2, '0')},${region},${d}`);
    const error = await ingestError(Buffer.from(rows.join('\n')));
    expect(error.problem).not.toMatch(/looks like a series id/);
  });
});

describe('a plain file', () => {
  it('gets no warning: the target chosen for it is a note', async () => {
    const rows = ['date,sales'];
    for (let d = 0; d < 90; d++)
      rows.push(`${new Date(Date.UTC(2023, 0, 1 + d)).toISOString().slice(0, 10)},${100 + (d % 7)}`);
    const { report } = await ingestCsv(Buffer.from(rows.join('\n')), { file: 'daily.csv' });
    expect(report.warnings).toEqual([]);
    expect(report.notes).toEqual(['no target given: using "sales"']);
  });

  it.each(['seattle-weather.csv', 'sp500-2000.csv', 'stocks.csv', 'weather.csv'])(
    'bundled %s gets no warning',
    async (name) => {
      const { report } = await ingestCsv(new URL(`../../datasets/${name}`, import.meta.url).pathname);
      expect(report.warnings).toEqual([]);
    },
  );
});
