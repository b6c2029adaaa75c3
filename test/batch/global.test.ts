// A `model: global` job on the real worker pool and a real SQLite file: one network is
// trained on the five symbols of stocks.csv before any series is dispatched, saved beside
// the outputs, and every symbol is then forecast with it as its own task. A rerun keeps the
// saved model while the file's bytes are unchanged, and retrains it when one value changes.
// A job's static columns (a sector per symbol) become inputs of its global model.
import { copyFile, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJobs, readJobsFile } from '../../src/batch/jobs.ts';
import { createLocalExecutor } from '../../src/batch/local-executor.ts';
import type { LocalExecutor } from '../../src/batch/local-executor.ts';
import { runBatch } from '../../src/batch/runner.ts';
import { loadGlobalModel } from '../../src/forecaster.ts';
import { openDatabase } from '../../src/store/db.ts';
import type { Db } from '../../src/store/db.ts';
import { listRuns } from '../../src/store/runs.ts';

const DATASETS = new URL('../../datasets/', import.meta.url).pathname;
const JOBS = `
jobs:
  - name: stocks
    source: stocks.csv
    target: price
    horizon: 3
    model: global
    config: { hiddenSize: 4, maxEpochs: 3, seed: 1 }
    output: { dir: out }
`;

let dir = '';
let db: Db;
let executor: LocalExecutor;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'recurrent-batch-global-'));
  await writeFile(join(dir, 'jobs.yaml'), JOBS);
  await copyFile(join(DATASETS, 'stocks.csv'), join(dir, 'stocks.csv'));
  db = openDatabase(join(dir, 'runs.db'));
  executor = createLocalExecutor(2);
});
afterAll(async () => {
  await executor.close();
  db.close();
});

const run = async (force = false) =>
  runBatch(await readJobsFile(join(dir, 'jobs.yaml')), {
    db,
    execute: executor.execute,
    concurrency: executor.concurrency,
    force,
  });

describe('a model: global job over stocks.csv (5 symbols)', () => {
  it('trains one model, then forecasts each symbol with it: 5 forecasts of 3 rows, 5 run records', async () => {
    const summary = await run();
    expect(summary.failed, JSON.stringify(summary.results.map((r) => r.error))).toBe(0);
    const files = (await readdir(join(dir, 'out'))).sort();
    expect(files.filter((f) => f.endsWith('.forecast.csv'))).toHaveLength(5);
    expect(files).toContain('stocks.global-model.json');
    const model = await loadGlobalModel(join(dir, 'out', 'stocks.global-model.json'));
    expect(model.series.map((s) => s.id).sort()).toEqual(
      ['AAPL', 'AMZN', 'GOOG', 'IBM', 'MSFT'].map((id) => `stocks/stocks.csv/${id}`),
    );
    const msft = (await readFile(join(dir, 'out', 'stocks-MSFT.forecast.csv'), 'utf8')).trim().split('\n');
    expect(msft).toHaveLength(4);
    expect(msft[0]).toBe('time,forecast,lo_80,hi_80,lo_95,hi_95');
    const metrics = JSON.parse(await readFile(join(dir, 'out', 'stocks-MSFT.metrics.json'), 'utf8'));
    expect(metrics.model).toBe('global');
    expect(metrics.validation.score).toBe(
      model.series.find((s) => s.id === 'stocks/stocks.csv/MSFT')!.validation.score,
    );
    const runs = listRuns(db).filter((r) => r.kind === 'batch');
    expect(runs).toHaveLength(5);
    for (const r of runs) expect(r.status).toBe('succeeded');
  }, 120_000);

  const modelFile = () => join(dir, 'out', 'stocks.global-model.json');

  it('a rerun over the same bytes, rewritten, keeps the saved model and skips every series', async () => {
    const before = (await loadGlobalModel(modelFile())).createdAt;
    const csv = join(dir, 'stocks.csv');
    await writeFile(csv, await readFile(csv)); // a new modification time, the same bytes
    const again = await run();
    expect(again.failed).toBe(0);
    expect(again.skipped).toBe(5);
    expect((await loadGlobalModel(modelFile())).createdAt).toBe(before);
  }, 120_000);

  it('changing one price retrains the model and forecasts every series again with it', async () => {
    const before = await loadGlobalModel(modelFile());
    const csv = join(dir, 'stocks.csv');
    const lines = (await readFile(csv, 'utf8')).split('\n');
    const last = lines.findLastIndex((l) => l.includes('MSFT'));
    const cells = lines[last]!.split(',');
    const price = cells.findIndex((c, i) => i > 0 && Number.isFinite(Number(c)) && c !== '');
    cells[price] = String(Number(cells[price]) + 1);
    lines[last] = cells.join(',');
    await writeFile(csv, lines.join('\n'));
    const again = await run();
    expect(again.failed, JSON.stringify(again.results.map((r) => r.error))).toBe(0);
    expect(again.skipped).toBe(0);
    expect((await loadGlobalModel(modelFile())).createdAt).not.toBe(before.createdAt);
  }, 120_000);

  it('a job with static columns gives them to its global model; without model: global they are refused', async () => {
    const sector: Record<string, string> = { MSFT: 'software', IBM: 'hardware', AAPL: 'hardware' };
    const lines = (await readFile(join(DATASETS, 'stocks.csv'), 'utf8')).trim().split('\n');
    const rows = lines.map((l, i) => `${l},${i === 0 ? 'sector' : (sector[l.split(',')[0]!] ?? 'retail')}`);
    await writeFile(join(dir, 'sectors.csv'), `${rows.join('\n')}\n`);
    const jobs = JOBS.replace('name: stocks', 'name: sectors').replace(
      'source: stocks.csv',
      'source: sectors.csv\n    statics: [sector]',
    );
    const summary = await runBatch(parseJobs(jobs, join(dir, 'sectors.yaml')), {
      db,
      execute: executor.execute,
      concurrency: executor.concurrency,
      forecastConcurrency: executor.forecastConcurrency,
    });
    expect(summary.failed, JSON.stringify(summary.results.map((r) => r.error))).toBe(0);
    expect(summary.results).toHaveLength(5);
    const model = await loadGlobalModel(join(dir, 'out', 'sectors.global-model.json'));
    expect(model.statics).toEqual([
      { name: 'sector', kind: 'category', levels: ['hardware', 'retail', 'software'] },
    ]);
    expect(() => parseJobs(jobs.replace('model: global', 'model: per-series'), join(dir, 'x.yaml'))).toThrow(
      /jobs\[0\]\.statics: static columns are inputs of a global model; add "model: global" \(job "sectors"\)/,
    );
  }, 120_000);
});
