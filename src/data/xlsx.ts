// Excel workbooks (.xlsx) in, the same Table a CSV makes out: one worksheet's rows become
// text records fed to the TableBuilder, so types, times, ids and every check are those of
// the CSV path. Cells are turned into the text a CSV export would hold: dates as ISO 8601,
// formulas as their saved result, rich text as its plain text. Read with exceljs, never
// the `xlsx` package (CVE-2023-30533, CVE-2024-22363); it is loaded only when a workbook comes.
import type { CellValue, Workbook, Worksheet } from 'exceljs';
import type { ColumnPlan } from './column-reader.ts';
import { DataError } from './errors.ts';
import { TableBuilder, type Table } from './table.ts';

export interface ReadWorkbookOptions {
  file: string;
  maxRows: number;
  plan: (header: string[]) => ColumnPlan[];
}

/**
 * The first 4 bytes of every zip file, .xlsx included.
 */
export const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** A loaded workbook and its worksheets' names, in the workbook's order. */
export interface OpenWorkbook {
  workbook: Workbook;
  sheets: string[];
  /** The sheets worth trying when none is named: visible ones with rows, first one first. */
  readable: string[];
}

/**
 * Checks an .xlsx's size and loads it.
 *
 * @example
 * const book = await openWorkbook(bytes, 'sales.xlsx', 2 ** 30);
 * book.sheets; // ['Data', 'Notes']
 */
export async function openWorkbook(
  bytes: Buffer,
  file: string,
  maxUnpackedBytes: number,
): Promise<OpenWorkbook> {
  checkUnpackedSize(bytes, file, maxUnpackedBytes);
  const workbook = await loadWorkbook(bytes, file);
  const sheets = workbook.worksheets.map((w) => w.name);
  const readable = workbook.worksheets
    .filter((w) => w.state === 'visible' && w.actualRowCount > 0)
    .map((w) => w.name);
  if (sheets.length === 0) {
    throw new DataError('the workbook has no worksheet', { file, hint: 'Put the data on a worksheet.' });
  }
  return { workbook, sheets, readable: readable.length > 0 ? readable : sheets.slice(0, 1) };
}

/**
 * Reads one worksheet of a workbook into a Table, as readTable does a CSV.
 *
 * @example
 * const { table, columnOffset } = readSheetTable(book, 'Data', { file: 'sales.xlsx', maxRows: 5e6, plan });
 */
export function readSheetTable(
  book: OpenWorkbook,
  name: string,
  options: ReadWorkbookOptions,
): { table: Table; columnOffset: number } {
  const worksheet = book.workbook.worksheets.find((w) => w.name === name);
  if (!worksheet) {
    throw new DataError(`the workbook has no sheet named "${name}"`, {
      file: options.file,
      hint: `Its sheets are: ${book.sheets.join(', ')}.`,
    });
  }
  if (worksheet.actualRowCount > options.maxRows + 1) {
    throw new DataError(`the sheet has more than ${options.maxRows} data rows, the row limit`, {
      file: options.file,
      sheet: worksheet.name,
      hint: 'Raise the limit with maxRows (CLI: --max-rows), or pass a shorter extract.',
    });
  }
  return sheetTable(worksheet, options);
}

async function loadWorkbook(bytes: Buffer, file: string): Promise<Workbook> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as Node's older Buffer<ArrayBuffer>; any Buffer reads the same.
    await workbook.xlsx.load(bytes as unknown as Parameters<Workbook['xlsx']['load']>[0]);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DataError(`the file is not a readable Excel workbook (${reason})`, {
      file,
      hint: 'Open it in a spreadsheet program and save it again as .xlsx or as CSV.',
    });
  }
  return workbook;
}

