// Cleaning through ingestCsv: sorting, duplicate policies, missing-value policies,
// non-finite values, long format, quoted fields, limits and the validation report.
import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { ingestCsv, type IngestOptions } from '../../src/data/ingest.ts';

const csv = (text: string): Buffer => Buffer.from(text);
const day = (d: number): number => Date.UTC(2020, 0, d);

async function values(text: string, options: IngestOptions = {}): Promise<number[]> {
  const { series } = await ingestCsv(csv(text), { target: 'v', ...options });
  return Array.from(series[0]!.values);
}

describe('sorting and duplicates', () => {
  it('sorts by time and counts out-of-order rows', async () => {
    const { series, report } = await ingestCsv(
      csv('date,v\n2020-01-03,3\n2020-01-01,1\n2020-01-02,2\n2020-01-04,4\n'),
      { target: 'v' },
    );
    expect(Array.from(series[0]!.time)).toEqual([1, 2, 3, 4].map(day));
    expect(Array.from(series[0]!.values)).toEqual([1, 2, 3, 4]);
    expect(report.outOfOrder).toBe(1);
  });

  const duplicated = 'date,v\n2020-01-01,1\n2020-01-02,2\n2020-01-02,NA\n2020-01-02,6\n2020-01-03,3\n';
  it.each([
    ['mean', [1, 4, 3]],
    ['last', [1, 6, 3]],
    ['sum', [1, 8, 3]],
  ] as const)('duplicates: %s skips missing values', async (policy, expected) => {
    const { series, report } = await ingestCsv(csv(duplicated), { target: 'v', duplicates: policy });
    expect(Array.from(series[0]!.values)).toEqual(expected);
    expect(report.duplicates).toBe(2);
    expect(report.rowsRead).toBe(5);
    expect(report.rowsUsed).toBe(3);
  });
});

