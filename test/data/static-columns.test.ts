// Static columns of a long-format file: each series' one value of a property that belongs to
// the series (its region, its size), read as written, kept out of the targets and features,
// and refused with the two lines that disagree when a series holds two values.
import { describe, expect, it } from 'vitest';
import { DataError, ingestCsv } from '../../src/data/ingest.ts';

const STORES = [
  { id: 'north', region: 'coast', size: '120' },
  { id: 'south', region: 'inland', size: '80' },
  { id: 'east', region: 'coast', size: '45' },
];

function storesCsv(edit: (row: string[], store: number, day: number) => void = () => {}): Buffer {
  const rows = ['date,store,region,size,sales'];
  for (let d = 0; d < 20; d++) {
    const date = new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10);
    STORES.forEach((s, i) => {
      const row = [date, s.id, s.region, s.size, String(100 * (i + 1) + (d % 7))];
      edit(row, i, d);
      rows.push(row.join(','));
    });
  }
  return Buffer.from(`${rows.join('\n')}\n`);
}

const ingestStores = (bytes: Buffer, target?: string) =>
  ingestCsv(bytes, { file: 'stores.csv', id: 'store', target, statics: ['region', 'size'] });

describe('static columns', () => {
  it("give each series its values as written, in the order asked for, and take no feature's place", async () => {
    const { series, report } = await ingestStores(storesCsv());
    expect(series.map((s) => [s.id, s.statics])).toEqual(
      STORES.map((s) => [
        s.id,
        [
          { name: 'region', value: s.region },
          { name: 'size', value: s.size },
        ],
      ]),
    );
    // Without a target, every other numeric column would become a feature: size does not.
    expect(report.target).toBe('sales');
    expect(report.features).toEqual([]);
  });

  it('allow empty cells on some rows of a series', async () => {
    const { series } = await ingestStores(
      storesCsv((row, _, d) => {
        if (d > 0) row[2] = '';
      }),
      'sales',
    );
    expect(series.map((s) => s.statics![0]!.value)).toEqual(['coast', 'inland', 'coast']);
  });

  it('refuse a series holding two values, naming both lines and the column', async () => {
    const error = await ingestStores(
      storesCsv((row, store, d) => {
        if (store === 1 && d === 5) row[2] = 'coast';
      }),
      'sales',
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    // south's rows are lines 3, 6, 9, …: day 5 is line 3 + 15.
    expect((error as DataError).message).toMatch(
      /^stores\.csv, line 18, column 3 \("region"\): static column "region" holds "inland" on line 3 and "coast" on line 18 for series "south"/,
    );
  });

  it('refuse a series with no value at all, and a name that is not a column', async () => {
    const empty = await ingestStores(
      storesCsv((row, store) => {
        if (store === 2) row[3] = '';
      }),
      'sales',
    ).catch((e: unknown) => e);
    expect((empty as DataError).message).toMatch(/static column "size" has no value for series "east"/);
    const unknown = await ingestCsv(storesCsv(), { id: 'store', statics: ['kind'] }).catch((e: unknown) => e);
    expect((unknown as DataError).message).toMatch(/there is no column named "kind"/);
  });
});
