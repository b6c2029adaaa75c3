// Short series through the real binary: an 80-week series with h = 13 and a 72-month
// series with h = 18 each get exactly h forecast rows and exit 0, and the report says
// what was shortened; a series too short to validate anything gets a baseline forecast,
// plainly labelled; one too short to forecast at all is a clear error.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../src/rnn/random.ts';
import { runCli } from '../support/run-cli.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'recurrent-short-'));
});

/** A seeded series with a level, a trend, a season of `m` and noise, one row per period from `start`. */
async function writeSeries(
  name: string,
  n: number,
  period: (i: number) => string,
  m: number,
): Promise<string> {
  const random = createRandom(n);
  const rows = Array.from({ length: n }, (_, i) => {
    const value = 200 + 0.8 * i + 25 * Math.sin((2 * Math.PI * i) / m) + 6 * random.normal();
    return `${period(i)},${value.toFixed(3)}`;
  });
  const file = join(dir, name);
  await writeFile(file, `date,sales\n${rows.join('\n')}\n`);
  return file;
}

const weekly = (i: number) => new Date(Date.UTC(2018, 0, 1) + i * 7 * 86_400_000).toISOString().slice(0, 10);
const monthly = (i: number) => `${2015 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`;

async function run(file: string, horizon: number, extra: string[] = []) {
  const out = `${file}.forecast.csv`;
  const result = runCli([
    'run',
    file,
    '--target',
    'sales',
    '--horizon',
    String(horizon),
    '--out',
    out,
    '--quiet',
    ...extra,
  ]);
  const rows = result.status === 0 ? (await readFile(out, 'utf8')).trim().split('\n').slice(1) : [];
  return { ...result, rows };
}

describe('short series get a forecast', () => {
  it('80 weeks, h = 13: 13 rows, exit 0, and the report says the split was widened', async () => {
    const result = await run(await writeSeries('weekly-80.csv', 80, weekly, 52), 13);
    expect(result.status, result.stderr).toBe(0);
    expect(result.rows).toHaveLength(13);
    expect(
      result.rows.every((row) =>
        row
          .split(',')
          .slice(1)
          .every((v) => Number.isFinite(Number(v))),
      ),
    ).toBe(true);
    expect(result.stdout).toMatch(
      /^warning: short series: validation holds \d+ values \(\d+ forecast origins of 13 steps\)/m,
    );
  });

  it('72 months, h = 18: 18 rows, exit 0, and the report says the RNN was left out and why', async () => {
    const result = await run(await writeSeries('monthly-72.csv', 72, monthly, 12), 18);
    expect(result.status, result.stderr).toBe(0);
    expect(result.rows).toHaveLength(18);
    expect(result.rows[0]!.startsWith('2021-01-01')).toBe(true);
    expect(result.stdout).toMatch(/^warning: short series: /m);
    expect(result.stdout).toMatch(
      /^warning: left out rnn: .* training windows .* fewer than the 16 a network needs/m,
    );
    expect(result.stdout).toMatch(/^kept: /m);
  });

  it('too short to validate (12 months, h = 18): the baseline forecast, plainly labelled, exit 0', async () => {
    const result = await run(await writeSeries('monthly-12.csv', 12, monthly, 12), 18);
    expect(result.status, result.stderr).toBe(0);
    expect(result.rows).toHaveLength(18);
    expect(result.stdout).toMatch(
      /too few to fit and validate a model, so the forecast is the naive forecast/,
    );
    expect(result.stdout).toMatch(/^test split: none/m);
  });

  it('two values cannot be forecast: exit 2 with how many are needed', async () => {
    const result = await run(await writeSeries('monthly-2.csv', 2, monthly, 12), 3);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/too short to forecast; at least 3 are needed/);
  });
});