describe('missing values', () => {
  const gappy = 'date,v\n2020-01-01,NA\n2020-01-02,2\n2020-01-03,\n2020-01-05,8\n2020-01-06,-\n';

  it('linear (default) interpolates in time, not by row, and copies into the edges', async () => {
    const { series, report } = await ingestCsv(csv(gappy), { target: 'v' });
    // Jan 3 sits a third of the way from Jan 2 (2) to Jan 5 (8).
    expect(Array.from(series[0]!.values)).toEqual([2, 2, 4, 8, 8]);
    expect(report.series[0]!.missing).toEqual([
      { column: 'v', missing: 3, filled: 3, dropped: 0, policy: 'linear' },
    ]);
    expect(report.missingFilled).toBe(3);
  });

  it('ffill carries the last value forward', async () => {
    expect(await values(gappy, { missing: 'ffill' })).toEqual([2, 2, 2, 8, 8]);
  });

  it('drop removes incomplete rows', async () => {
    const { series, report } = await ingestCsv(csv(gappy), { target: 'v', missing: 'drop' });
    expect(Array.from(series[0]!.time)).toEqual([day(2), day(5)]);
    expect(report.series[0]!.missing[0]).toMatchObject({ missing: 3, filled: 0, dropped: 3 });
  });

  it('error names the first missing cell', async () => {
    await expect(ingestCsv(csv(gappy), { target: 'v', missing: 'error' })).rejects.toMatchObject({
      line: 2,
      column: 2,
      field: 'v',
    });
  });

  it('every token counts as missing, and with nonFinite: missing non-finite values are reported then treated as missing', async () => {
    const text =
      'date,v\n2020-01-01,0\n2020-01-02,N/A\n2020-01-03,null\n2020-01-04,?\n2020-01-05,NaN\n2020-01-06,Infinity\n2020-01-07,6\n';
    await expect(ingestCsv(csv(text), { target: 'v' })).rejects.toMatchObject({ line: 7, column: 2 });
    const { series, report } = await ingestCsv(csv(text), { target: 'v', nonFinite: 'missing' });
    expect(Array.from(series[0]!.values)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(report.nonFinite).toBe(1);
    expect(report.columns.find((c) => c.name === 'v')!.missing).toBe(4);
    expect(report.series[0]!.missing[0]).toMatchObject({ missing: 5, filled: 5 });
  });

  it('features are filled by the same policy', async () => {
    const { series } = await ingestCsv(csv('date,v,x\n2020-01-01,1,10\n2020-01-02,2,\n2020-01-03,3,30\n'), {
      target: 'v',
      features: ['x'],
    });
    expect(Array.from(series[0]!.features[0]!.values)).toEqual([10, 20, 30]);
  });
});

describe('long format and columns', () => {
  it('yields one series per identifier, each cleaned on its own', async () => {
    const text =
      'symbol,date,v\nB,2020-01-02,20\nA,2020-01-01,1\nB,2020-01-01,10\nA,2020-01-02,2\nA,2020-01-03,3\nB,2020-01-03,30\n';
    const { series, report } = await ingestCsv(csv(text), { target: 'v' });
    expect(series.map((s) => [s.id, Array.from(s.values)])).toEqual([
      ['B', [10, 20, 30]],
      ['A', [1, 2, 3]],
    ]);
    expect(report.series.map((s) => s.outOfOrder)).toEqual([1, 0]);
  });

  it('keeps identifiers as text even when they look like numbers, if named', async () => {
    const text = 'station,date,v\n007,2020-01-01,1\n007,2020-01-02,2\n010,2020-01-01,3\n010,2020-01-02,4\n';
    const { series, columns } = await ingestCsv(csv(text), { target: 'v', id: 'station' });
    expect(series.map((s) => s.id)).toEqual(['007', '010']);
    expect(columns.find((c) => c.name === 'station')!.type).toBe('text');
  });

  it('a numeric column called "id" is not taken for an identifier', async () => {
    const { series, report } = await ingestCsv(csv('id,date,v\n1,2020-01-01,1\n2,2020-01-02,2\n'), {
      target: 'v',
    });
    expect(report.id).toBeNull();
    expect(series).toHaveLength(1);
  });

  it('reads quoted fields with delimiters, quotes and newlines inside, and trims header names', async () => {
    const text = ' date , v ,note\n2020-01-01,1,"a, ""b"""\n2020-01-02,2,"two\nlines"\n2020-01-03,x,c\n';
    const { columns } = await ingestCsv(csv(text.replace(',x,', ',3,')), { target: 'v' });
    expect(columns.map((c) => c.name)).toEqual(['date', 'v', 'note']);
    // The bad cell sits after a two-line record: line 5, not 4.
    await expect(ingestCsv(csv(text), { target: 'v' })).rejects.toMatchObject({ line: 5, column: 2 });
  });

  it('skips blank lines but still counts them in line numbers', async () => {
    await expect(
      ingestCsv(csv('date,v\n2020-01-01,1\n\n\n2020-01-02,x\n'), { target: 'v' }),
    ).rejects.toMatchObject({ line: 5, column: 2 });
    await expect(
      ingestCsv(csv('date,v\r\n2020-01-01,1\r\n\r\n2020-01-02,x\r\n'), { target: 'v' }),
    ).rejects.toMatchObject({ line: 4 });
  });

  it('names a missing column and lists the real ones', async () => {
    await expect(ingestCsv(csv('date,v\n2020-01-01,1\n'), { target: 'close' })).rejects.toThrow(
      /no column named "close".*The columns are: date, v/,
    );
  });

  it('refuses misspelt options and features that clash with other roles', async () => {
    const text = csv('date,v,x\n2020-01-01,1,2\n2020-01-02,2,3\n');
    await expect(ingestCsv(text, { target: 'v', missing: 'interpolate' as never })).rejects.toThrow(
      /unknown missing option "interpolate".*linear, ffill, drop, error/,
    );
    await expect(ingestCsv(text, { target: 'v', maxRows: 0 })).rejects.toThrow(
      /maxRows must be a whole number above 0/,
    );
    await expect(ingestCsv(text, { target: 'v', features: ['x', 'v'] })).rejects.toMatchObject({
      field: 'v',
    });
    await expect(ingestCsv(text, { target: 'v', features: ['date'] })).rejects.toMatchObject({
      field: 'date',
    });
  });

  it('refuses a duplicated header name', async () => {
    await expect(ingestCsv(csv('date,v,v\n2020-01-01,1,2\n'))).rejects.toMatchObject({
      line: 1,
      column: 3,
      field: 'v',
    });
  });

  it('hints at a decimal comma', async () => {
    await expect(ingestCsv(csv('date;v\n2020-01-01;1,5\n2020-01-02;2,5\n'), { target: 'v' })).rejects.toThrow(
      /decimal comma/,
    );
  });
});

describe('sources and limits', () => {
  it('reads a stream, and enforces maxBytes while streaming', async () => {
    const text =
      'date,v\n' +
      Array.from(
        { length: 50 },
        (_, i) =>
          `2020-01-${String((i % 28) + 1).padStart(2, '0')}T${String(Math.floor(i / 28)).padStart(2, '0')}:00,${i}`,
      ).join('\n');
    const stream = Readable.from([text.slice(0, 300), text.slice(300)]);
    const { report } = await ingestCsv(stream, { target: 'v', duplicates: 'mean', file: 'upload.csv' });
    expect(report.file).toBe('upload.csv');
    expect(report.rowsRead).toBe(50);
    await expect(
      ingestCsv(Readable.from([text.slice(0, 300), text.slice(300)]), { target: 'v', maxBytes: 400 }),
    ).rejects.toThrow(/more than 400 bytes, over the size limit/);
  });

  it('enforces maxRows with the line where it was passed', async () => {
    await expect(
      ingestCsv(csv('date,v\n2020-01-01,1\n2020-01-02,2\n2020-01-03,3\n'), { target: 'v', maxRows: 2 }),
    ).rejects.toMatchObject({ line: 4, message: expect.stringMatching(/more than 2 data rows/) });
  });

  it('says when a path does not exist', async () => {
    await expect(ingestCsv('/nonexistent/file.csv')).rejects.toThrow(/file\.csv: no such file/);
  });
});

describe('validation report', () => {
  it('lists types, frequency, policies and warnings about gaps', async () => {
    const text = 'date,v,label\n2020-01-01,1,a\n2020-01-02,2,b\n2020-01-05,5,c\n2020-01-06,6,d\n';
    const { report } = await ingestCsv(csv(text), { target: 'v' });
    expect(report.columns).toEqual([
      { name: 'date', type: 'time', missing: 0, role: 'time' },
      { name: 'v', type: 'number', missing: 0, role: 'target' },
      { name: 'label', type: 'text', missing: 0 },
    ]);
    expect(report.frequency).toMatchObject({ unit: 'day', step: 1 });
    expect(report.policies).toEqual({ missing: 'linear', duplicates: 'error', nonFinite: 'error' });
    expect(report.series[0]!.gaps).toEqual([{ after: day(2), before: day(5), missingSteps: 2 }]);
    expect(report.series[0]!.start).toBe('2020-01-01');
    expect(report.warnings.join()).toMatch(/1 gaps \(2 absent daily periods\) are left as they are/);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});
