// Batch forecasting over the bundled long-format files, on the real worker pool and a
// real SQLite file: one forecast and one run record per series, reruns that skip what did
// not change, --force, and one broken file that fails alone.
import { copyFile, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJobs, readJobsFile } from '../../src/batch/jobs.ts';
import { createLocalExecutor } from '../../src/batch/local-executor.ts';
import type { LocalExecutor } from '../../src/batch/local-executor.ts';
import { runBatch } from '../../src/batch/runner.ts';
import { openDatabase } from '../../src/store/db.ts';
import type { Db } from '../../src/store/db.ts';
import { listRuns } from '../../src/store/runs.ts';
import { runCli } from '../support/run-cli.ts';

const DATASETS = new URL('../../datasets/', import.meta.url).pathname;
const JOBS = `
defaults:
  horizon: 3
  config: { hiddenSize: 4, maxEpochs: 3, seed: 1 }
  output: { dir: out, format: csv, keepModel: true }
jobs:
  - name: stocks
    source: ${join(DATASETS, 'stocks.csv')}
    target: price
  - name: weather
    source: ${join(DATASETS, 'weather.csv')}
    target: temp_max
`;

let dir = '';
let db: Db;
let executor: LocalExecutor;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'recurrent-batch-'));
  await writeFile(join(dir, 'jobs.yaml'), JOBS);
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

describe('batch over stocks.csv (5 symbols) and weather.csv (2 cities)', () => {
  it('writes 7 forecasts and 7 run records', async () => {
    const summary = await run();
    expect(summary.failed).toBe(0);
    expect(summary.trained).toBe(7);
    const files = (await readdir(join(dir, 'out'))).sort();
    expect(files.filter((f) => f.endsWith('.forecast.csv'))).toEqual([
      'stocks-AAPL.forecast.csv',
      'stocks-AMZN.forecast.csv',
      'stocks-GOOG.forecast.csv',
      'stocks-IBM.forecast.csv',
      'stocks-MSFT.forecast.csv',
      'weather-New_York.forecast.csv',
      'weather-Seattle.forecast.csv',
    ]);
    expect(files.some((f) => f.endsWith('.tmp'))).toBe(false);
    const msft = (await readFile(join(dir, 'out', 'stocks-MSFT.forecast.csv'), 'utf8')).trim().split('\n');
    expect(msft).toHaveLength(4);
    // Both intervals, rounded to the prices' two decimals plus two.
    expect(msft[0]).toBe('time,forecast,lo_80,hi_80,lo_95,hi_95');
    for (const line of msft.slice(1)) expect(line).toMatch(/^2010-0[4-6]-01(,-?\d+\.\d{4}){5}$/);
    const runs = listRuns(db).filter((r) => r.kind === 'batch');
    expect(runs).toHaveLength(7);
    for (const r of runs) {
      expect(r.status).toBe('succeeded');
      expect(r.wallMs).toBeGreaterThan(0);
      expect(r.peakMemoryMb).toBeGreaterThan(0);
      expect(r.startedAt! <= r.finishedAt!).toBe(true);
    }
  });

  it('a rerun retrains nothing; --force retrains all 7', async () => {
    const again = await run();
    expect(again.trained).toBe(0);
    expect(again.skipped).toBe(7);
    const forced = await run(true);
    expect(forced.trained).toBe(7);
    expect(forced.skipped).toBe(0);
  });

  it('a changed series is retrained alone', async () => {
    const jobs = JOBS.replace(join(DATASETS, 'weather.csv'), join(dir, 'weather.csv'));
    await writeFile(join(dir, 'jobs2.yaml'), jobs);
    await copyFile(join(DATASETS, 'weather.csv'), join(dir, 'weather.csv'));
    const file = await readJobsFile(join(dir, 'jobs2.yaml'));
    await runBatch(file, { db, execute: executor.execute, concurrency: 2 });
    const text = await readFile(join(dir, 'weather.csv'), 'utf8');
    await writeFile(
      join(dir, 'weather.csv'),
      text.replace(/^(Seattle,2015-12-31,[^,]*),([^,]*),/m, '$1,99,'),
    );
    const summary = await runBatch(file, { db, execute: executor.execute, concurrency: 2 });
    expect(summary.results.filter((r) => r.trained).map((r) => r.key)).toEqual([
      'weather/weather.csv/Seattle',
    ]);
  });
});

