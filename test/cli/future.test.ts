// Known-future columns through the real binary: `--future promo` reads the promotions
// planned over the horizon from rows after the last sales value (sales left empty), or from
// a second file (--future-file); a missing one is exit 3 naming the column and timestamp;
// a saved model forecasts the same from the same future values.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROMO_SALES_HEADER, promoDay, promoSales } from '../support/promo-sales.ts';
import { runCli } from '../support/run-cli.ts';

const N = 240;
const H = 7;
let dir = '';
const day = promoDay;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'recurrent-future-'));
  const { history, ahead, planned } = promoSales(N, H, 21);
  await writeFile(join(dir, 'sales.csv'), [PROMO_SALES_HEADER, ...history, ...ahead].join('\n'));
  await writeFile(join(dir, 'short.csv'), [PROMO_SALES_HEADER, ...history, ...ahead.slice(0, 4)].join('\n'));
  await writeFile(join(dir, 'history.csv'), [PROMO_SALES_HEADER, ...history].join('\n'));
  await writeFile(join(dir, 'planned.csv'), ['date,promo', ...planned].join('\n'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const quick = [
  '--target',
  'sales',
  '--horizon',
  String(H),
  '--candidates',
  'rnn',
  '--epochs',
  '20',
  '--seed',
  '4',
];

describe('recurrent run --future', () => {
  it('forecasts h rows from the rows past the history, says the column is known in the future, and a saved model agrees', async () => {
    const out = join(dir, 'forecast.csv');
    const model = join(dir, 'model.json');
    const run = runCli([
      'run',
      join(dir, 'sales.csv'),
      ...quick,
      '--future',
      'promo',
      '--out',
      out,
      '--save-model',
      model,
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('promo (known in the future: its 7 values over the horizon too)');
    const written = (await readFile(out, 'utf8')).trim().split('\n');
    expect(written).toHaveLength(H + 1);
    expect(written[1]).toMatch(new RegExp(`^${day(N)},`));
    // The same model from its file, the same future values from a second file: the same forecast.
    const again = join(dir, 'again.csv');
    const fromFile = runCli([
      'forecast',
      model,
      join(dir, 'history.csv'),
      '--future-file',
      join(dir, 'planned.csv'),
      '--out',
      again,
    ]);
    expect(fromFile.status, fromFile.stderr).toBe(0);
    expect(await readFile(again, 'utf8')).toBe(await readFile(out, 'utf8'));
  });

  it('refuses a forecast missing a future value with exit 3, naming the column, the timestamp and the count', () => {
    const result = runCli([
      'run',
      join(dir, 'short.csv'),
      ...quick,
      '--future',
      'promo',
      '--out',
      join(dir, 'x.csv'),
    ]);
    expect(result.status).toBe(3);
    expect(result.stderr).toContain(`column "promo": no known-future value for ${day(N + 4)}`);
    expect(result.stderr).toContain(
      `all 7 of the column's values from ${day(N)} to ${day(N + H - 1)}, and 4 were given`,
    );
  });
});

describe('rows past the history without --future', () => {
  it('are read as history with a warning that names --future', () => {
    const result = runCli(['inspect', join(dir, 'sales.csv'), '--target', 'sales', '--features', 'promo']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout + result.stderr).toContain(
      'the last 7 rows have no sales value, so the missing-value policy treated them as history; if they give future values of known-future columns, name those columns (CLI: --future <columns>)',
    );
  });
});

describe('recurrent run --holidays', () => {
  it('reads US public holidays as a calendar input and names it in the report', async () => {
    const out = join(dir, 'holidays.csv');
    const result = runCli(['run', join(dir, 'history.csv'), ...quick, '--holidays', 'US', '--out', out]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      'calendar (generated, known in the future): weekday-sin, weekday-cos, yearday-sin, yearday-cos, holiday (US public holidays), read in UTC, as written',
    );
    expect((await readFile(out, 'utf8')).trim().split('\n')).toHaveLength(H + 1);
  });

  it('refuses an unknown time zone naming the flag', () => {
    const result = runCli([
      'run',
      join(dir, 'history.csv'),
      ...quick,
      '--calendar-timezone',
      'Mars/Olympus',
      '--out',
      join(dir, 'y.csv'),
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--calendar-timezone must be an IANA time zone such as America/New_York');
  });
});
