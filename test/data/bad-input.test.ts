// Bad-input fixtures: each gives a DataError naming the file, line and column with a hint,
// never a crash or a parser's raw message; the two awkward-but-valid ones parse correctly.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { DataError, ingestCsv, type IngestOptions } from '../../src/data/ingest.ts';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

async function failure(name: string, options: IngestOptions = {}): Promise<DataError> {
  try {
    await ingestCsv(fixture(name), { target: 'value', ...options });
  } catch (error) {
    expect(error).toBeInstanceOf(DataError);
    const dataError = error as DataError;
    expect(dataError.file).toBe(fixture(name));
    expect(dataError.message).toContain(name);
    expect(dataError.hint.length).toBeGreaterThan(10);
    // The message is the whole story: no stack frames in it.
    expect(dataError.message).not.toMatch(/\n\s+at /);
    return dataError;
  }
  throw new Error(`${name} was accepted`);
}

describe('bad-input fixtures', () => {
  it('ragged rows: names the row and the first extra field', async () => {
    const error = await failure('ragged-rows.csv');
    expect(error).toMatchObject({ line: 4, column: 4 });
    expect(error.message).toMatch(/4 fields but the header has 3/);
  });

  it('a non-numeric cell in the target', async () => {
    const error = await failure('non-numeric-target.csv');
    expect(error).toMatchObject({ line: 4, column: 2, field: 'value', value: 'abc' });
    expect(error.message).toContain('"abc" is not a number');
  });

  it('an unparseable date', async () => {
    const error = await failure('unparseable-date.csv');
    expect(error).toMatchObject({ line: 4, column: 1, field: 'date', value: '2020-13-45' });
    expect(error.hint).toMatch(/ISO 8601/);
  });

  it('duplicate timestamps are an error by default, naming both lines', async () => {
    const error = await failure('duplicate-timestamps.csv');
    expect(error).toMatchObject({ line: 5, column: 1, field: 'date' });
    expect(error.message).toMatch(/lines 3 and 5 have the same timestamp 2020-01-02/);
    expect(error.hint).toMatch(/duplicates: 'mean', 'last' or 'sum'/);
  });

  it('an empty file says so', async () => {
    const error = await failure('empty.csv');
    expect(error.line).toBe(1);
    expect(error.message).toMatch(/the file is empty/);
  });

  it('a header with no rows', async () => {
    const error = await failure('header-only.csv');
    expect(error).toMatchObject({ line: 2, column: 1 });
    expect(error.message).toMatch(/header but no data rows/);
  });

  it('a file over the configured size limit', async () => {
    const error = await failure('over-size-limit.csv', { maxBytes: 512 });
    expect(error.message).toMatch(/over the size limit of 512 bytes/);
    expect(error.hint).toMatch(/maxBytes/);
    // The same file is fine under the default limit.
    await expect(ingestCsv(fixture('over-size-limit.csv'), { target: 'value' })).resolves.toBeDefined();
  });

  it('an all-missing target', async () => {
    const error = await failure('all-missing-target.csv');
    expect(error).toMatchObject({ line: 2, column: 2, field: 'value' });
    expect(error.message).toMatch(/all 4 rows are missing/);
  });

  it('a single-row series is too short, for frequency and for a window', async () => {
    const error = await failure('single-row.csv');
    expect(error).toMatchObject({ line: 2, column: 2, field: 'value' });
    expect(error.message).toMatch(/has 1 row after cleaning, fewer than the 2/);
    const windowed = await failure('single-row.csv', { minRows: 25 });
    expect(windowed.message).toMatch(/fewer than the 25/);
    expect(windowed.hint).toMatch(/windowLength \+ horizonSteps/);
  });

  it('ambiguous slash dates ask for dateFormat, and parse once it is given', async () => {
    const error = await failure('ambiguous-slash-dates.csv');
    expect(error).toMatchObject({ line: 2, column: 1, value: '01/02/2020' });
    expect(error.hint).toMatch(/--date-format MDY\|DMY/);
    const dmy = await ingestCsv(fixture('ambiguous-slash-dates.csv'), { target: 'value', dateFormat: 'DMY' });
    expect(dmy.report.time.format).toBe('DD/MM/YYYY');
    expect(dmy.series[0]!.frequency.unit).toBe('day');
    const mdy = await ingestCsv(fixture('ambiguous-slash-dates.csv'), { target: 'value', dateFormat: 'MDY' });
    expect(mdy.series[0]!.frequency.unit).toBe('month');
    expect(mdy.series[0]!.time[0]).toBe(Date.UTC(2020, 0, 2));
    expect(dmy.series[0]!.time[0]).toBe(Date.UTC(2020, 1, 1));
  });

  it('a day above 12 settles the order; asking for the wrong one names the cell', async () => {
    const { series, report } = await ingestCsv(fixture('day-first-dates.csv'), { target: 'value' });
    expect(report.time.format).toBe('DD/MM/YYYY');
    expect(Array.from(series[0]!.time)).toEqual([30, 31, 32, 33].map((d) => Date.UTC(2020, 0, d)));
    const error = await failure('day-first-dates.csv', { dateFormat: 'MDY' });
    expect(error).toMatchObject({ line: 2, value: '30/01/2020' });
  });
});

describe('awkward but valid files', () => {
  it('a BOM with ";" delimiters parses, header trimmed of the BOM, quoted ";" kept', async () => {
    const { series, report, columns } = await ingestCsv(fixture('bom-semicolon.csv'), { target: 'value' });
    expect(report.delimiter).toBe(';');
    expect(columns.map((c) => c.name)).toEqual(['date', 'value', 'note']);
    expect(columns.map((c) => c.type)).toEqual(['time', 'number', 'text']);
    expect(Array.from(series[0]!.values)).toEqual([1.5, 1.7, 1.6]);
  });

  it('lone \\r line endings parse, with correct line numbers', async () => {
    const { series } = await ingestCsv(fixture('cr-line-endings.csv'), { target: 'value' });
    expect(Array.from(series[0]!.values)).toEqual([1.5, 1.7, 1.6]);
    const broken = Buffer.from('date,value\r2020-01-01,1\r2020-01-02,x\r');
    await expect(ingestCsv(broken, { target: 'value' })).rejects.toMatchObject({ line: 3, column: 2 });
  });
});
