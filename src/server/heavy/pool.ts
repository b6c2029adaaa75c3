// A small pool of worker threads for the server's CPU-heavy work — ingesting CSVs, danfo's
// describe(), chart downsampling — so the event loop keeps answering while it runs (issue 17:
// four 45 MB summaries on the loop held /api/health for 27 s). Workers start on demand, run
// one task at a time, and end after a while idle to give their memory back. The queue is
// bounded: a request whose first task would wait behind `maxQueued` others is refused with a
// 503 at the door, never half-way through.
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../../workers/ts-worker.ts';
import type { HeavyReply, HeavyTask } from './messages.ts';
import { HttpError } from '../http-error.ts';
import { ServerBusyError } from './server-busy.ts';
import { reviveError } from './worker-errors.ts';

export interface HeavyPoolOptions {
  /** Worker threads at most (at least 1). */
  size: number;
  /** Tasks that may wait for a worker; a request arriving when this many wait gets a 503. */
  maxQueued: number;
  /** A worker idle this long is ended. Default 60 s. */
  idleMs?: number;
}

/**
 * One request's ticket: checked against the queue's bound at the request's first task only,
 * so a request admitted once is carried through (its describe after its ingest, say).
 */
export interface Admission {
  checked: boolean;
}

interface Job {
  task: HeavyTask;
  transfer: ArrayBuffer[];
  resolve(result: unknown): void;
  reject(error: unknown): void;
  startedMs: number;
}

interface Slot {
  worker: Worker;
  job: Job | undefined;
  idleTimer: NodeJS.Timeout | undefined;
}

const DEFAULT_IDLE_MS = 60_000;
/** Retry-After stays within [1, 60] s, whatever the estimate. */
const MAX_RETRY_AFTER_S = 60;

export class HeavyPool {
  private readonly slots = new Set<Slot>();
  private readonly waiting: Job[] = [];
  /** A running mean of task durations, for an honest Retry-After. */
  private meanTaskMs = 1000;
  private closed = false;

  constructor(private readonly options: HeavyPoolOptions) {}

  /** Tasks waiting for a worker (not counting those running). */
  get queued(): number {
    return this.waiting.length;
  }

  /**
   * Runs a task on a worker. `transfer` lists buffers handed over (they become unusable
   * here); with `admission`, a full queue refuses the request with a ServerBusyError.
   *
   * @example
   * const pool = new HeavyPool({ size: 2, maxQueued: 8 });
   * const stats = await pool.run({ kind: 'describe', series }, [], { checked: false });
   */
  run<T>(task: HeavyTask, transfer: ArrayBuffer[] = [], admission?: Admission): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the server is shutting down'));
    if (admission && !admission.checked) {
      admission.checked = true;
      if (this.waiting.length >= this.options.maxQueued)
        return Promise.reject(new ServerBusyError(this.retryAfterSeconds(), this.waiting.length));
    }
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({
        task,
        transfer,
        resolve: resolve as (result: unknown) => void,
        reject,
        startedMs: 0,
      });
      this.pump();
    });
  }

  /** Ends every worker; tasks still queued or running are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    // A 503, not a 500: a request caught by the shutdown did nothing wrong.
    const stopping = new HttpError(503, 'the server is shutting down');
    for (const job of this.waiting.splice(0)) job.reject(stopping);
    const slots = [...this.slots];
    this.slots.clear();
    for (const slot of slots) {
      clearTimeout(slot.idleTimer);
      slot.job?.reject(stopping);
      slot.job = undefined;
    }
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  /** Seconds until a worker is likely free for one more task: the queue ahead, shared by the workers. */
  private retryAfterSeconds(): number {
    const ahead = this.waiting.length + this.slots.size;
    const seconds = Math.ceil((this.meanTaskMs * ahead) / Math.max(1, this.options.size) / 1000);
    return Math.min(MAX_RETRY_AFTER_S, Math.max(1, seconds));
  }

  private pump(): void {
    while (!this.closed && this.waiting.length > 0) {
      const slot = this.idleSlot() ?? this.newSlot();
      if (!slot) return;
      const job = this.waiting.shift();
      if (job) this.start(slot, job);
    }
  }

  private idleSlot(): Slot | undefined {
    for (const slot of this.slots) if (!slot.job) return slot;
    return undefined;
  }

  private newSlot(): Slot | undefined {
    if (this.slots.size >= Math.max(1, this.options.size)) return undefined;
    const worker = startTsWorker(new URL('./heavy-worker.ts', import.meta.url));
    const slot: Slot = { worker, job: undefined, idleTimer: undefined };
    worker.on('message', (reply: HeavyReply) => this.finish(slot, reply));
    worker.on('error', (e: Error) => this.lose(slot, new Error(`a heavy-work worker failed: ${e.message}`)));
    worker.on('exit', (code) => this.lose(slot, new Error(`a heavy-work worker exited (code ${code})`)));
    this.slots.add(slot);
    return slot;
  }

  private start(slot: Slot, job: Job): void {
    clearTimeout(slot.idleTimer);
    slot.idleTimer = undefined;
    slot.job = job;
    job.startedMs = performance.now();
    // A busy worker keeps the process alive until its answer comes; an idle one does not.
    slot.worker.ref();
    try {
      slot.worker.postMessage(job.task, job.transfer);
    } catch (e) {
      slot.job = undefined;
      job.reject(e);
      this.rest(slot);
    }
  }

  private finish(slot: Slot, reply: HeavyReply): void {
    const job = slot.job;
    if (!job) return;
    slot.job = undefined;
    this.meanTaskMs = 0.7 * this.meanTaskMs + 0.3 * (performance.now() - job.startedMs);
    if (reply.type === 'done') job.resolve(reply.result);
    else job.reject(reviveError(reply.error));
    this.pump();
    if (!slot.job) this.rest(slot);
  }

  /** A worker died (an uncaught error, out of memory, terminated): its task fails, a new one takes over. */
  private lose(slot: Slot, error: Error): void {
    if (!this.slots.delete(slot)) return;
    clearTimeout(slot.idleTimer);
    slot.job?.reject(error);
    slot.job = undefined;
    void slot.worker.terminate();
    this.pump();
  }

  private rest(slot: Slot): void {
    slot.worker.unref();
    slot.idleTimer = setTimeout(() => {
      if (slot.job || !this.slots.delete(slot)) return;
      void slot.worker.terminate();
    }, this.options.idleMs ?? DEFAULT_IDLE_MS);
    slot.idleTimer.unref();
  }
}
