// `recurrent worker --queue redis://…`: takes the series jobs `recurrent batch --queue` puts on
// Redis, on as many machines as you start it, until SIGTERM/SIGINT lets the current jobs finish.
import { availableParallelism } from 'node:os';
import { Option } from 'commander';
import type { Command } from 'commander';
import { EXIT } from '../exit-codes.ts';
import { parseIntegerOption } from '../options.ts';

export interface WorkerFlags {
  queue: string;
  concurrency?: number;
  quiet?: boolean;
  lockDuration?: number;
  stalledInterval?: number;
}

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('run the series jobs that `recurrent batch --queue` enqueues on Redis')
    .requiredOption('--queue <redis-url>', 'the Redis the batch enqueues on, e.g. redis://host:6379')
    .option(
      '--concurrency <n>',
      'series at once, each on its own thread (default: the number of cores)',
      parseIntegerOption('--concurrency'),
    )
    .option('--quiet', 'no line per job')
    // Hidden: how soon a job whose worker died goes back to the queue; tests shorten these.
    .addOption(
      new Option('--lock-duration <ms>')
        .env('RECURRENT_QUEUE_LOCK_MS')
        .argParser(parseIntegerOption('--lock-duration', 100))
        .hideHelp(),
    )
    .addOption(
      new Option('--stalled-interval <ms>')
        .env('RECURRENT_QUEUE_STALLED_MS')
        .argParser(parseIntegerOption('--stalled-interval', 100))
        .hideHelp(),
    )
    .addHelpText(
      'after',
      '\nSource CSVs and output folders must be at the same paths on every machine (a shared folder).',
    )
    .action((flags: WorkerFlags) => runWorkerCommand(flags));
}

export async function runWorkerCommand(flags: WorkerFlags): Promise<void> {
  // Loaded here so that commands without --queue never load BullMQ.
  const { startQueueWorker } = await import('../../batch/queue-worker.ts');
  const concurrency = flags.concurrency ?? availableParallelism();
  const worker = await startQueueWorker(flags.queue, {
    concurrency,
    lockDurationMs: flags.lockDuration,
    stalledIntervalMs: flags.stalledInterval,
    onLine: flags.quiet ? undefined : (line) => console.log(line),
  });
  process.stderr.write(
    `recurrent worker: waiting for series jobs on ${flags.queue} (concurrency ${concurrency}); Ctrl-C to stop\n`,
  );
  await new Promise<void>((resolve, reject) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      // A second signal means now: the jobs in progress go back to the queue as stalled.
      process.once('SIGTERM', () => process.exit(EXIT.cancelled));
      process.once('SIGINT', () => process.exit(EXIT.cancelled));
      process.stderr.write(
        `recurrent worker: ${signal}: finishing ${worker.active()} job(s) in progress, then stopping\n`,
      );
      worker.close().then(resolve, reject);
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}
