// Timestamps that would make silent garbage (issue 17, finding 4): a step far longer than the
// rest of the series (a daily series whose last row is dated 9999-12-31), years outside
// 0000–9999, and the printing of times past 9999 that a forecast can still reach.
import { describe, expect, it } from 'vitest';
import { formatTime } from '../../src/data/calendar.ts';
import { futureTimes } from '../../src/data/frequency.ts';
import { DataError, ingestCsv } from '../../src/data/ingest.ts';

const csv = (text: string): Buffer => Buffer.from(text);

async function refusal(text: string, options = {}): Promise<DataError> {
  try {
    await ingestCsv(csv(text), { target: 'v', ...options });
  } catch (error) {
    expect(error).toBeInstanceOf(DataError);
    return error as DataError;
  }
  throw new Error('the input was accepted');
}

describe('a step far longer than the series it interrupts', () => {
  it('a daily series whose last row is dated 9999-12-31 is refused, naming both lines', async () => {
    const error = await refusal('date,v\n2020-01-01,1\n2020-01-02,2\n2020-01-03,3\n9999-12-31,4\n');
    expect(error).toMatchObject({ line: 5, column: 1, field: 'date' });
    expect(error.message).toMatch(/lines 4 and 5 are \d+ days apart \(2020-01-03 to 9999-12-31\)/);
    expect(error.hint).toMatch(/line 5/);
  });

  it('points at the lone row when it comes first, and at its line when the file is unsorted', async () => {
    const first = await refusal('date,v\n0001-01-01,0\n2020-01-01,1\n2020-01-02,2\n2020-01-03,3\n');
    expect(first.line).toBe(2);
    expect(first.message).toMatch(/lines 2 and 3/);
    const unsorted = await refusal('date,v\n2020-01-02,2\n9999-12-31,4\n2020-01-01,1\n2020-01-03,3\n');
    expect(unsorted.line).toBe(3);
    expect(unsorted.message).toMatch(/lines 3 and 5/);
  });

  it('checks each series of a long-format file on its own', async () => {
    const text =
      'date,symbol,v\n2020-01-01,A,1\n2020-01-02,A,2\n2020-01-03,A,3\n2020-01-01,B,1\n2020-01-02,B,2\n3020-01-02,B,2\n';
    const error = await refusal(text);
    expect(error.message).toMatch(/in series "B"/);
    expect(error.line).toBe(7);
  });

  it('ordinary gaps, and a two-row series, are still read', async () => {
    const gappy = await ingestCsv(csv('date,v\n2020-01-01,1\n2020-01-02,2\n2020-03-01,3\n2020-03-02,4\n'), {
      target: 'v',
    });
    expect(gappy.report.series[0]!.gaps).toHaveLength(1);
    const two = await ingestCsv(csv('date,v\n1900-01-01,1\n2020-01-01,2\n'), { target: 'v' });
    expect(two.series[0]!.values).toHaveLength(2);
  });
});

describe('years outside 0000–9999', () => {
  it('epoch numbers that land outside the years 0000 to 9999 are refused at their line', async () => {
    const error = await refusal('time,v\n1e17,1\n1.1e17,2\n1.2e17,3\n');
    expect(error).toMatchObject({ line: 2, column: 1, field: 'time' });
    expect(error.message).toMatch(/outside the years 0000 to 9999/);
    const early = await refusal('time,v\n-7e10,1\n-6.9e10,2\n-6.8e10,3\n');
    expect(early.message).toMatch(/-70000000000 \(epoch seconds\) falls outside/);
  });

  it('a zone offset that carries a date past 9999-12-31 is refused too', async () => {
    const error = await refusal(
      'date,v\n9999-12-31T20:00:00-05:00,1\n9999-12-31T21:00:00-05:00,2\n9999-12-31T22:00:00-05:00,3\n',
    );
    expect(error).toMatchObject({ line: 2, column: 1 });
  });

  it('the first and last accepted days read and print as themselves', async () => {
    const { report } = await ingestCsv(csv('date,v\n9999-12-29,1\n9999-12-30,2\n9999-12-31,3\n'), {
      target: 'v',
    });
    expect(report.series[0]!.end).toBe('9999-12-31');
    const early = await ingestCsv(csv('date,v\n0000-01-01,1\n0000-01-02,2\n'), { target: 'v' });
    expect(early.report.series[0]!.start).toBe('0000-01-01');
  });
});

describe('printing times past 9999', () => {
  it('formatTime keeps the whole expanded year instead of cutting it to 10 characters', () => {
    expect(formatTime(Date.UTC(10000, 0, 1))).toBe('+010000-01-01');
    expect(formatTime(Date.UTC(10000, 0, 1, 6, 30))).toBe('+010000-01-01T06:30:00Z');
    expect(formatTime(Date.UTC(10000, 0, 1, 6, 30, 0, 250))).toBe('+010000-01-01T06:30:00.250Z');
    expect(formatTime(Date.UTC(2015, 11, 31))).toBe('2015-12-31');
    expect(formatTime(Date.UTC(2015, 11, 31, 6, 30))).toBe('2015-12-31T06:30:00Z');
  });

  it('a forecast stepping past 9999-12-31 prints distinct, ordered days', () => {
    const lastDay = Date.UTC(9999, 11, 31);
    const times = Array.from(futureTimes(lastDay, { unit: 'day', step: 1, label: 'daily' }, 3), formatTime);
    expect(times).toEqual(['+010000-01-01', '+010000-01-02', '+010000-01-03']);
  });

  it('a time beyond what a Date can hold is printed as its number, not thrown', () => {
    expect(formatTime(9e15)).toBe('9000000000000000');
  });
});
