// Streams a CSV through csv-parse into column readers, one row at a time: no row objects
// are kept, so memory is the kept columns (8 bytes a cell) whatever the file size.
// Always `bom: true` (docs/lessons.md #12); the delimiter is detected from the first lines.
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { Parser } from 'csv-parse';
import type { ColumnPlan } from './column-reader.ts';
import { TableBuilder, type Table } from './table.ts';
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

export type { Table } from './table.ts';

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
  const builder = new TableBuilder({
    file,
    maxRows,
    plan: options.plan,
    capacity,
    separator: delimiter === '\t' ? 'tab' : `'${delimiter}'`,
  });

  // Every line ending is a record's end, whatever the first line used: csv-parse would
  // otherwise take the first one it meets as the only one, and a CRLF header over LF rows
  // would read as one long row (issue 17). \r\n is listed first so it is one break, not two.
  // Rows of the wrong length are let through to the builder, which lists them all.
  const parser = new RecordSink(
    {
      bom: true,
      delimiter,
      record_delimiter: ['\r\n', '\n', '\r'],
      skip_empty_lines: true,
      relax_column_count: true,
      encoding: 'utf8',
    },
    (record, line) => builder.take(record, line),
  );
  parser.resume();
  async function* all(): AsyncGenerator<Buffer> {
    yield* head;
    yield* chunks;
  }
  try {
    await pipeline(Readable.from(all()), parser);
  } catch (error) {
    const stop = toDataError(parser.failure ?? error, file, delimiter, builder.header.length, {
      overcount: parser.overcount,
      lastLine: parser.lastLine,
    });
    throw builder.problems.endedBy(stop);
  }
  return builder.finish(delimiter);
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
