// Column names that are also Object.prototype's keys, and names with invisible control
// characters (issue 17, finding 8): ingestion, the danfo bridge and describe() must keep
// "__proto__" a column like any other, and strip control and bidi-control characters.
import { describe, expect, it } from 'vitest';
import { describeSeries, seriesToFrame } from '../../src/data/frame.ts';
import { ingestCsv } from '../../src/data/ingest.ts';

const csv = (text: string): Buffer => Buffer.from(text);
const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
const text = `date,${PROTOTYPE_NAMES.join(',')}\n2020-01-01,1,10,100,1000\n2020-01-02,2,20,200,2000\n2020-01-03,4,40,400,4000\n`;

describe('columns named like Object.prototype keys', () => {
  it('ingestion reads each as a numeric column, target and features', async () => {
    const { series, report } = await ingestCsv(csv(text));
    expect(report.columns.map((c) => [c.name, c.type])).toEqual([
      ['date', 'time'],
      ...PROTOTYPE_NAMES.map((name) => [name, 'number']),
    ]);
    expect(series[0]!.target).toBe('__proto__');
    expect(series[0]!.features.map((f) => [f.name, Array.from(f.values)])).toEqual([
      ['constructor', [10, 20, 40]],
      ['toString', [100, 200, 400]],
      ['hasOwnProperty', [1000, 2000, 4000]],
    ]);
  });

  it.each(PROTOTYPE_NAMES)('%s can be named as the target', async (name) => {
    const { series } = await ingestCsv(csv(text), { target: name });
    expect(series[0]!.target).toBe(name);
    expect(series[0]!.values).toHaveLength(3);
  });

  it('seriesToFrame keeps every column, "__proto__" included', async () => {
    const { series } = await ingestCsv(csv(text));
    const frame = await seriesToFrame(series[0]!);
    expect(frame.columns).toEqual(['time', ...PROTOTYPE_NAMES]);
    expect(frame.shape).toEqual([3, 5]);
    expect(Array.from(frame.column('__proto__').values as number[])).toEqual([1, 2, 4]);
  });

  it('describeSeries gives each its own statistics, and they survive JSON', async () => {
    const { series } = await ingestCsv(csv(text));
    const summary = await describeSeries(series[0]!);
    expect(Object.keys(summary)).toEqual(PROTOTYPE_NAMES);
    const own = (name: string) => Object.getOwnPropertyDescriptor(summary, name)?.value;
    expect(own('__proto__')).toMatchObject({ count: 3, min: 1, max: 4 });
    expect(own('constructor')).toMatchObject({ count: 3, min: 10, max: 40 });
    expect(own('hasOwnProperty')).toMatchObject({ max: 4000 });
    const wire = JSON.parse(JSON.stringify(summary)) as Record<string, { max: number }>;
    expect(Object.keys(wire)).toEqual(PROTOTYPE_NAMES);
    expect(Object.getOwnPropertyDescriptor(wire, '__proto__')?.value.max).toBe(4);
  });
});

describe('invisible characters in column names', () => {
  it('a right-to-left override is removed from the name, with a warning that shows it', async () => {
    const { report, series } = await ingestCsv(
      csv('date,\u202eeulav\n2020-01-01,1\n2020-01-02,2\n2020-01-03,3\n'),
      { target: 'eulav' },
    );
    expect(report.columns.map((c) => c.name)).toEqual(['date', 'eulav']);
    expect(series[0]!.target).toBe('eulav');
    const warning = report.warnings.find((w) => w.includes('column 2'));
    expect(warning).toContain('\\u202e');
    expect(warning).not.toContain('\u202e');
  });

  it('control and other bidi-control characters are removed; a name left empty gets a stand-in', async () => {
    const { report } = await ingestCsv(
      csv('date,a\u0000b\u001b,\u200e\u2067x\u2069,\u0007\n2020-01-01,1,2,3\n2020-01-02,2,3,4\n'),
    );
    expect(report.columns.map((c) => c.name)).toEqual(['date', 'ab', 'x', 'column4']);
  });

  it('two names equal once cleaned are refused as a duplicate, naming the column', async () => {
    await expect(
      ingestCsv(csv('date,v,\u202ev\n2020-01-01,1,2\n2020-01-02,2,3\n'), { target: 'v' }),
    ).rejects.toMatchObject({ line: 1, column: 3, field: 'v' });
  });
});
