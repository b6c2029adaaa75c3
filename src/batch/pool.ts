// A pool of long-lived worker threads, each running one task at a time: `run` queues a
// task and resolves with its result. A worker that dies fails only the tasks it held and is
// replaced, so one bad series cannot take the batch down.
//
// A task run as `shared` may share its worker with one other shared task: forecasting a
// series with a trained global model takes a few milliseconds of work and as many of
// waiting for its file to be read and its outputs flushed to disk, and two such tasks on
// one thread overlap the waiting of one with the work of the other. A per-series job's
// training is never shared: it keeps its thread's whole core. (A series a global model left
// out is trained inside its forecast task, and may share: a few series of a job, at most.)
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../workers/ts-worker.ts';

type Reply<R> =
  | { type: 'result'; id: number; result: R }
  | { type: 'error'; id: number; name?: string; message: string }
  | { type: 'progress'; id: number };

/** Shared tasks a worker holds at once. */
export const SHARED_TASKS_PER_WORKER = 2;

interface Pending<T, R> {
  id: number;
  task: T;
  shared: boolean;
  resolve: (r: R) => void;
  reject: (e: Error) => void;
  onProgress?: () => void;
}

interface Slot<T, R> {
  worker: Worker;
  current: Pending<T, R>[];
}

export class WorkerPool<T, R> {
  private readonly slots: Slot<T, R>[] = [];
  private readonly waiting: Pending<T, R>[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly module: URL,
    readonly size: number,
  ) {
    if (!Number.isInteger(size) || size < 1)
      throw new Error(`a worker pool needs at least 1 worker, got ${size}`);
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  run(task: T, onProgress?: () => void, shared = false): Promise<R> {
    if (this.closed) return Promise.reject(new Error('the worker pool is closed'));
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ id: this.nextId++, task, shared, resolve, reject, onProgress });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.waiting.splice(0)) p.reject(new Error('the worker pool was closed'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot<T, R> {
    const slot: Slot<T, R> = { worker: startTsWorker(this.module), current: [] };
    slot.worker.on('message', (reply: Reply<R>) => {
      const job = slot.current.find((p) => p.id === reply.id);
      if (!job) return;
      if (reply.type === 'progress') {
        job.onProgress?.();
        return;
      }
      slot.current = slot.current.filter((p) => p !== job);
      if (reply.type === 'result') job.resolve(reply.result);
      else job.reject(Object.assign(new Error(reply.message), { name: reply.name ?? 'Error' }));
      this.dispatch();
    });
    const died = (why: string) => {
      if (this.closed) return;
      const held = slot.current;
      slot.current = [];
      for (const job of held) job.reject(new Error(`the worker running this series stopped: ${why}`));
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots[index] = this.spawn();
      this.dispatch();
    };
    slot.worker.on('error', (e) => died(e.message));
    slot.worker.on('exit', (code) => died(`exit code ${code}`));
    return slot;
  }

  /** Hands waiting tasks out in order: to an idle worker first, a shared one to a worker holding only shared tasks next. */
  private dispatch(): void {
    for (let job = this.waiting[0]; job; job = this.waiting[0]) {
      const slot =
        this.slots.find((s) => s.current.length === 0) ??
        (job.shared
          ? this.slots.find(
              (s) => s.current.length < SHARED_TASKS_PER_WORKER && s.current.every((p) => p.shared),
            )
          : undefined);
      if (!slot) return;
      this.waiting.shift();
      slot.current.push(job);
      slot.worker.postMessage({ id: job.id, task: job.task });
    }
  }
}