describe('failure isolation', () => {
  it('one unparseable file fails with its message; the others complete; the exit is non-zero', async () => {
    const series = join(dir, 'series');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(series);
    const rows = (offset: number) =>
      Array.from(
        { length: 120 },
        (_, i) =>
          `${new Date(Date.UTC(2021, 0, 1 + i)).toISOString().slice(0, 10)},${offset + Math.sin(i / 3)}`,
      ).join('\n');
    await writeFile(join(series, 'a.csv'), `date,value\n${rows(10)}\n`);
    await writeFile(join(series, 'b.csv'), `date,value\n2021-01-01,1\n2021-01-02,oops\n2021-01-03,2\n`);
    await writeFile(join(series, 'c.csv'), `date,value\n${rows(20)}\n`);
    await writeFile(
      join(dir, 'glob.yaml'),
      `jobs:\n  - name: many\n    source: series/*.csv\n    target: value\n    horizon: 2\n    config: { hiddenSize: 4, maxEpochs: 2 }\n    output: { dir: out-many }\n`,
    );
    const result = runCli([
      'batch',
      join(dir, 'glob.yaml'),
      '--db',
      join(dir, 'glob.db'),
      '--workers',
      '2',
      '--quiet',
    ]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/many\/a\.csv +succeeded/);
    expect(result.stdout).toMatch(/many\/c\.csv +succeeded/);
    expect(result.stdout).toMatch(/many\/b\.csv +failed .*b\.csv, line 3/);
    expect((await readdir(join(dir, 'out-many'))).filter((f) => f.endsWith('.forecast.csv')).sort()).toEqual([
      'a.forecast.csv',
      'c.forecast.csv',
    ]);
  });
});

describe('output.intervals', () => {
  it('legacy keeps the older time,forecast,lower,upper columns; an unknown choice names the field', async () => {
    const rows = Array.from(
      { length: 120 },
      (_, i) => `${new Date(Date.UTC(2021, 0, 1 + i)).toISOString().slice(0, 10)},${10 + (i % 7)}`,
    ).join('\n');
    await writeFile(join(dir, 'legacy.csv'), `date,value\n${rows}\n`);
    const jobs = (intervals: string) =>
      `jobs:\n  - name: legacy\n    source: legacy.csv\n    target: value\n    horizon: 2\n    config: { candidates: [naive] }\n    output: { dir: out-legacy, intervals: ${intervals} }\n`;
    await writeFile(join(dir, 'legacy.yaml'), jobs('legacy'));
    const result = runCli(['batch', join(dir, 'legacy.yaml'), '--db', join(dir, 'legacy.db'), '--quiet']);
    expect(result.status, result.stderr).toBe(0);
    const lines = (await readFile(join(dir, 'out-legacy', 'legacy.forecast.csv'), 'utf8')).trim().split('\n');
    expect(lines[0]).toBe('time,forecast,lower,upper');
    expect(lines.slice(1)).toHaveLength(2);
    expect(() => parseJobs(jobs('90'), 'j.yaml')).toThrow(/j\.yaml: jobs\[0\]\.output\.intervals: /);
  });
});

describe('jobs files', () => {
  it('errors name the file and the path of the bad field', () => {
    expect(() =>
      parseJobs(
        'jobs:\n  - name: x\n    source: a.csv\n    target: y\n    horizon: 0\n    output: { dir: o }\n',
        'jobs.yaml',
      ),
    ).toThrow(/jobs\.yaml: jobs\[0\]\.horizon: /);
    expect(() => parseJobs('jobs: [ {', 'jobs.yaml')).toThrow(/jobs\.yaml: not valid YAML/);
    expect(() => parseJobs('{"jobs": []}', 'jobs.json')).toThrow(/jobs\.json: jobs: /);
    expect(() =>
      parseJobs(
        'jobs:\n  - name: x\n    source: a.csv\n    target: y\n    horizon: 1\n    output: { dir: o }\n    colour: red\n',
        'j.yaml',
      ),
    ).toThrow(/Unrecognized key.*colour/);
  });
});
