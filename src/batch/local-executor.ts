// The embedded executor: series tasks on a pool of worker threads sized to the cores.
// No Redis, nothing else to install.
import { availableParallelism } from 'node:os';
import { SHARED_TASKS_PER_WORKER, WorkerPool } from './pool.ts';
import type { ExecuteTask } from './runner.ts';
import type { SeriesTask, TaskOutcome } from './task.ts';

export interface LocalExecutor {
  execute: ExecuteTask;
  concurrency: number;
  /** Series in flight when each is only forecast with a trained global model: two share a worker (pool.ts). */
  forecastConcurrency: number;
  close(): Promise<void>;
}

export function createLocalExecutor(workers = availableParallelism()): LocalExecutor {
  const pool = new WorkerPool<SeriesTask, TaskOutcome>(new URL('./task-worker.ts', import.meta.url), workers);
  return {
    execute: (task, onProgress) => pool.run(task, onProgress, task.global !== undefined),
    concurrency: pool.size,
    forecastConcurrency: pool.size * SHARED_TASKS_PER_WORKER,
    close: () => pool.close(),
  };
}
