// Several seasons through the real binary: `--season 24,168` on an hourly file puts
// seasonal naive at a week into the leaderboard, `--season 7,365` is taken on three years of
// daily data, and the report says which seasons it used.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'recurrent-seasons-'));
  // Six weeks of hourly load: a daily cycle, and weekdays busier than weekends.
  const rows = Array.from({ length: 6 * 168 }, (_, i) => {
    const time = new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString();
    const weekend = i % 168 >= 120;
    const load = (weekend ? 60 : 100) + 20 * Math.sin((2 * Math.PI * (i % 24)) / 24) + ((i * 7919) % 13) / 13;
    return `${time},${load.toFixed(3)}`;
  });
  await writeFile(join(dir, 'load.csv'), ['time,load', ...rows].join('\n'));
  // Three years of daily sales: busier weekends and a summer peak.
  const days = Array.from({ length: 3 * 365 }, (_, t) => {
    const date = new Date(Date.UTC(2021, 0, 1) + t * 86_400_000).toISOString().slice(0, 10);
    const sales =
      100 + (t % 7 >= 5 ? 15 : 0) + 20 * Math.sin((2 * Math.PI * t) / 365.25) + ((t * 7919) % 11) / 11;
    return `${date},${sales.toFixed(3)}`;
  });
  await writeFile(join(dir, 'sales.csv'), ['date,sales', ...days].join('\n'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('recurrent run --season with several seasons', () => {
  it('scores seasonal naive at 168 beside it at 24 and names both seasons in the report', async () => {
    const out = join(dir, 'forecast.csv');
    const result = runCli([
      'run',
      join(dir, 'load.csv'),
      '--target',
      'load',
      '--horizon',
      '48',
      '--candidates',
      'classical',
      '--season',
      '24,168',
      '--out',
      out,
    ]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^ {2}[* ] seasonal-naive \(m = 168\) +score [\d.]+/m);
    expect(result.stdout).toMatch(/^ {2}[* ] seasonal-naive +score [\d.]+/m);
    expect(result.stdout).toContain('seasons: m = 24 (seasonal naive and MASE), and 168');
    expect((await readFile(out, 'utf8')).trim().split('\n')).toHaveLength(49);
  });

  it('takes --season 7,365 on three years of daily data and names both seasons', async () => {
    const out = join(dir, 'sales-forecast.csv');
    const result = runCli([
      'run',
      join(dir, 'sales.csv'),
      '--target',
      'sales',
      '--horizon',
      '14',
      '--season',
      '7,365',
      '--candidates',
      'classical',
      '--out',
      out,
    ]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('seasons: m = 7 (seasonal naive and MASE), and 365');
    expect(result.stdout).toMatch(/^ {2}[* ] seasonal-naive \(m = 365\) +score [\d.]+/m);
    expect((await readFile(out, 'utf8')).trim().split('\n')).toHaveLength(15);
  });

  it('refuses a list that repeats a season or holds a season of 1, naming the flag', () => {
    const repeated = runCli(['run', join(dir, 'load.csv'), '--horizon', '48', '--season', '24,24']);
    expect(repeated.status).toBe(2);
    expect(repeated.stderr).toContain('--season must list each season once, got 24, 24');
    const one = runCli(['run', join(dir, 'load.csv'), '--horizon', '48', '--season', '24,1']);
    expect(one.status).toBe(2);
    expect(one.stderr).toContain('--season must list only seasons of 2 or more');
    const text = runCli(['run', join(dir, 'load.csv'), '--horizon', '48', '--season', '24,week']);
    expect(text.status).toBe(2);
    expect(text.stderr).toContain('--season');
  });
});
