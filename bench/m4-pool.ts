// Runs M4 tasks a few at a time, each lane a long-lived worker thread (fits are CPU-bound:
// one lane per core). A worker that dies mid-task (out of memory, a crash in native code)
// fails that task with the reason and is replaced, so one series never stops the run.
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../src/workers/ts-worker.ts';
import { failedResult } from './m4-run.ts';
import type { M4Result, M4Task } from './m4-run.ts';

export interface PoolOptions {
  lanes: number;
  /** Called once per task, in finishing order; may be async (journal writes). */
  onResult: (result: M4Result) => void | Promise<void>;
  /** Checked just before a task starts: true leaves it out (a method found unusable meanwhile). */
  skip?: (task: M4Task) => boolean;
}

const WORKER = new URL('./m4-worker.ts', import.meta.url);

function runOn(worker: Worker, task: M4Task): Promise<{ result: M4Result; alive: boolean }> {
  return new Promise((resolve) => {
    const done = (result: M4Result, alive: boolean) => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      resolve({ result, alive });
    };
    const failed = (reason: string) => failedResult(task, reason);
    const onMessage = (result: M4Result) => done(result, true);
    const onError = (e: Error) => done(failed(`worker error: ${e.message}`), false);
    const onExit = (code: number) => done(failed(`worker exited (code ${code}) mid-fit`), false);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(task);
  });
}

export async function runPool(tasks: M4Task[], options: PoolOptions): Promise<void> {
  let next = 0;
  const lane = async () => {
    let worker: Worker | undefined;
    try {
      while (next < tasks.length) {
        const task = tasks[next++]!;
        if (options.skip?.(task)) continue;
        worker ??= startTsWorker(WORKER);
        const { result, alive } = await runOn(worker, task);
        if (!alive) {
          await worker.terminate();
          worker = undefined;
        }
        await options.onResult(result);
      }
    } finally {
      await worker?.terminate();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.lanes, tasks.length)) }, lane));
}
