// A batch dispatches 10,000 files without parsing them when their header line shows each
// holds one series; any file that might hold several is parsed as before.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mayHoldSeveralSeries } from '../../src/forecaster.ts';

const csv = (text: string) => Buffer.from(text);

describe('mayHoldSeveralSeries', () => {
  it('is false only for a CSV whose header names no id column, with no id asked for', async () => {
    expect(await mayHoldSeveralSeries(csv('date,sales\n2024-01-01,3\n'), {})).toBe(false);
    expect(await mayHoldSeveralSeries(csv('date,sales\n2024-01-01,3\n'), { id: null })).toBe(false);
    expect(await mayHoldSeveralSeries(csv('date,sales\n2024-01-01,3\n'), { id: 'sales' })).toBe(true);
  });

  it('sees an id column by any of the names ingestion reads as one, quoted, in any case, after a BOM, with any delimiter', async () => {
    for (const header of [
      'symbol,date,price',
      '\uFEFF"Ticker";date;close',
      'date\tSERIES\tvalue',
      'date|id|v',
    ])
      expect(await mayHoldSeveralSeries(csv(`${header}\n`), {}), header).toBe(true);
  });

  it('leaves a workbook, a header without its line end and an unreadable path to ingestion', async () => {
    expect(await mayHoldSeveralSeries(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), {})).toBe(true);
    expect(await mayHoldSeveralSeries(csv('date,sales'), {})).toBe(true);
    const dir = await mkdtemp(join(tmpdir(), 'recurrent-peek-'));
    expect(await mayHoldSeveralSeries(join(dir, 'missing.csv'), {})).toBe(true);
    await writeFile(join(dir, 'one.csv'), 'date,sales\n2024-01-01,3\n');
    expect(await mayHoldSeveralSeries(join(dir, 'one.csv'), {})).toBe(false);
  });
});
