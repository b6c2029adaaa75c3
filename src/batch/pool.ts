// A pool of long-lived worker threads, each running one task at a time: `run` queues a
// task and resolves with its result. A worker that dies fails only the task it held and is
// replaced, so one bad series cannot take the batch down.
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../workers/ts-worker.ts';

type Reply<R> =
  | { type: 'result'; id: number; result: R }
  | { type: 'error'; id: number; name?: string; message: string }
  | { type: 'progress'; id: number };

interface Pending<T, R> {
  id: number;
  task: T;
  resolve: (r: R) => void;
  reject: (e: Error) => void;
  onProgress?: () => void;
}

interface Slot<T, R> {
  worker: Worker;
  current: Pending<T, R> | null;
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

  run(task: T, onProgress?: () => void): Promise<R> {
    if (this.closed) return Promise.reject(new Error('the worker pool is closed'));
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ id: this.nextId++, task, resolve, reject, onProgress });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.waiting.splice(0)) p.reject(new Error('the worker pool was closed'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot<T, R> {
    const slot: Slot<T, R> = { worker: startTsWorker(this.module), current: null };
    slot.worker.on('message', (reply: Reply<R>) => {
      const job = slot.current;
      if (!job || reply.id !== job.id) return;
      if (reply.type === 'progress') {
        job.onProgress?.();
        return;
      }
      slot.current = null;
      if (reply.type === 'result') job.resolve(reply.result);
      else job.reject(Object.assign(new Error(reply.message), { name: reply.name ?? 'Error' }));
      this.dispatch();
    });
    const died = (why: string) => {
      if (this.closed) return;
      const job = slot.current;
      slot.current = null;
      job?.reject(new Error(`the worker running this series stopped: ${why}`));
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots[index] = this.spawn();
      this.dispatch();
    };
    slot.worker.on('error', (e) => died(e.message));
    slot.worker.on('exit', (code) => died(`exit code ${code}`));
    return slot;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.current) continue;
      const job = this.waiting.shift();
      if (!job) return;
      slot.current = job;
      slot.worker.postMessage({ id: job.id, task: job.task });
    }
  }
}
