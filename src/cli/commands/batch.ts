// `recurrent batch jobs.yaml`: every series of every job, in parallel on the cores (or
// across machines with --queue), with progress, a summary table, and a non-zero exit when
// any series failed.
import type { Command } from 'commander';
import { createLocalExecutor } from '../../batch/local-executor.ts';
import { readJobsFile } from '../../batch/jobs.ts';
import { runBatch } from '../../batch/runner.ts';
import type { BatchProgress, BatchSummary } from '../../batch/runner.ts';
import { openDatabase } from '../../store/db.ts';
import { EXIT } from '../exit-codes.ts';
import { num, table } from '../format.ts';
import { parseIntegerOption } from '../options.ts';
import { formatDuration } from '../progress.ts';

export interface BatchFlags {
  force?: boolean;
  workers?: number;
  db?: string;
  queue?: string;
  json?: boolean;
  quiet?: boolean;
}

export function registerBatch(program: Command): void {
  program
    .command('batch <jobs>')
    .description('forecast every series of a jobs file (YAML or JSON), on all cores or across machines')
    .option('--force', 'retrain even series whose data and config are unchanged')
    .option('--workers <n>', 'worker threads (default: the number of cores)', parseIntegerOption('--workers'))
    .option('--db <file>', 'SQLite file for run records (default: RECURRENT_DB or ./data/recurrent.db)')
    .option('--queue <redis-url>', 'enqueue the series on a BullMQ queue in Redis for `recurrent worker`s')
    .option('--json', 'print the summary as JSON')
    .option('--quiet', 'no progress lines')
    .action(async (jobsPath: string, flags: BatchFlags) => {
      const summary = await runBatchCommand(jobsPath, flags);
      if (summary.failed > 0) process.exitCode = EXIT.failure;
      else if (summary.results.some((r) => r.status === 'cancelled')) process.exitCode = EXIT.cancelled;
    });
}

export async function runBatchCommand(
  jobsPath: string,
  flags: BatchFlags,
  signal?: AbortSignal,
): Promise<BatchSummary> {
  const file = await readJobsFile(jobsPath);
  const db = openDatabase(flags.db);
  const executor = flags.queue
    ? await (await import('../../batch/queue.ts')).createQueueExecutor(flags.queue)
    : createLocalExecutor(flags.workers);
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  signal?.addEventListener('abort', stop);
  try {
    const summary = await runBatch(file, {
      db,
      execute: executor.execute,
      concurrency: executor.concurrency,
      forecastConcurrency: executor.forecastConcurrency,
      force: flags.force,
      signal: controller.signal,
      onProgress:
        flags.quiet || flags.json ? undefined : (p) => process.stderr.write(`${describeProgress(p)}\n`),
    });
    console.log(flags.json ? JSON.stringify(summary, null, 2) : describeSummary(summary));
    return summary;
  } finally {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
    await executor.close();
    db.close();
  }
}

export function describeProgress(p: BatchProgress): string {
  const last = p.last ? `  ${p.last.key}: ${p.last.status}${p.last.error ? ` (${p.last.error})` : ''}` : '';
  return `[${p.done}/${p.total}] failed ${p.failed}, eta ${p.etaMs === null ? '?' : formatDuration(p.etaMs)}${last}`;
}

export function describeSummary(s: BatchSummary): string {
  const rows = s.results.map((r) => [
    r.key,
    r.status,
    r.trained ? 'yes' : 'no',
    r.metrics ? num(r.metrics.mase) : '—',
    r.metrics ? num(r.metrics.naiveMase) : '—',
    num(r.wallMs / 1000, 3),
    r.peakHeapMb === null ? '—' : num(r.peakHeapMb, 3),
    r.error ?? '',
  ]);
  return [
    table(['series', 'status', 'trained', 'MASE', 'naive MASE', 'seconds', 'peak heap MB', 'error'], rows),
    `${s.results.length} series: ${s.trained} trained, ${s.skipped} unchanged (skipped), ${s.failed} failed, in ${formatDuration(s.wallMs)}`,
  ].join('\n');
}
