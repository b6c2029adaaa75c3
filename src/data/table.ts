// Rows of text cells → typed columns: the one ingestion path every input format takes. A
// CSV parser (csv.ts) or a worksheet reader (xlsx.ts) hands over one record at a time with
// the line (or sheet row) it came from; the first is the header. Rows whose length does not
// fit the header are gathered as problems (up to a cap) rather than stopping at the first.
import { ColumnReader, type ColumnPlan } from './column-reader.ts';
import { DataError, hasInvisible, ProblemList, showInvisible } from './errors.ts';
import { GrowableArray } from './growable-array.ts';

export interface Table {
  file: string;
  delimiter: string;
  header: string[];
  columns: ColumnReader[];
  /** Line of each data row (where the record ends); a sheet's row number for a workbook. */
  lines: Int32Array;
  rowsRead: number;
  warnings: string[];
}

export interface TableBuilderOptions {
  file: string;
  maxRows: number;
  /** Which columns keep their values, decided from the header names. */
  plan: (header: string[]) => ColumnPlan[];
  /** Expected rows, when known, so storage is allocated once. */
  capacity?: number;
  /** How a row's fields are separated, for the hint of a row of the wrong length. */
  separator: string;
  /** The hint for a row of the wrong length, when "separated by …" does not fit (a worksheet). */
  raggedHint?: string;
}

export class TableBuilder {
  readonly header: string[] = [];
  readonly warnings: string[] = [];
  /** Problems found so far (rows of the wrong length); thrown together by finish(). */
  readonly problems = new ProblemList();
  rowsRead = 0;
  private readers: ColumnReader[] = [];
  private readonly lines: GrowableArray<Int32Array>;

  constructor(private readonly options: TableBuilderOptions) {
    this.lines = new GrowableArray(Int32Array, options.capacity);
  }

  /** One record; the first is the header. Throws a DataError only when reading cannot go on. */
  take(record: string[], line: number): void {
    const { file, maxRows } = this.options;
    if (this.header.length === 0) {
      this.header.push(...cleanHeader(record, file, this.warnings));
      const plan = this.options.plan(this.header);
      this.readers = this.header.map((name, i) => new ColumnReader(name, i, plan[i]!, this.options.capacity));
      return;
    }
    if (++this.rowsRead > maxRows) {
      throw new DataError(`the file has more than ${maxRows} data rows, the row limit`, {
        file,
        line,
        hint: 'Raise the limit with maxRows (CLI: --max-rows), or pass a shorter extract.',
      });
    }
    if (record.length !== this.header.length) {
      this.problems.add(this.raggedRow(record.length, line));
      return;
    }
    this.lines.push(line);
    for (let i = 0; i < this.readers.length; i++) this.readers[i]!.read(record[i]!, line);
  }

  /** The table, or a DataError for an empty input or for every row of the wrong length. */
  finish(delimiter: string): Table {
    const { file } = this.options;
    if (this.header.length === 0) {
      throw new DataError('the file is empty: there is no header row and no data', {
        file,
        line: 1,
        hint: 'Give a CSV whose first line names the columns, e.g. "date,value".',
      });
    }
    this.problems.throwIfAny();
    if (this.rowsRead === 0) {
      throw new DataError('the file has a header but no data rows', {
        file,
        line: 2,
        column: 1,
        field: this.header[0],
        hint: 'Add data rows below the header, one row per timestamp.',
      });
    }
    return {
      file,
      delimiter,
      header: this.header,
      columns: this.readers,
      lines: this.lines.toArray(),
      rowsRead: this.rowsRead,
      warnings: this.warnings,
    };
  }

  private raggedRow(got: number, line: number): DataError {
    const expected = this.header.length;
    const shown = this.options.separator;
    return new DataError(`this row has ${got} fields but the header has ${expected}`, {
      file: this.options.file,
      line,
      column: Math.min(got, expected) + 1,
      hint:
        this.options.raggedHint ??
        `Every row needs ${expected} fields separated by ${shown}. Quote a value that contains ${shown}, or add or remove the missing or extra field.`,
    });
  }
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
