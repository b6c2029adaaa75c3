// The executor of `recurrent batch --queue redis://…`: one BullMQ job per series on Redis,
// taken by `recurrent worker`s on any machine; each execute resolves with the job's outcome.
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { Queue, QueueEvents } from 'bullmq';
import type { ConnectionOptions, Job, JobsOptions } from 'bullmq';
import { ConfigError } from '../forecaster.ts';
import type { LocalExecutor } from './local-executor.ts';
import { TaskWithdrawnError } from './runner.ts';
import type { SeriesTask, TaskOutcome } from './task.ts';

export const QUEUE_NAME = 'recurrent-series';

/** Failed series retry twice (after 1 s, then 2 s); finished jobs stay a while for inspection. */
export const JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
};

/** Job states no worker has started: stopping the batch takes these back. */
const WITHDRAWABLE: string[] = ['waiting', 'delayed', 'prioritized', 'waiting-children'];

/** How long the coordinator waits for Redis before giving up with a message. */
const CONNECT_TIMEOUT_MS = 10_000;

/** A SeriesTask as JSON can carry it: a stored dataset's bytes travel as base64. */
export type QueuedTask = Omit<SeriesTask, 'source'> & {
  source: { path: string } | { name: string; base64: string };
};

export function encodeTask(task: SeriesTask): QueuedTask {
  const { source } = task;
  return {
    ...task,
    source:
      'path' in source ? source : { name: source.name, base64: Buffer.from(source.bytes).toString('base64') },
  };
}

export function decodeTask(queued: QueuedTask): SeriesTask {
  const { source } = queued;
  return {
    ...queued,
    source:
      'path' in source
        ? source
        : { name: source.name, bytes: new Uint8Array(Buffer.from(source.base64, 'base64')) },
  };
}

/** JSON turns non-finite metrics (a perfect naive score) into null: turn them back. */
export function decodeOutcome(outcome: TaskOutcome): TaskOutcome {
  const m = outcome.metrics as Record<keyof NonNullable<TaskOutcome['metrics']>, number | null> | null;
  return {
    ...outcome,
    metrics: m && {
      mase: m.mase ?? NaN,
      smape: m.smape ?? NaN,
      naiveMase: m.naiveMase ?? NaN,
      skillVsNaive: m.skillVsNaive ?? NaN,
    },
  };
}

export function redisConnection(url: string): ConnectionOptions {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    protocol = '';
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:')
    throw new ConfigError(`--queue ${url}: expected a Redis URL such as redis://localhost:6379`);
  // BullMQ's workers need commands to wait through reconnects rather than fail.
  return { url, maxRetriesPerRequest: null };
}

/** Unique per batch run and series, and free of ':' (which BullMQ reserves): re-adding is a no-op. */
export function jobIdFor(batchId: string, key: string): string {
  return `${batchId}.${encodeURIComponent(key)}`;
}

export async function createQueueExecutor(
  url: string,
  notice: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Promise<LocalExecutor> {
  const connection = redisConnection(url);
  const queue = new Queue<QueuedTask, TaskOutcome>(QUEUE_NAME, { connection });
  let lastError: Error | null = null;
  queue.on('error', (e: Error) => {
    lastError = e;
  });
  // Every waiting job listens for the queue closing: a batch has many.
  queue.setMaxListeners(0);
  await connectOrThrow(queue.waitUntilReady(), async () => {
    await queue.close();
    return new Error(`cannot reach Redis at ${url}${lastError ? `: ${(lastError as Error).message}` : ''}`);
  });
  // Only once Redis answers: QueueEvents.close() hangs on a connection that never opened.
  const events = new QueueEvents(QUEUE_NAME, { connection });
  events.on('error', (e: Error) => {
    lastError = e;
  });
  const close = async () => {
    await Promise.allSettled([queue.close(), events.close()]);
  };
  await events.waitUntilReady();
  const workers = await queue.getWorkersCount().catch(() => -1);
  if (workers === 0)
    notice(
      `no \`recurrent worker\` is listening on ${url} yet: the series wait in the queue until one starts`,
    );

  const batchId = `${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}-${randomUUID().slice(0, 8)}`;
  return {
    // The remote workers bound the real parallelism; the runner just keeps every series queued.
    concurrency: 1000,
    forecastConcurrency: 1000,
    execute: async (task, _onProgress, signal) => {
      if (signal?.aborted) throw new TaskWithdrawnError(`${task.key} was not queued: the batch was stopped`);
      const job = await queue.add('series', encodeTask(task), {
        ...JOB_OPTIONS,
        jobId: jobIdFor(batchId, task.key),
      });
      const finished = job.waitUntilFinished(events);
      if (!signal) return decodeOutcome(await finished);
      const withdrawal = withdrawOnAbort(job, signal, task.key);
      try {
        return decodeOutcome(await Promise.race([finished, withdrawal.rejected]));
      } finally {
        withdrawal.dispose();
      }
    },
    close,
  };
}

/**
 * Stopping the batch takes back a job no worker has started: `rejected` rejects with a
 * TaskWithdrawnError once the signal aborts and the job is removed (a removed job never
 * finishes). A job a worker holds is locked, cannot be removed, and runs to its end.
 */
function withdrawOnAbort(
  job: Job,
  signal: AbortSignal,
  key: string,
): { rejected: Promise<never>; dispose: () => void } {
  // Every series in flight listens on the batch's one signal.
  setMaxListeners(0, signal);
  let withdraw = () => {};
  const rejected = new Promise<never>((_, reject) => {
    withdraw = () => {
      void (async () => {
        if (!WITHDRAWABLE.includes(await job.getState())) return;
        await job.remove();
        reject(new TaskWithdrawnError(`${key} was taken back from the queue: the batch was stopped`));
      })().catch(() => {
        /* a worker took it meanwhile: its outcome will come */
      });
    };
  });
  rejected.catch(() => {}); // may settle after the race is decided, with nobody listening
  if (signal.aborted) withdraw();
  else signal.addEventListener('abort', withdraw, { once: true });
  return { rejected, dispose: () => signal.removeEventListener('abort', withdraw) };
}

async function connectOrThrow(ready: Promise<unknown>, fail: () => Promise<Error>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), CONNECT_TIMEOUT_MS);
  });
  try {
    if ((await Promise.race([ready, timeout])) === 'timeout') throw await fail();
  } finally {
    clearTimeout(timer);
  }
}
