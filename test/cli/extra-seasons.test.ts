// A longer season through the real binary: `--extra-seasons 168` on an hourly file puts
// seasonal naive at a week into the leaderboard, and the report says which seasons it used.
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
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('recurrent run --extra-seasons', () => {
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
      '--extra-seasons',
      '168',
      '--out',
      out,
    ]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^ {2}[* ] seasonal-naive \(m = 168\) +score [\d.]+/m);
    expect(result.stdout).toMatch(/^ {2}[* ] seasonal-naive +score [\d.]+/m);
    expect(result.stdout).toContain('seasons: m = 24 (seasonal naive and MASE), and 168');
    expect((await readFile(out, 'utf8')).trim().split('\n')).toHaveLength(49);
  });

  it('refuses a season that is not a whole number ≥ 2, naming the flag', () => {
    const result = runCli(['run', join(dir, 'load.csv'), '--horizon', '48', '--extra-seasons', '1']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--extra-seasons must be a whole number from 2 to 10000');
  });
});
