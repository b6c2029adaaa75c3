// Streams a CSV through csv-parse into column readers, one row at a time: no row objects
// are kept, so memory is the kept columns (8 bytes a cell) whatever the file size.
// Always `bom: true` (docs/lessons.md #12); the delimiter is detected from the first lines.
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { Parser } from 'csv-parse';
import { GrowableArray } from './growable-array.ts';
import { ColumnReader, type ColumnPlan } from './column-reader.ts';
import { DataError, hasInvisible, showInvisible } from './errors.ts';
import { detectDelimiter } from './sniff.ts';
import { countLineBreaks, readChunks, type CsvSource } from './source.ts';
import { toDataError } from './csv-errors.ts';

export interface ReadTableOptions {
  file: string;
  delimiter?: string;
  maxBytes: number;
  maxRows: number;
  /** Which columns keep their values, decided from the header names. */
  plan: (header: string[]) => ColumnPlan[];
}

export interface Table {
  file: string;
  delimiter: string;
  header: string[];
  columns: ColumnReader[];
  /** Line of each data row (where the record ends). */
  lines: Int32Array;
  rowsRead: number;
  warnings: string[];
}

const SNIFF_BYTES = 64 * 1024;

// csv-parse hands each record to push() synchronously, with info.lines still at that record:
// reading it there gives exact line numbers and skips object-mode buffering.
class RecordSink extends Parser {
  failure: Error | null = null;
  /** Lines csv-parse counted twice so far: it counts both bytes of a CRLF inside quotes. */
  overcount = 0;
  /** The line the last record ended on, as a person counts lines. */
  lastLine = 0;
  private lastReported = 0;
  constructor(
    options: ConstructorParameters<typeof Parser>[0],
    private readonly consume: (record: string[], line: number) => void,
  ) {
    super(options);
  }

  override push(chunk: unknown, encoding?: BufferEncoding): boolean {
    if (chunk === null) return super.push(null, encoding);
    if (this.failure !== null) return false;
    const record = chunk as string[];
    const reported = this.info.lines;
    // A record spanning lines (or after blank lines) is the only place a quoted CRLF can be.
    if (reported - this.lastReported > 1) this.overcount += quotedCrlfs(record);
    this.lastReported = reported;
    this.lastLine = reported - this.overcount;
    try {
      this.consume(record, this.lastLine);
    } catch (error) {
      this.failure = error as Error;
      this.destroy(this.failure);
    }
    return true;
  }
}

export async function readTable(source: CsvSource, options: ReadTableOptions): Promise<Table> {
  const { file, maxRows } = options;
  const chunks = readChunks(source, file, options.maxBytes);
  const head = await takeHead(chunks);
  const delimiter = options.delimiter ?? detectDelimiter(Buffer.concat(head).toString('utf8'));
  const capacity = await countLineBreaks(source);
  const table: Table = {
    file,
    delimiter,
    header: [],
    columns: [],
    lines: new Int32Array(0),
    rowsRead: 0,
    warnings: [],
  };
  const lines = new GrowableArray(Int32Array, capacity);
  let readers: ColumnReader[] = [];

  const take = (record: string[], line: number): void => {
    if (table.header.length === 0) {
      table.header = cleanHeader(record, file, table.warnings);
      const plan = options.plan(table.header);
      readers = table.header.map((name, i) => new ColumnReader(name, i, plan[i]!, capacity));
      return;
    }
    if (++table.rowsRead > maxRows) {
      throw new DataError(`the file has more than ${maxRows} data rows, the row limit`, {
        file,
        line,
        hint: 'Raise the limit with maxRows (CLI: --max-rows), or pass a shorter extract.',
      });
    }
    lines.push(line);
    for (let i = 0; i < readers.length; i++) readers[i]!.read(record[i]!, line);
  };

  // Every line ending is a record's end, whatever the first line used: csv-parse would
  // otherwise take the first one it meets as the only one, and a CRLF header over LF rows
  // would read as one long row (issue 17). \r\n is listed first so it is one break, not two.
  const parser = new RecordSink(
    {
      bom: true,
      delimiter,
      record_delimiter: ['\r\n', '\n', '\r'],
      skip_empty_lines: true,
      encoding: 'utf8',
    },
    take,
  );
  parser.resume();
  async function* all(): AsyncGenerator<Buffer> {
    yield* head;
    yield* chunks;
  }
  try {
    await pipeline(Readable.from(all()), parser);
  } catch (error) {
    throw toDataError(parser.failure ?? error, file, delimiter, table.header.length, {
      overcount: parser.overcount,
      lastLine: parser.lastLine,
    });
  }
  if (table.header.length === 0) {
    throw new DataError('the file is empty: there is no header row and no data', {
      file,
      line: 1,
      hint: 'Give a CSV whose first line names the columns, e.g. "date,value".',
    });
  }
  if (table.rowsRead === 0) {
    throw new DataError('the file has a header but no data rows', {
      file,
      line: 2,
      column: 1,
      field: table.header[0],
      hint: 'Add data rows below the header, one row per timestamp.',
    });
  }
  table.columns = readers;
  table.lines = lines.toArray();
  return table;
}

function quotedCrlfs(record: string[]): number {
  let count = 0;
  for (const field of record) {
    for (let i = field.indexOf('\r\n'); i >= 0; i = field.indexOf('\r\n', i + 2)) count++;
  }
  return count;
}

// Buffers the first chunks until there is enough text to detect the delimiter.
async function takeHead(chunks: AsyncGenerator<Buffer>): Promise<Buffer[]> {
  const head: Buffer[] = [];
  let bytes = 0;
  while (bytes < SNIFF_BYTES) {
    const next = await chunks.next();
    if (next.done === true) break;
    head.push(next.value);
    bytes += next.value.length;
  }
  return head;
}

function cleanHeader(record: string[], file: string, warnings: string[]): string[] {
  const names = record.map((name, i) => {
    const trimmed = withoutInvisible(name, i, warnings).trim();
    if (trimmed !== '') return trimmed;
    warnings.push(`column ${i + 1} has no name in the header; it is called "column${i + 1}"`);
    return `column${i + 1}`;
  });
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      throw new DataError(`the column name "${name}" appears twice, in columns ${earlier + 1} and ${i + 1}`, {
        file,
        line: 1,
        column: i + 1,
        field: name,
        hint: 'Give every column a distinct name in the header.',
      });
    }
    seen.set(name, i);
  });
  return names;
}

// Control and bidi-control characters are removed from column names, not refused: a stray
// LRM from a spreadsheet in a right-to-left locale should not stop a file being read, and a
// right-to-left override must not make "eulav" display as "value". The warning says what went.
function withoutInvisible(name: string, index: number, warnings: string[]): string {
  if (!hasInvisible(name)) return name;
  const visible = [...name].filter((c) => !hasInvisible(c)).join('');
  warnings.push(
    `the name of column ${index + 1} held control or bidirectional-control characters, which were removed: "${showInvisible(name)}" is read as "${visible.trim()}"`,
  );
  return visible;
}
