// Files whose lines do not all end alike (issue 17, finding 9): a CRLF header over LF rows,
// LF over CRLF, and lone CRs among them are read row by row, with exact line numbers.
import { describe, expect, it } from 'vitest';
import { ingestCsv } from '../../src/data/ingest.ts';

const rows = ['date,v', '2020-01-01,1', '2020-01-02,2', '2020-01-03,3', '2020-01-04,4'];

function joined(endings: string[]): Buffer {
  return Buffer.from(rows.map((row, i) => row + endings[i % endings.length]).join(''));
}

describe('mixed line endings', () => {
  it.each([
    ['CRLF header, LF rows', ['\r\n', '\n', '\n', '\n', '\n']],
    ['LF header, CRLF rows', ['\n', '\r\n', '\r\n', '\r\n', '\r\n']],
    ['alternating', ['\r\n', '\n']],
    ['CR among them', ['\n', '\r', '\r\n']],
  ])('%s', async (_, endings) => {
    const { series, report } = await ingestCsv(joined(endings), { target: 'v' });
    expect(Array.from(series[0]!.values)).toEqual([1, 2, 3, 4]);
    expect(report.rowsRead).toBe(4);
    expect(report.columns.map((c) => c.name)).toEqual(['date', 'v']);
  });

  it('line numbers stay exact across endings and quoted line breaks', async () => {
    const text = 'date,v,note\r\n2020-01-01,1,"a\nb"\n2020-01-02,2,c\r\n2020-01-03,x,d\n';
    await expect(ingestCsv(Buffer.from(text), { target: 'v' })).rejects.toMatchObject({
      line: 5,
      column: 2,
      value: 'x',
    });
  });
});

describe('line numbers after quoted line breaks', () => {
  it('a CRLF inside quotes counts as one line, not two', async () => {
    const text = 'date,v,note\r\n2020-01-01,1,"a\r\nb"\r\n2020-01-02,2,"c\r\n\r\nd"\r\n2020-01-03,x,e\r\n';
    await expect(ingestCsv(Buffer.from(text), { target: 'v' })).rejects.toMatchObject({ line: 7, column: 2 });
  });

  it('an unclosed quote names the line where the quoted record starts, not the end of the file', async () => {
    const text = 'date,v\r\n2020-01-01,1\r\n2020-01-02,"2\r\n2020-01-03,3\r\n2020-01-04,4\r\n';
    await expect(ingestCsv(Buffer.from(text), { target: 'v' })).rejects.toMatchObject({
      line: 3,
      message: expect.stringMatching(/quoted field is opened but never closed/),
    });
  });
});

describe('the row limit', () => {
  it('names the option and the CLI flag that raise it', async () => {
    const error = ingestCsv(joined(['\n']), { target: 'v', maxRows: 3 });
    await expect(error).rejects.toMatchObject({ line: 5 });
    await expect(error).rejects.toThrow(/Raise the limit with maxRows \(CLI: --max-rows\)/);
  });
});
