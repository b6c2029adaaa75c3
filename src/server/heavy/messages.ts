// The messages between the heavy-work pool (pool.ts) and its worker (heavy-worker.ts). They
// live in a file of their own so that each side imports only the shapes, not the other side.
import type { TimeSeries } from '../../forecaster.ts';
import type { IngestTask } from './ingest-task.ts';
import type { SerialisedError } from './worker-errors.ts';

export type HeavyTask =
  /** ingestCsv over the bytes of a CSV, sent along or read from the SQLite file. */
  | IngestTask
  /** danfo's describe() of a series' value columns. */
  | { kind: 'describe'; series: TimeSeries }
  /** The (time, value) points of a chart within [from, to], downsampled to `points`. */
  | { kind: 'trace'; time: Float64Array; values: Float64Array; points: number; from?: number; to?: number };

export type HeavyReply = { type: 'done'; result: unknown } | { type: 'error'; error: SerialisedError };

/** A task's answer on the worker's side, with the buffers to hand over rather than copy. */
export interface TaskOutput<T> {
  result: T;
  transfer: ArrayBuffer[];
}
