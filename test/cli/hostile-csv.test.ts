// Hostile CSV files through the real binary (issue 17, findings 4, 5, 8 and 9): each is a
// clear message naming the line and column with exit code 3, or is read correctly — never an
// internal error. Also the ingestion flags the messages name: --non-finite and --max-rows.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.ts';
import { runCli } from '../support/run-cli.ts';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'recurrent-hostile-'));
});

async function csvFile(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

/** n daily rows ending on `last` (YYYY-MM-DD), values cycling 10, 11, 12. */
function dailyRows(n: number, last: string): string {
  const end = Date.parse(`${last}T00:00:00Z`);
  return Array.from({ length: n }, (_, i) => {
    const day = new Date(end - (n - 1 - i) * 86_400_000).toISOString().slice(0, 10);
    return `${day},${10 + (i % 3)}\n`;
  }).join('');
}

function runQuick(file: string, horizon: number, extra: string[] = []) {
  const out = `${file}.forecast.csv`;
  return {
    out,
    ...runCli([
      'run',
      file,
      '--target',
      'v',
      '--horizon',
      String(horizon),
      '--out',
      out,
      '--quiet',
      ...extra,
    ]),
  };
}

describe('control characters in number cells', () => {
  it.each([
    ['ESC', '\x1b'],
    ['BEL', '\x07'],
    ['NUL', '\x00'],
    ['backspace', '\x08'],
    ['SUB', '\x1a'],
  ])('%s before a number: exit 3 naming line and column, no stack overflow', async (name, c) => {
    const file = await csvFile(
      `control-${name}.csv`,
      `date,v\n2020-01-01,1\n2020-01-02,${c}2\n2020-01-03,3\n`,
    );
    const result = runCli(['inspect', file, '--target', 'v']);
    expect(result.status).toBe(EXIT.badInput);
    expect(result.stderr).toMatch(/line 3, column 2 \("v"\)/);
    expect(result.stderr).not.toMatch(/call stack|could not be read/);
    expect(result.stderr).not.toContain(c);
  });
});

describe('non-finite numbers', () => {
  const text = `date,v\n${dailyRows(12, '2020-01-12').replace('2020-01-05,11', '2020-01-05,1e309')}`;

  it('are an error by default, naming line and column and the flag that reads them as missing', async () => {
    const result = runQuick(await csvFile('infinite.csv', text), 2);
    expect(result.status).toBe(EXIT.badInput);
    expect(result.stderr).toMatch(/line 6, column 2 \("v"\): "1e309" is not a finite number/);
    expect(result.stderr).toMatch(/--non-finite missing/);
  });

  it('--non-finite missing reads them as missing and says how many', async () => {
    const result = runQuick(await csvFile('infinite-missing.csv', text), 2, ['--non-finite', 'missing']);
    expect(result.status, result.stderr).toBe(EXIT.ok);
    expect(result.stderr).toMatch(/1 non-finite value read as missing/);
    expect((await readFile(result.out, 'utf8')).trim().split('\n')).toHaveLength(3);
  });

  it('--non-finite refuses a policy it does not know', async () => {
    const result = runQuick(await csvFile('infinite-bad-flag.csv', text), 2, ['--non-finite', 'zero']);
    expect(result.status).toBe(EXIT.usage);
    expect(result.stderr).toMatch(/--non-finite/);
  });
});

describe('timestamps at the end of the calendar', () => {
  it('a daily series whose last row is dated 9999-12-31 is refused, naming both lines', async () => {
    const file = await csvFile('far-last-row.csv', `date,v\n${dailyRows(10, '2020-01-10')}9999-12-31,4\n`);
    const result = runQuick(file, 3);
    expect(result.status).toBe(EXIT.badInput);
    expect(result.stderr).toMatch(/lines 11 and 12 are \d+ days apart \(2020-01-10 to 9999-12-31\)/);
  });

  it('a forecast that steps past 9999-12-31 prints whole expanded years', async () => {
    const result = runQuick(await csvFile('ends-9999.csv', `date,v\n${dailyRows(12, '9999-12-30')}`), 3);
    expect(result.status, result.stderr).toBe(EXIT.ok);
    const times = (await readFile(result.out, 'utf8'))
      .trim()
      .split('\n')
      .slice(1)
      .map((row) => row.split(',')[0]);
    expect(times).toEqual(['9999-12-31', '+010000-01-01', '+010000-01-02']);
  });
});

describe('column names', () => {
  it('inspect reads and summarises columns named __proto__, constructor, toString, hasOwnProperty', async () => {
    const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
    const rows = dailyRows(5, '2020-01-05')
      .split('\n')
      .filter((row) => row !== '')
      .map((row, i) => `${row},${i},${i * 2},${i * 3}`);
    const file = await csvFile('prototype-names.csv', `date,${names.join(',')}\n${rows.join('\n')}\n`);
    const result = runCli(['inspect', file, '--json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(EXIT.ok);
    const parsed = JSON.parse(result.stdout) as { describe: { describe: Record<string, unknown> }[] };
    expect(Object.keys(parsed.describe[0]!.describe)).toEqual(names);
  });
});

describe('line endings and the row limit', () => {
  it('a CRLF header over LF rows is read', async () => {
    const file = await csvFile('mixed-endings.csv', `date,v\r\n${dailyRows(5, '2020-01-05')}`);
    const result = runCli(['inspect', file]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(EXIT.ok);
    expect(result.stdout).toMatch(/rows: 5 read, 5 used/);
  });

  it('--max-rows exists, is what the row-limit message names, and raises or lowers the limit', async () => {
    const file = await csvFile('twelve-rows.csv', `date,v\n${dailyRows(12, '2020-01-12')}`);
    const limited = runQuick(file, 2, ['--max-rows', '5']);
    expect(limited.status).toBe(EXIT.badInput);
    expect(limited.stderr).toMatch(/more than 5 data rows/);
    expect(limited.stderr).toMatch(/--max-rows/);
    expect(runQuick(file, 2, ['--max-rows', '12']).status).toBe(EXIT.ok);
    const bad = runQuick(file, 2, ['--max-rows', 'many']);
    expect(bad.status).toBe(EXIT.usage);
    expect(bad.stderr).toMatch(/--max-rows must be an integer/);
  });
});
