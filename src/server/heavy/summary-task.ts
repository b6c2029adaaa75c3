// danfo's describe() on a worker: loading danfo (TensorFlow) takes seconds and describing a
// long series holds memory and CPU — none of it belongs on the event loop. The series is
// copied over (the cache keeps its own), the statistics come back: a few numbers.
import { describeSeries } from '../../forecaster.ts';
import type { TimeSeries } from '../../forecaster.ts';
import type { TaskOutput } from './messages.ts';
import type { Admission, HeavyPool } from './pool.ts';

export type Describe = Awaited<ReturnType<typeof describeSeries>>;

/**
 * describeSeries(series) on the pool.
 *
 * @example
 * const stats = await describeInPool(pool, series); // stats.temp_max.mean
 */
export function describeInPool(
  pool: HeavyPool,
  series: TimeSeries,
  admission?: Admission,
): Promise<Describe> {
  return pool.run<Describe>({ kind: 'describe', series }, [], admission);
}

/** The worker's side. */
export async function runDescribeTask(series: TimeSeries): Promise<TaskOutput<Describe>> {
  return { result: await describeSeries(series), transfer: [] };
}
