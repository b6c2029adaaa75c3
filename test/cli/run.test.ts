// The one-shot `recurrent run` through the real binary, on the bundled datasets: row
// counts, calendars, accuracy beside the baselines, interval coverage, and clear failures.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Evaluation, ForecastModel } from '../../src/forecaster.ts';
import { runCli } from '../support/run-cli.ts';
import { expectKeptByRule } from '../support/kept-entry.ts';

const DATASETS = new URL('../../datasets/', import.meta.url).pathname;
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'recurrent-run-'));
});

function csvRows(text: string): string[][] {
  return text
    .trim()
    .split('\n')
    .map((line) => line.split(','));
}

describe('recurrent run on seattle-weather temp_max, h = 14', () => {
  let report: { evaluation: Evaluation; leaderboard: ForecastModel['leaderboard'] };
  let rows: string[][];
  beforeAll(async () => {
    const out = join(dir, 'seattle.csv');
    const result = runCli([
      'run',
      join(DATASETS, 'seattle-weather.csv'),
      '--target',
      'temp_max',
      '--horizon',
      '14',
      '--out',
      out,
      '--json',
    ]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    report = JSON.parse(result.stdout) as typeof report;
    rows = csvRows(await readFile(out, 'utf8'));
  });

  it('writes exactly 14 rows of time,forecast,lo_80,hi_80,lo_95,hi_95 on the days after 2015-12-31', () => {
    expect(rows[0]).toEqual(['time', 'forecast', 'lo_80', 'hi_80', 'lo_95', 'hi_95']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(
      Array.from({ length: 14 }, (_, i) => `2016-01-${String(i + 1).padStart(2, '0')}`),
    );
    for (const [, f, lo80, hi80, lo95, hi95] of rows.slice(1)) {
      expect(Number(lo95)).toBeLessThanOrEqual(Number(lo80));
      expect(Number(lo80)).toBeLessThan(Number(f));
      expect(Number(f)).toBeLessThan(Number(hi80));
      expect(Number(hi80)).toBeLessThanOrEqual(Number(hi95));
    }
  });

  it('rounds to the data precision plus two: temperatures in tenths give three decimals', () => {
    for (const row of rows.slice(1))
      for (const value of row.slice(1)) expect(value, row.join(',')).toMatch(/^-?\d+\.\d{3}$/);
  });

  it('--json keeps both intervals at full precision', () => {
    const json = report as unknown as { forecast: { rows: { lower80: number; upper95: number }[] } };
    expect(json.forecast.rows).toHaveLength(14);
    expect(Number.isFinite(json.forecast.rows[0]?.lower80)).toBe(true);
  });

  it('beats naive and seasonal naive (m = 7) on test-split MASE', () => {
    const ev = report.evaluation;
    expect(ev.seasonLength).toBe(7);
    expect(ev.model.mase).toBeLessThan(ev.baselines.naive.mase);
    expect(ev.model.mase).toBeLessThan(ev.baselines['seasonal-naive'].mase);
    expect(ev.hasSkill).toBe(true);
  });

  it('shows the leaderboard of every candidate and keeps the best-scoring one or the family median', () => {
    const { leaderboard } = report;
    const names = leaderboard.entries.map((e) => e.name);
    for (const name of ['naive', 'seasonal-naive', 'theta', 'ets', 'rnn: z-score'])
      expect(names).toContain(name);
    expectKeptByRule(leaderboard);
    const scores = leaderboard.entries.map((e) => e.score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
  });

  it('95 % intervals cover between 85 % and 100 % of the test split', () => {
    const c95 = report.evaluation.coverage.find((c) => c.level === 0.95)!;
    expect(c95.observed).toBeGreaterThanOrEqual(0.85);
    expect(c95.observed).toBeLessThanOrEqual(1);
  });
});

describe('recurrent run on sp500 close, h = 5', () => {
  it('skips weekends and reports the naive baseline and the skill, whatever it is', async () => {
    const out = join(dir, 'sp500.csv');
    const result = runCli([
      'run',
      join(DATASETS, 'sp500-2000.csv'),
      '--target',
      'close',
      '--horizon',
      '5',
      '--out',
      out,
      '--quiet',
    ]);
    expect(result.status).toBe(0);
    // The data ends on Friday 2020-04-17: the next five trading days are Monday to Friday.
    expect(
      csvRows(await readFile(out, 'utf8'))
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(['2020-04-20', '2020-04-21', '2020-04-22', '2020-04-23', '2020-04-24']);
    expect(result.stdout).toMatch(/^naive +\d/m);
    // The leaderboard names both RNN scalers and the classical peers, one row each, the kept one starred.
    expect(result.stdout).toMatch(/^ {2}[* ] rnn: window-relative \+ z-score +score [\d.]+/m);
    expect(result.stdout).toMatch(/^ {2}[* ] rnn: seasonal difference \(m = 5\) \+ z-score +score [\d.]+/m);
    expect(result.stdout).toMatch(/^ {2}[* ] ets +score [\d.]+/m);
    expect(result.stdout.match(/^ {2}\* /gm)).toHaveLength(1);
    expect(result.stdout).toMatch(/skill vs naive \(1 − MAE\/MAE_naive\): -?\d/);
  });
});

describe('--intervals legacy keeps the older columns for scripts', () => {
  const msft = (out: string, extra: string[] = []) =>
    runCli([
      'run',
      join(DATASETS, 'stocks.csv'),
      '--series',
      'MSFT',
      '--target',
      'price',
      '--horizon',
      '3',
      '--candidates',
      'theta',
      '--out',
      join(dir, out),
      '--quiet',
      '--save-model',
      join(dir, 'msft-theta.json'),
      ...extra,
    ]);

  it('run --intervals legacy writes time,forecast,lower,upper (95 %) at full precision', async () => {
    const both = msft('msft-both.csv');
    expect(both.status, both.stderr).toBe(0);
    const legacy = msft('msft-legacy.csv', ['--intervals', 'legacy']);
    expect(legacy.status, legacy.stderr).toBe(0);
    const [head, ...rows] = csvRows(await readFile(join(dir, 'msft-legacy.csv'), 'utf8'));
    expect(head).toEqual(['time', 'forecast', 'lower', 'upper']);
    expect(rows.map((r) => r[0])).toEqual(['2010-04-01', '2010-05-01', '2010-06-01']);
    // The same forecast as the default file, with its 95 % bounds, unrounded.
    const rounded = csvRows(await readFile(join(dir, 'msft-both.csv'), 'utf8')).slice(1);
    rows.forEach(([, f, lo, hi], i) => {
      const [, rf, , , rlo95, rhi95] = rounded[i]!;
      expect(f!.length).toBeGreaterThan(rf!.length);
      expect(Number(f).toFixed(4)).toBe(rf);
      expect(Number(lo).toFixed(4)).toBe(rlo95);
      expect(Number(hi).toFixed(4)).toBe(rhi95);
    });
  });

  it('forecast --intervals legacy --level 80 writes the 80 % bounds, as --level 80 alone does; with --intervals both it is a usage error', async () => {
    const model = join(dir, 'msft-theta.json');
    const csv = join(DATASETS, 'stocks.csv');
    const base = ['forecast', model, csv, '--series', 'MSFT', '--out'];
    const legacy = runCli([...base, join(dir, 'f80.csv'), '--intervals', 'legacy', '--level', '80']);
    expect(legacy.status, legacy.stderr).toBe(0);
    const both = runCli([...base, join(dir, 'fboth.csv')]);
    expect(both.status, both.stderr).toBe(0);
    const [head, first] = csvRows(await readFile(join(dir, 'f80.csv'), 'utf8'));
    expect(head).toEqual(['time', 'forecast', 'lower', 'upper']);
    const [newHead, newFirst] = csvRows(await readFile(join(dir, 'fboth.csv'), 'utf8'));
    expect(newHead).toEqual(['time', 'forecast', 'lo_80', 'hi_80', 'lo_95', 'hi_95']);
    expect(Number(first![2]).toFixed(4)).toBe(newFirst![2]);
    expect(Number(first![3]).toFixed(4)).toBe(newFirst![3]);

    // --level alone keeps old scripts working: it asks for the legacy pair at that level.
    const levelAlone = runCli([...base, join(dir, 'alone80.csv'), '--level', '80']);
    expect(levelAlone.status, levelAlone.stderr).toBe(0);
    expect(await readFile(join(dir, 'alone80.csv'), 'utf8')).toBe(
      await readFile(join(dir, 'f80.csv'), 'utf8'),
    );
    const contradiction = runCli([...base, join(dir, 'x.csv'), '--intervals', 'both', '--level', '80']);
    expect(contradiction.status).toBe(2);
    expect(contradiction.stderr).toMatch(/--level 80 picks the interval of the legacy lower,upper columns/);
    const unknown = runCli([...base, join(dir, 'x.csv'), '--intervals', '90']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/use both or legacy, got "90"/);
  });
});

describe('failures are clear and non-zero', () => {
  it('a corrupt model file: exit 4 with what is wrong', async () => {
    const model = join(dir, 'model.json');
    const trained = runCli([
      'train',
      join(DATASETS, 'seattle-weather.csv'),
      '--target',
      'temp_max',
      '--horizon',
      '3',
      '--epochs',
      '2',
      '--out',
      model,
      '--quiet',
    ]);
    expect(trained.status).toBe(0);
    const text = await readFile(model, 'utf8');
    await writeFile(join(dir, 'truncated.json'), text.slice(0, Math.floor(text.length / 3)));
    const truncated = runCli([
      'forecast',
      join(dir, 'truncated.json'),
      join(DATASETS, 'seattle-weather.csv'),
      '--out',
      join(dir, 'f.csv'),
    ]);
    expect(truncated.status).toBe(4);
    expect(truncated.stderr).toMatch(/truncated\.json is not valid JSON \(truncated or corrupt\?\)/);
    expect(truncated.stderr).not.toMatch(/\n\s+at /);
    const doc = JSON.parse(text) as { version: number };
    await writeFile(join(dir, 'future.json'), JSON.stringify({ ...doc, version: 99 }));
    const future = runCli([
      'forecast',
      join(dir, 'future.json'),
      join(DATASETS, 'seattle-weather.csv'),
      '--out',
      join(dir, 'f.csv'),
    ]);
    expect(future.status).toBe(4);
    expect(future.stderr).toMatch(/format version 99, newer than this Recurrent reads/);
  });

  it('bad data: exit 3 naming the file and line', () => {
    const fixture = new URL('../fixtures/non-numeric-target.csv', import.meta.url).pathname;
    const result = runCli([
      'run',
      fixture,
      '--target',
      'value',
      '--horizon',
      '2',
      '--out',
      join(dir, 'x.csv'),
    ]);
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(/non-numeric-target\.csv, line \d+/);
  });

  it('a long-format file without --series is a usage error that lists the series', () => {
    const result = runCli([
      'run',
      join(DATASETS, 'stocks.csv'),
      '--target',
      'price',
      '--horizon',
      '3',
      '--out',
      join(dir, 'x.csv'),
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/holds 5 series \(MSFT, AMZN, IBM, GOOG, AAPL\)/);
  });
});

describe('the work cap', () => {
  it('--max-work stops training at the same epoch on every run, and the report says so', async () => {
    const args = (out: string) => [
      'run',
      join(DATASETS, 'seattle-weather.csv'),
      '--target',
      'temp_max',
      '--horizon',
      '3',
      '--hidden',
      '4',
      '--max-work',
      '1',
      '--candidates',
      'rnn',
      '--out',
      join(dir, out),
    ];
    const first = runCli(args('capped-1.csv'));
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^network training: 1 epochs \(work-budget\)/m);
    expect(first.stdout).toMatch(
      /^warning: training stopped at its work cap \(maxTrainingWork 1, CLI --max-work\) after 1 epochs/m,
    );
    // Same seed, same cap: the same forecast to the last digit, however busy the machine.
    expect(runCli(args('capped-2.csv')).status).toBe(0);
    expect(await readFile(join(dir, 'capped-2.csv'), 'utf8')).toBe(
      await readFile(join(dir, 'capped-1.csv'), 'utf8'),
    );
  });
});
