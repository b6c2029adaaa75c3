// Whether a file can hold more than one series, from its header line alone: what a batch
// needs to know of each of 10,000 files before dispatching them, without parsing them all
// on the one machine that dispatches (each worker parses its own). Ingestion splits a file
// into series only by an id column: one named in the options, or one the header names as
// an identifier (columns.ts). A CSV whose header names none holds one series, or fails to
// read (and then its task reports why).
import { open } from 'node:fs/promises';
import { ID_NAMES } from './columns.ts';
import { detectFormat } from './format.ts';
import type { CsvSource } from './source.ts';
import type { IngestOptions } from './types.ts';

/** More than any header line needs; a header longer than this is read in full by ingestion. */
const HEAD_BYTES = 65_536;

/**
 * False only when the file surely holds one series: a CSV (a path or bytes) whose first
 * line names no identifier column, with no id asked for.
 *
 * @example
 * await mayHoldSeveralSeries('daily/store-7.csv', {}); // false for "date,sales"
 */
export async function mayHoldSeveralSeries(
  source: CsvSource,
  options: Pick<IngestOptions, 'id' | 'file'>,
): Promise<boolean> {
  if (options.id === null) return false;
  if (options.id !== undefined) return true;
  if (!Buffer.isBuffer(source) && typeof source !== 'string') return true;
  const file = options.file ?? (typeof source === 'string' ? source : 'input');
  try {
    if ((await detectFormat(source, file)) !== 'csv') return true;
    const head = Buffer.isBuffer(source) ? source.subarray(0, HEAD_BYTES) : await readHead(source);
    const end = head.indexOf(0x0a);
    if (end < 0) return true;
    const names = head
      .subarray(0, end)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split(/[,;\t|]/)
      .map((name) => name.trim().replace(/^"|"$/g, '').trim().toLowerCase());
    return names.some((name) => ID_NAMES.has(name));
  } catch {
    // Unreadable here: ingestion will say why.
    return true;
  }
}

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
