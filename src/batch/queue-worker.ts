// The taking side of the queue, behind `recurrent worker`: a BullMQ Worker that runs each
// series job on a pool of worker threads, so its event loop stays free to renew job locks.
import { UnrecoverableError, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import { createLocalExecutor } from './local-executor.ts';
import { QUEUE_NAME, decodeTask, redisConnection } from './queue.ts';
import type { QueuedTask } from './queue.ts';
import type { TaskOutcome } from './task.ts';

export interface QueueWorkerOptions {
  /** Series at once, each on its own thread. */
  concurrency: number;
  /** A job whose worker stops renewing its lock this long is taken to be stalled (default 30 s). */
  lockDurationMs?: number;
  /** How often this worker looks for stalled jobs (default 30 s). */
  stalledIntervalMs?: number;
  /**
   * Times a stalled job (its worker died) goes back to the queue before it counts as failed.
   * BullMQ's default of 1 fails a job after two dead workers; a crash should cost a re-run.
   */
  maxStalledCount?: number;
  /** One line per job started, completed, failed or stalled. */
  onLine?: (line: string) => void;
}

export interface QueueWorker {
  /** Lets the jobs in progress finish, then closes the threads and the connection. */
  close(): Promise<void>;
  /** Jobs in progress right now. */
  active(): number;
}

type SeriesJob = Job<QueuedTask, TaskOutcome>;

/**
 * Errors that say the input or the job is wrong: the pipeline is deterministic (seeded), so
 * another attempt would fail the same way. Anything else (a worker thread that died, a full
 * disk, an unwritable folder) may pass, and is retried with backoff.
 */
const BAD_INPUT_ERRORS = new Set([
  'DataError',
  'PrepError',
  'ConfigError',
  'ModelFileError',
  'InvalidJsonError',
  'NetworkFormatError',
  'NonFiniteError',
]);

export async function startQueueWorker(url: string, options: QueueWorkerOptions): Promise<QueueWorker> {
  const connection = redisConnection(url);
  const log = options.onLine ?? (() => {});
  const executor = createLocalExecutor(options.concurrency);
  let active = 0;
  const worker = new Worker<QueuedTask, TaskOutcome>(
    QUEUE_NAME,
    async (job: SeriesJob) => {
      active++;
      try {
        log(
          `started ${job.data.key} (job ${job.id}, attempt ${job.attemptsMade + 1} of ${job.opts.attempts ?? 1})`,
        );
        return await executor.execute(decodeTask(job.data));
      } catch (e) {
        if (BAD_INPUT_ERRORS.has((e as Error).name))
          throw new UnrecoverableError(`${(e as Error).message} (bad input: not retried)`);
        throw e;
      } finally {
        active--;
      }
    },
    {
      connection,
      concurrency: options.concurrency,
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: options.stalledIntervalMs ?? 30_000,
      maxStalledCount: options.maxStalledCount ?? 2,
    },
  );

  worker.on('completed', (job: SeriesJob, outcome: TaskOutcome) =>
    log(
      `completed ${job.data.key} (job ${job.id}): ${outcome.status} in ${(outcome.wallMs / 1000).toFixed(2)} s`,
    ),
  );
  worker.on('failed', (job: SeriesJob | undefined, error: Error) => {
    if (!job) {
      log(`failed: ${error.message}`);
      return;
    }
    const retrying = error.name !== 'UnrecoverableError' && job.attemptsMade < (job.opts.attempts ?? 1);
    log(
      `failed ${job.data.key} (job ${job.id}, attempt ${job.attemptsMade} of ${job.opts.attempts ?? 1}): ${error.message}${retrying ? '; it will be retried' : ''}`,
    );
  });
  worker.on('stalled', (jobId: string) => log(`stalled job ${jobId}: its worker stopped; back in the queue`));
  // ioredis reports every reconnect attempt: say each new problem once.
  let lastError = '';
  worker.on('error', (e: Error) => {
    if (e.message !== lastError) process.stderr.write(`recurrent worker: ${e.message} (retrying)\n`);
    lastError = e.message;
  });

  await worker.waitUntilReady();
  return {
    active: () => active,
    close: async () => {
      await worker.close();
      await executor.close();
    },
  };
}
