// `run --global auto` through the real binary: auto mode fits one global network and a
// model per series without the last h values of each, keeps the better, and says so.
// - Against a global network of 2 units trained for one epoch, the per-series pool (with
//   its classical methods) must win on these clean weekly stores, and the report's scores
//   must show it.
// - With almost no time allowed, the per-series fits cannot run: the global model is kept,
//   and the report says why.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';
import { storeRows } from '../support/store-rows.ts';

let dir = '';
/** An exact weekly pattern at each store's own scale, with a small wobble and no trend. */
const EXACT_WEEKS = { trendPerDay: 0, wobble: 0.01 };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'recurrent-global-auto-'));
  const rows = [
    ...storeRows('north', 1, 120, 0, EXACT_WEEKS),
    ...storeRows('south', 100, 120, 2, EXACT_WEEKS),
    ...storeRows('east', 7, 120, 4, EXACT_WEEKS),
  ];
  await writeFile(join(dir, 'stores.csv'), ['store,date,sales', ...rows].join('\n'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The stores file, its columns and a horizon of 7. */
const run = () => ['run', join(dir, 'stores.csv'), '--id', 'store', '--target', 'sales', '--horizon', '7'];
const args = (out: string, ...more: string[]) => [
  ...run(),
  '--global',
  'auto',
  '--out',
  join(dir, out),
  '--hidden',
  '2',
  '--epochs',
  '1',
  '--seed',
  '4',
  '--quiet',
  ...more,
];

describe('recurrent run --global auto', () => {
  it('keeps a fit per series when it forecasts the held-out values better, and writes h rows per series', async () => {
    const result = runCli([...args('per-series.csv'), '--json'], { timeoutMs: 300_000 });
    expect(result.status, result.stderr).toBe(0);
    const { choice } = JSON.parse(result.stdout) as {
      choice: {
        chosen: string;
        global: number;
        perSeries: number;
        perSeriesBetterOn: number;
        holdoutSteps: number;
      };
    };
    expect(choice.chosen).toBe('per-series');
    expect(choice.perSeries).toBeLessThan(choice.global);
    expect(choice.perSeriesBetterOn).toBeGreaterThanOrEqual(2);
    expect(choice.holdoutSteps).toBe(7);
    const [header, ...rows] = (await readFile(join(dir, 'per-series.csv'), 'utf8')).trim().split('\n');
    expect(header).toBe('store,time,forecast,lo_80,hi_80,lo_95,hi_95');
    for (const id of ['north', 'south', 'east'])
      expect(rows.filter((r) => r.startsWith(`${id},`))).toHaveLength(7);
  }, 300_000);

  it('keeps the global model when the per-series fits do not fit in the time allowed, and says why', () => {
    const result = runCli(args('global.csv', '--time-allowed', '0.0001'), { timeoutMs: 300_000 });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /^auto mode chose the global model \(score \d+\.\d+ on the last 7 values of each series\): fits per series reached 0 of 3 series within the time allowed \(0 s\)/,
    );
    expect(result.stdout).toContain('21 forecast rows written');
  }, 300_000);

  it('refuses --time-allowed without --global auto, and a --global value other than auto', () => {
    const alone = runCli([...run(), '--out', join(dir, 'x.csv'), '--time-allowed', '5']);
    expect(alone.status).toBe(2);
    expect(alone.stderr).toContain('--time-allowed goes with --global auto');
    const other = runCli([...run(), '--global', 'sometimes', '--out', join(dir, 'y.csv')]);
    expect(other.status).toBe(2);
    expect(other.stderr).toContain('--global takes no value or "auto", not "sometimes"');
  });
});
