// What kind of file an input is, from its first bytes (and a path's extension): a CSV, an
// Excel workbook (.xlsx, a zip), or something that is not a table at all — an old .xls, a
// PDF, a picture — which gets a plain message saying what is accepted, not a parse error.
import { open } from 'node:fs/promises';
import { DataError } from './errors.ts';
import type { CsvSource } from './source.ts';
import { ZIP_MAGIC } from './xlsx.ts';

export type InputFormat = 'csv' | 'xlsx';

const ACCEPTED = 'Save it as CSV (.csv) or as an Excel workbook (.xlsx), and give that file.';

const NOT_TABLES: { magic: number[]; what: string }[] = [
  { magic: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], what: 'an Excel 97–2003 workbook (.xls)' },
  { magic: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { magic: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG picture' },
  { magic: [0xff, 0xd8, 0xff], what: 'a JPEG picture' },
  { magic: [0x47, 0x49, 0x46, 0x38], what: 'a GIF picture' },
  { magic: [0x1f, 0x8b], what: 'a gzip archive' },
];

/**
 * 'xlsx' for a zip (an .xlsx is one), 'csv' for text; a DataError for a known non-table
 * format. A stream is taken as CSV, since peeking would consume it.
 *
 * @example
 * await detectFormat('sales.xlsx', 'sales.xlsx'); // 'xlsx'
 */
export async function detectFormat(source: CsvSource, file: string): Promise<InputFormat> {
  const head = Buffer.isBuffer(source)
    ? source.subarray(0, 8)
    : typeof source === 'string'
      ? await readHead(source)
      : null;
  if (head === null) return 'csv';
  if (startsWith(head, ZIP_MAGIC)) return 'xlsx';
  const other = NOT_TABLES.find((t) => startsWith(head, t.magic));
  if (other !== undefined) {
    throw new DataError(`this is ${other.what}, not a CSV or .xlsx file`, { file, hint: ACCEPTED });
  }
  return 'csv';
}

function startsWith(head: Buffer, magic: readonly number[]): boolean {
  return head.length >= magic.length && magic.every((byte, i) => head[i] === byte);
}

// The first bytes of a path; null when it cannot be opened (the CSV reader then says why).
async function readHead(path: string): Promise<Buffer | null> {
  try {
    const handle = await open(path, 'r');
    try {
      const head = Buffer.alloc(8);
      const { bytesRead } = await handle.read(head, 0, 8, 0);
      return head.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
}
