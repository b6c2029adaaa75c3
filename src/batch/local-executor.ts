// The embedded executor: series tasks on a pool of worker threads sized to the cores.
// No Redis, nothing else to install.
import { availableParallelism } from 'node:os';
import { WorkerPool } from './pool.ts';
import type { ExecuteTask } from './runner.ts';
import type { SeriesTask, TaskOutcome } from './task.ts';

export interface LocalExecutor {
  execute: ExecuteTask;
  concurrency: number;
  close(): Promise<void>;
}

export function createLocalExecutor(workers = availableParallelism()): LocalExecutor {
  const pool = new WorkerPool<SeriesTask, TaskOutcome>(new URL('./task-worker.ts', import.meta.url), workers);
  return {
    execute: (task, onProgress) => pool.run(task, onProgress),
    concurrency: pool.size,
    close: () => pool.close(),
  };
}
