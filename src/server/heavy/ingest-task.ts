// Ingestion on a worker. Nothing large is copied on the event loop:
// - the bytes of an upload are lent: their buffer moves to the worker and comes back with
//   the report, ready to be stored;
// - a stored dataset is read from the SQLite file by the worker itself, on a read-only
//   connection of its own (an in-memory database, which no other connection can see, is
//   read here and its bytes handed over);
// - the series come back with their Float64Arrays' buffers handed over: a 45 MB file's
//   columns are tens of MB;
// - a summary's describe() can ride along, so the series need not be copied back over to
//   a worker for it.
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { describeSeries, ingestCsv } from '../../forecaster.ts';
import type { IngestOptions, IngestResult, TimeSeries } from '../../forecaster.ts';
import { datasetBytes, getDataset } from '../../store/datasets.ts';
import type { Db } from '../../store/db.ts';
import type { TaskOutput } from './messages.ts';
import type { Admission, HeavyPool } from './pool.ts';
import type { Describe } from './summary-task.ts';

/** Where the worker finds the CSV: bytes sent along, or a row of a SQLite file it opens itself. */
export type IngestSource = { bytes: Uint8Array } | { dbPath: string; datasetId: number; sha256: string };

export interface IngestTask {
  kind: 'ingest';
  source: IngestSource;
  options: IngestOptions;
  /** Send the bytes back with the result (they were lent, not given). */
  giveBack: boolean;
  /**
   * Also describe() the series chosen as DatasetService.series chooses it: the one with
   * this id, else the only one (none when the file holds several: the caller's choice fails).
   */
  describe?: { seriesId?: string };
  /** Also the SHA-256 of the bytes (hex), so an upload identical to a stored one is found off the event loop. */
  hash?: boolean;
}

/** The worker's answer; `ingest` is null when the stored row is gone or has changed. */
export interface IngestAnswer {
  ingest: IngestResult | null;
  bytes?: Uint8Array;
  describe?: Describe;
  sha256?: string;
}

/** The buffer of `bytes` when it can move to another thread: its own, whole, not Node's shared pool. */
function movable(bytes: Uint8Array): ArrayBuffer[] {
  const { buffer } = bytes;
  return buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength
    ? [buffer]
    : [];
}

/**
 * ingestCsv(bytes, options) on the pool. The bytes are lent to the worker and returned:
 * use the returned `bytes` afterwards (the ones passed in may be emptied by the move).
 *
 * @example
 * const { ingest, bytes } = await ingestBytesInPool(pool, await readFile('datasets/stocks.csv'), { file: 'stocks.csv' });
 */
export async function ingestBytesInPool(
  pool: HeavyPool,
  bytes: Uint8Array,
  options: IngestOptions,
  admission?: Admission,
): Promise<{ ingest: IngestResult; bytes: Buffer; sha256: string | undefined }> {
  const transfer = movable(bytes);
  const task: IngestTask = {
    kind: 'ingest',
    source: { bytes },
    options,
    giveBack: transfer.length > 0,
    hash: true,
  };
  const answer = await pool.run<IngestAnswer>(task, transfer, admission);
  if (!answer.ingest)
    throw new Error('the heavy-work worker answered no ingestion for the bytes it was given');
  const back = answer.bytes ?? bytes;
  return {
    ingest: answer.ingest,
    bytes: Buffer.from(back.buffer, back.byteOffset, back.byteLength),
    sha256: answer.sha256,
  };
}

/**
 * A stored dataset's bytes ingested on the pool (and described, with `describe`); `ingest`
 * is null when the row is gone (or was replaced) by the time the worker reads it.
 *
 * @example
 * const { ingest } = await ingestStoredInPool(pool, db, row, { file: row.name, target: 'close' });
 */
export function ingestStoredInPool(
  pool: HeavyPool,
  db: Db,
  row: { id: number; sha256: string },
  options: IngestOptions,
  { admission, describe }: { admission?: Admission; describe?: IngestTask['describe'] } = {},
): Promise<IngestAnswer> {
  if (db.memory) {
    const bytes = datasetBytes(db, row.id);
    if (!bytes) return Promise.resolve({ ingest: null });
    // Read for this ingestion alone: the buffer moves to the worker for good.
    const task: IngestTask = { kind: 'ingest', source: { bytes }, options, giveBack: false, describe };
    return pool.run<IngestAnswer>(task, movable(bytes), admission);
  }
  const source = { dbPath: db.name, datasetId: row.id, sha256: row.sha256 };
  const task: IngestTask = { kind: 'ingest', source, options, giveBack: false, describe };
  return pool.run<IngestAnswer>(task, [], admission);
}

/** The worker's read-only connections, one per database file, kept while the worker lives. */
const connections = new Map<string, Db>();

function readStored(source: { dbPath: string; datasetId: number; sha256: string }): Buffer | undefined {
  let db = connections.get(source.dbPath);
  if (!db) {
    db = new Database(source.dbPath, { readonly: true, fileMustExist: true });
    connections.set(source.dbPath, db);
  }
  const connection = db;
  // One read transaction: the checksum and the bytes come from the same version of the row.
  return connection.transaction(() =>
    getDataset(connection, source.datasetId)?.sha256 === source.sha256
      ? datasetBytes(connection, source.datasetId)
      : undefined,
  )();
}

/** The worker's side. */
export async function runIngestTask(task: IngestTask): Promise<TaskOutput<IngestAnswer>> {
  const bytes = 'bytes' in task.source ? task.source.bytes : readStored(task.source);
  if (!bytes) return { result: { ingest: null }, transfer: [] };
  // Ingestion may read a workbook (.xlsx) as well as a CSV: both are parsed here, off the event loop.
  const ingest = await ingestCsv(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), task.options);
  const transfer = seriesBuffers(ingest.series);
  const answer: IngestAnswer = { ingest };
  if (task.hash) answer.sha256 = createHash('sha256').update(bytes).digest('hex');
  if (task.describe) {
    const { seriesId } = task.describe;
    const chosen =
      seriesId !== undefined && seriesId !== ''
        ? ingest.series.find((s) => s.id === seriesId)
        : ingest.series.length === 1
          ? ingest.series[0]
          : undefined;
    if (chosen) answer.describe = await describeSeries(chosen);
  }
  if (!task.giveBack) return { result: answer, transfer };
  return { result: { ...answer, bytes }, transfer: [...transfer, ...movable(bytes)] };
}

/** The distinct buffers behind every column of the series (a buffer may appear once in a transfer list). */
export function seriesBuffers(series: TimeSeries[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const s of series)
    for (const column of [s.time, s.values, ...s.features.map((f) => f.values)])
      if (column.buffer instanceof ArrayBuffer) buffers.add(column.buffer);
  return [...buffers];
}
