// `--global` through the real binary: one network over every series of a long-format file.
// run writes exactly h rows per series led by the id; the saved model forecasts the same
// values through `forecast`, and forecasts a series it never saw. --static reads a column
// of one value per series as inputs of the global model, and only with --global.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';
import { storeRows } from '../support/store-rows.ts';

let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'recurrent-global-'));
  const rows = [
    ...storeRows('north', 1, 200, 0),
    ...storeRows('south', 1000, 200, 2),
    ...storeRows('east, old town', 50, 200, 4),
  ];
  await writeFile(join(dir, 'stores.csv'), ['store,date,sales', ...rows].join('\n'));
  await writeFile(join(dir, 'new.csv'), ['store,date,sales', ...storeRows('west', 20, 120, 1)].join('\n'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const lines = async (file: string) => (await readFile(join(dir, file), 'utf8')).trim().split('\n');
const quick = ['--hidden', '8', '--epochs', '6', '--seed', '4', '--quiet'];

describe('recurrent run --global', () => {
  it('writes exactly h rows per series, each led by its id, and ranks the series', async () => {
    const result = runCli([
      'run',
      join(dir, 'stores.csv'),
      '--id',
      'store',
      '--target',
      'sales',
      '--horizon',
      '7',
      '--global',
      '--out',
      join(dir, 'forecast.csv'),
      '--save-model',
      join(dir, 'global.json'),
      ...quick,
    ]);
    expect(result.status, result.stderr).toBe(0);
    const [header, ...rows] = await lines('forecast.csv');
    expect(header).toBe('store,time,forecast,lo_80,hi_80,lo_95,hi_95');
    expect(rows).toHaveLength(21);
    expect(rows.filter((r) => r.startsWith('north,'))).toHaveLength(7);
    expect(rows.filter((r) => r.startsWith('south,'))).toHaveLength(7);
    expect(rows.filter((r) => r.startsWith('"east, old town",'))).toHaveLength(7);
    expect(rows[0]).toMatch(/^north,2023-07-20,/);
    expect(result.stdout).toMatch(/beats seasonal naive \(m = 7\) on validation for \d of 3 series/);
    expect(result.stdout).toContain('21 forecast rows written');
  }, 180_000);

  it('forecast with the saved model gives the same rows, and forecasts a series it never saw', async () => {
    const again = runCli([
      'forecast',
      join(dir, 'global.json'),
      join(dir, 'stores.csv'),
      '--id',
      'store',
      '--out',
      join(dir, 'again.csv'),
    ]);
    expect(again.status, again.stderr).toBe(0);
    expect(await lines('again.csv')).toEqual(await lines('forecast.csv'));
    const unseen = runCli([
      'forecast',
      join(dir, 'global.json'),
      join(dir, 'new.csv'),
      '--id',
      'store',
      '--out',
      join(dir, 'new-forecast.csv'),
    ]);
    expect(unseen.status, unseen.stderr).toBe(0);
    const [, ...rows] = await lines('new-forecast.csv');
    expect(rows).toHaveLength(7);
    for (const row of rows) {
      const value = Number(row.split(',')[2]);
      expect(value).toBeGreaterThan(20 * 10 * 0.4);
      expect(value).toBeLessThan(20 * 12 * 2);
    }
  }, 180_000);

  it('--static reads a per-series column as inputs, in the report and the saved model; without --global it is refused', async () => {
    const rows = ['store,date,sales,region'];
    for (const [id, scale, phase, region] of [
      ['north', 1, 0, 'coast'],
      ['south', 1000, 2, 'inland'],
      ['west', 50, 4, 'coast'],
    ] as const)
      rows.push(...storeRows(id, scale, 200, phase).map((r) => `${r},${region}`));
    await writeFile(join(dir, 'regions.csv'), rows.join('\n'));
    const base = ['run', join(dir, 'regions.csv'), '--id', 'store', '--target', 'sales', '--horizon', '7'];
    const result = runCli([
      ...base,
      '--global',
      '--static',
      'region',
      '--out',
      join(dir, 'regions-forecast.csv'),
      '--save-model',
      join(dir, 'regions.json'),
      ...quick,
    ]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('static inputs: region (2 categories)');
    expect(await lines('regions-forecast.csv')).toHaveLength(1 + 21);
    const saved = JSON.parse(await readFile(join(dir, 'regions.json'), 'utf8'));
    expect(saved.statics).toEqual([{ name: 'region', kind: 'category', levels: ['coast', 'inland'] }]);
    expect(saved.series.find((s: { id: string }) => s.id === 'south').statics).toEqual([
      { name: 'region', value: 'inland' },
    ]);
    const alone = runCli([...base, '--series', 'north', '--static', 'region', '--out', join(dir, 'x.csv')]);
    expect(alone.status).not.toBe(0);
    expect(alone.stderr).toContain('--static goes with --global');
  }, 180_000);
});
