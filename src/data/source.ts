// Turns a path, a Buffer or a readable stream into a stream of byte chunks, enforcing the
// size limit before reading when the size is known and while reading when it is not.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { DataError } from './errors.ts';

export type CsvSource = string | Buffer | NodeJS.ReadableStream;

const READ_CHUNK = 1 << 20;

export function sourceName(source: CsvSource, file: string | undefined): string {
  if (file !== undefined) return file;
  return typeof source === 'string' ? source : 'input';
}

export async function* readChunks(source: CsvSource, file: string, maxBytes: number): AsyncGenerator<Buffer> {
  if (Buffer.isBuffer(source)) {
    checkSize(source.length, true, file, maxBytes);
    yield source;
    return;
  }
  const stream = typeof source === 'string' ? await openFile(source, file, maxBytes) : source;
  let total = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    total += bytes.length;
    checkSize(total, false, file, maxBytes);
    yield bytes;
  }
}

/**
 * An upper bound on the rows of a path or Buffer — its line breaks plus one — found by a
 * quick byte scan, so columns can be allocated once. Undefined for a stream, which can be read only once.
 */
export async function countLineBreaks(source: CsvSource): Promise<number | undefined> {
  if (Buffer.isBuffer(source)) return lineBreaksIn(source) + 1;
  if (typeof source !== 'string') return undefined;
  let count = 1;
  for await (const chunk of createReadStream(source, { highWaterMark: READ_CHUNK }))
    count += lineBreaksIn(chunk as Buffer);
  return count;
}

// "\n" and "\r" not followed by "\n" (old Mac line endings); a "\r\n" split across chunks counts twice, which is harmless.
function lineBreaksIn(bytes: Buffer): number {
  let count = 0;
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) count++;
  for (let i = bytes.indexOf(13); i >= 0; i = bytes.indexOf(13, i + 1)) if (bytes[i + 1] !== 10) count++;
  return count;
}

async function openFile(path: string, file: string, maxBytes: number): Promise<NodeJS.ReadableStream> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) {
      throw new DataError('this path is not a file', { file, hint: 'Give the path of a CSV file.' });
    }
    size = info.size;
  } catch (error) {
    if (error instanceof DataError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const problem =
      code === 'ENOENT' ? 'no such file' : `the file cannot be read (${code ?? 'unknown error'})`;
    throw new DataError(problem, { file, hint: 'Check the path and that the file is readable.' });
  }
  checkSize(size, true, file, maxBytes);
  return createReadStream(path, { highWaterMark: READ_CHUNK });
}

// `complete`: bytes is the whole input's size, not a count so far.
function checkSize(bytes: number, complete: boolean, file: string, maxBytes: number): void {
  if (bytes <= maxBytes) return;
  const size = complete ? formatBytes(bytes) : `more than ${formatBytes(maxBytes)}`;
  throw new DataError(`the input is ${size}, over the size limit of ${formatBytes(maxBytes)}`, {
    file,
    hint: 'Raise the limit with maxBytes (CLI: --max-bytes) if the file is meant to be this big, or pass a smaller extract.',
  });
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