// Rows → records: the first non-empty row is the header; columns run from its first named
// cell to its last. Empty rows are skipped as a CSV's blank lines are.
function sheetTable(
  worksheet: Worksheet,
  options: ReadWorkbookOptions,
): { table: Table; columnOffset: number } {
  const builder = new TableBuilder({
    file: options.file,
    maxRows: options.maxRows,
    plan: options.plan,
    capacity: worksheet.actualRowCount,
    separator: 'cells',
    raggedHint:
      'A value sits outside the columns the header row names: name its column in the header row, or move or remove the value.',
  });
  let first = 0;
  let last = 0;
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: { column: number; text: string }[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      const text = cellText(cell.value);
      if (text !== '') cells.push({ column, text });
    });
    if (cells.length === 0) return;
    if (first === 0) {
      first = cells[0]?.column ?? 1;
      last = cells[cells.length - 1]?.column ?? first;
    }
    // A value right of the header's last column makes the row longer than the header, which
    // the builder reports; one left of its first is such a value too.
    const end = Math.max(last, cells[cells.length - 1]?.column ?? last);
    const start = Math.min(first, cells[0]?.column ?? first);
    const record = new Array<string>(end - start + 1).fill('');
    for (const { column, text } of cells) record[column - start] = text;
    builder.take(record, rowNumber);
  });
  return { table: builder.finish(''), columnOffset: Math.max(0, first - 1) };
}

/**
 * A cell as the text a CSV export would hold, so the typed columns read it the same way.
 *
 * @example
 * cellText(new Date(Date.UTC(2024, 0, 31))); // "2024-01-31"
 * cellText({ formula: 'B2*2', result: 14 }); // "14"
 */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return isoText(value);
  if ('error' in value) return value.error === '#N/A' ? '' : value.error;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const { result } = value as { result?: CellValue | { error: string } };
    // A workbook saved by a program that does not compute formulas holds none: show the formula.
    if (result === undefined) return `=${'formula' in value ? value.formula : value.sharedFormula}`;
    return cellText(result as CellValue);
  }
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : cellText(value.text);
  return '';
}

// exceljs reads date cells as the UTC instant of their wall-clock time: midnight gives a
// plain date, anything else an ISO date-time, both of which the time parser reads.
function isoText(date: Date): string {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) return '';
  const iso = date.toISOString();
  if (ms % 86_400_000 === 0) return iso.slice(0, 10);
  return iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : iso;
}

/**
 * Refuses a workbook whose parts unpack to more than `limit` bytes, by the sizes its zip
 * directory declares, before anything is inflated: a few KiB of zip can unpack to gigabytes.
 */
function checkUnpackedSize(bytes: Buffer, file: string, limit: number): void {
  const declared = declaredUnpackedBytes(bytes);
  if (declared === null) {
    throw new DataError(
      'the file is not a readable Excel workbook (its zip directory is missing or damaged)',
      {
        file,
        hint: 'Open it in a spreadsheet program and save it again as .xlsx or as CSV.',
      },
    );
  }
  if (declared <= limit) return;
  throw new DataError(
    `the workbook unpacks to ${mebibytes(declared)} MiB, over the limit of ${mebibytes(limit)} MiB`,
    {
      file,
      hint: 'Raise the limit with maxBytes (CLI: --max-bytes), or save the sheet as CSV.',
    },
  );
}

function mebibytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

// The sum of the uncompressed sizes in the zip's central directory; null when there is none.
// A zip64 size (0xFFFFFFFF) counts as too big, which it is for a sheet read into memory.
function declaredUnpackedBytes(bytes: Buffer): number | null {
  const END_SIGNATURE = 0x06054b50;
  const ENTRY_SIGNATURE = 0x02014b50;
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let i = bytes.length - 22; i >= lowest; i--) {
    if (bytes.readUInt32LE(i) === END_SIGNATURE) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const entries = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  let total = 0;
  for (let e = 0; e < entries; e++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== ENTRY_SIGNATURE) return null;
    const size = bytes.readUInt32LE(at + 24);
    total += size === 0xffffffff ? Number.POSITIVE_INFINITY : size;
    at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return total;
}
