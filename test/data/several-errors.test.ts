// A file with several problems gets them all (up to MAX_LISTED_PROBLEMS), each with its line
// and column, so it can be fixed in one round instead of one upload per bad cell.
import { describe, expect, it } from 'vitest';
import { DataError, ingestCsv, MAX_LISTED_PROBLEMS } from '../../src/data/ingest.ts';

async function ingestError(text: string, options = {}): Promise<DataError> {
  const error = await ingestCsv(Buffer.from(text), { file: 'f.csv', ...options }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DataError);
  return error as DataError;
}

function daily(count: number, value: (i: number) => string): string[] {
  return Array.from(
    { length: count },
    (_, i) => `${new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10)},${value(i)}`,
  );
}

describe('several problems in one file', () => {
  it('lists every bad number with its line and column', async () => {
    const rows = daily(30, (i) => (i === 3 ? 'abc' : i === 9 ? '"1,5"' : i === 20 ? 'x' : String(i)));
    const error = await ingestError(['date,sales', ...rows].join('\n'), { target: 'sales' });
    expect(error.all.map((e) => [e.line, e.column, e.value])).toEqual([
      [5, 2, 'abc'],
      [11, 2, '1,5'],
      [22, 2, 'x'],
    ]);
    const lines = error.message.split('\n');
    expect(lines[0]).toMatch(/^f\.csv, line 5, column 2 \("sales"\): "abc" is not a number\./);
    expect(lines[1]).toMatch(
      /^f\.csv, line 11, column 2 \("sales"\): "1,5" is not a number\. This looks like a decimal comma/,
    );
    expect(lines[2]).toBe('f.csv, line 22, column 2 ("sales"): "x" is not a number.');
    expect(lines[3]).toBe('3 problems in all.');
  });

  it('lists bad timestamps and bad numbers of the same file together', async () => {
    const rows = daily(10, (i) => String(i));
    rows[2] = '2024-13-45,2';
    rows[6] = 'soon,6';
    const error = await ingestError(['date,sales', ...rows].join('\n'), { time: 'date', target: 'sales' });
    expect(error.all.map((e) => [e.line, e.field])).toEqual([
      [4, 'date'],
      [8, 'date'],
    ]);
  });

  it('lists every row of the wrong length', async () => {
    const rows = daily(8, (i) => `${i},1`);
    rows[1] = '2024-01-02,1';
    rows[5] = '2024-01-06,1,2,3';
    const error = await ingestError(['date,sales,volume', ...rows].join('\n'));
    expect(error.all.map((e) => [e.line, e.problem])).toEqual([
      [3, 'this row has 2 fields but the header has 3'],
      [7, 'this row has 4 fields but the header has 3'],
    ]);
  });

  it('lists every duplicate timestamp', async () => {
    const rows = [
      'date,sales',
      '2024-01-01,1',
      '2024-01-01,2',
      '2024-01-02,3',
      '2024-01-03,4',
      '2024-01-03,5',
    ];
    const error = await ingestError(rows.join('\n'));
    expect(error.all.map((e) => e.line)).toEqual([3, 6]);
  });

  it(`stops listing at ${MAX_LISTED_PROBLEMS} and counts the rest`, async () => {
    const rows = daily(60, (i) => (i % 2 === 0 ? `bad${i}` : String(i)));
    const error = await ingestError(['date,sales', ...rows].join('\n'), { target: 'sales' });
    expect(error.all).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(error.message.split('\n').at(-1)).toBe('The first 20 problems are listed; there are more.');
  });
});
