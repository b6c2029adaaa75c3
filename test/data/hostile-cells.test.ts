// Hostile number cells (issue 17, findings 4 and 5): control characters beside digits, and
// values that are not finite. Each is a DataError naming its line and column, never a crash
// or a value interpolated in silence; nonFinite: 'missing' opts in to reading them as missing.
import { describe, expect, it } from 'vitest';
import { castNumber } from '../../src/data/cast.ts';
import { DataError, ingestCsv } from '../../src/data/ingest.ts';

const csv = (text: string): Buffer => Buffer.from(text);
const withCell = (cell: string): Buffer =>
  csv(`date,v\n2020-01-01,1\n2020-01-02,${cell}\n2020-01-03,3\n2020-01-04,4\n`);

async function refusal(input: Buffer, options = {}): Promise<DataError> {
  try {
    await ingestCsv(input, { target: 'v', ...options });
  } catch (error) {
    expect(error).toBeInstanceOf(DataError);
    return error as DataError;
  }
  throw new Error('the input was accepted');
}

const CONTROLS = ['\x1b', '\x07', '\x00', '\x08', '\x1a'];

describe('control characters at the ends of a number cell', () => {
  it.each(CONTROLS.flatMap((c) => [`${c}2`, `2${c}`, ` ${c}2 `, `${c} 2`, `2 ${c}`]))(
    'castNumber(%j) is NaN, without recursing forever',
    (cell) => {
      expect(castNumber(cell)).toBeNaN();
    },
  );

  it('blanks around a number are still read', () => {
    expect(castNumber(' 7 ')).toBe(7);
    expect(castNumber('\t-2.5\r')).toBe(-2.5);
  });

  it.each(CONTROLS)('a cell with %j is a "not a number" error at its line and column', async (c) => {
    for (const cell of [`${c}2`, `2${c}`]) {
      const error = await refusal(withCell(cell));
      expect(error).toMatchObject({ line: 3, column: 2, field: 'v', value: cell });
      expect(error.message).toMatch(/is not a number/);
      expect(error.message).not.toMatch(/call stack/);
      // The control character is shown escaped, so the message cannot drive a terminal.
      expect(error.message).toContain(`\\u00${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
      expect(error.message).not.toContain(c);
    }
  });
});

describe('non-finite numbers', () => {
  const INFINITE = ['Infinity', '-Infinity', 'inf', '+Inf', '1e309', '-1e400', '9'.repeat(400)];

  it.each(INFINITE)('%s is an error by default, naming line and column', async (cell) => {
    const error = await refusal(withCell(cell));
    expect(error).toMatchObject({ line: 3, column: 2, field: 'v', value: cell });
    expect(error.message).toMatch(/is not a finite number/);
    expect(error.hint).toMatch(/nonFinite: 'missing' \(CLI: --non-finite missing\)/);
    // A 400-digit cell is cut short in the message, not pasted whole.
    expect(error.message.length).toBeLessThan(400);
  });

  it('names the first one and counts them all', async () => {
    const error = await refusal(
      csv('date,v\n2020-01-01,1\n2020-01-02,inf\n2020-01-03,3\n2020-01-04,1e309\n'),
    );
    expect(error.line).toBe(3);
    expect(error.hint).toMatch(/2 such values/);
  });

  it("with nonFinite: 'missing' they are filled, counted in the report and warned about", async () => {
    const text = `date,v\n2020-01-01,1\n2020-01-02,inf\n2020-01-03,3\n2020-01-04,${'9'.repeat(400)}\n2020-01-05,5\n`;
    const { series, report } = await ingestCsv(csv(text), { target: 'v', nonFinite: 'missing' });
    expect(Array.from(series[0]!.values)).toEqual([1, 2, 3, 4, 5]);
    expect(report.nonFinite).toBe(2);
    expect(report.policies.nonFinite).toBe('missing');
    expect(report.series[0]!.nonFinite).toBe(2);
    expect(report.warnings.join('\n')).toMatch(/2 non-finite values were .* read as missing/);
  });

  it('a finite file reports 0 and no warning, under either policy', async () => {
    for (const nonFinite of ['error', 'missing'] as const) {
      const { report } = await ingestCsv(withCell('2'), { target: 'v', nonFinite });
      expect(report.nonFinite).toBe(0);
      expect(report.warnings.join('\n')).not.toMatch(/non-finite/);
    }
  });

  it('an unused column may hold Infinity: only the target and features are checked', async () => {
    const text = 'date,v,other\n2020-01-01,1,inf\n2020-01-02,2,1\n2020-01-03,3,2\n';
    const { series } = await ingestCsv(csv(text), { target: 'v' });
    expect(Array.from(series[0]!.values)).toEqual([1, 2, 3]);
    await expect(ingestCsv(csv(text), { target: 'v', features: ['other'] })).rejects.toMatchObject({
      line: 2,
      column: 3,
      field: 'other',
    });
  });

  it('refuses a misspelt policy', async () => {
    await expect(ingestCsv(withCell('2'), { target: 'v', nonFinite: 'drop' as never })).rejects.toThrow(
      /unknown nonFinite option "drop".*error, missing/,
    );
  });
});

describe('finite values whose cleaning would overflow', () => {
  const huge = 'date,v\n2020-01-01,1\n2020-01-02,1e308\n2020-01-02,1e308\n2020-01-03,3\n';

  it("duplicates: 'mean' of two values near the limit stays finite", async () => {
    const { series } = await ingestCsv(csv(huge), { target: 'v', duplicates: 'mean' });
    expect(Array.from(series[0]!.values)).toEqual([1, 1e308, 3]);
  });

  it("duplicates: 'sum' past ±1.8e308 is an error at the merged row", async () => {
    const error = await refusal(csv(huge), { duplicates: 'sum' });
    expect(error).toMatchObject({ line: 4, column: 2, field: 'v' });
    expect(error.message).toMatch(/beyond ±1.8e308/);
  });

  it('linear filling between values of opposite sign near the limit stays finite', async () => {
    const text = 'date,v\n2020-01-01,-1.5e308\n2020-01-02,NA\n2020-01-03,1.5e308\n';
    const { series } = await ingestCsv(csv(text), { target: 'v' });
    expect(Array.from(series[0]!.values)).toEqual([-1.5e308, 0, 1.5e308]);
  });
});
