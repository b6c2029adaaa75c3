// Chart data on a worker: a long series' window is sliced and downsampled (LTTB) there. A
// short one is done in place — below INLINE_POINTS a round trip to a worker costs more than
// the work, and a small chart should not wait behind a large ingestion.
import { traceWindow } from '../downsample.ts';
import type { Trace } from '../downsample.ts';
import type { TaskOutput } from './messages.ts';
import type { Admission, HeavyPool } from './pool.ts';

/** Series up to this many points are traced on the event loop (a few milliseconds at most). */
export const INLINE_POINTS = 50_000;

export interface TraceRequest {
  points: number;
  from?: number;
  to?: number;
}

/** The result's columns as Float64Arrays, so their buffers move instead of being copied. */
interface PackedTrace {
  time: Float64Array;
  values: Float64Array;
  downsampled: boolean;
}

/**
 * traceWindow(time, values, …) — on the pool for a long series, in place for a short one.
 *
 * @example
 * const trace = await traceInPool(pool, series.time, series.values, { points: 5000 });
 */
export async function traceInPool(
  pool: HeavyPool,
  time: Float64Array,
  values: Float64Array,
  request: TraceRequest,
  admission?: Admission,
): Promise<Trace> {
  if (time.length <= INLINE_POINTS)
    return traceWindow(time, values, request.points, request.from, request.to);
  const packed = await pool.run<PackedTrace>({ kind: 'trace', time, values, ...request }, [], admission);
  return {
    time: Array.from(packed.time),
    values: Array.from(packed.values),
    downsampled: packed.downsampled,
  };
}

/** The worker's side. */
export function runTraceTask(
  time: Float64Array,
  values: Float64Array,
  request: TraceRequest,
): TaskOutput<PackedTrace> {
  const trace = traceWindow(time, values, request.points, request.from, request.to);
  const packed = {
    time: Float64Array.from(trace.time),
    values: Float64Array.from(trace.values),
    downsampled: trace.downsampled,
  };
  return { result: packed, transfer: [packed.time.buffer, packed.values.buffer] };
}
