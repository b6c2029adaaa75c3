// `recurrent schedule jobs.yaml`: a long-running process that runs each job with a
// `schedule` at its cron times on one worker pool, records next/last runs, and exits 0 on SIGTERM.
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { createRealClock } from '../../batch/clock.ts';
import type { Clock } from '../../batch/clock.ts';
import { JobsFileError, readJobsFile } from '../../batch/jobs.ts';
import { createLocalExecutor } from '../../batch/local-executor.ts';
import { runBatch } from '../../batch/runner.ts';
import { compileSchedules, startScheduler } from '../../batch/schedule.ts';
import type { RunJob, ScheduledJob, ScheduleEvent } from '../../batch/schedule.ts';
import { openDatabase } from '../../store/db.ts';
import { parseIntegerOption } from '../options.ts';
import { formatDuration } from '../progress.ts';

export interface ScheduleFlags {
  db?: string;
  workers?: number;
  catchUp?: boolean;
  onceAt?: Date;
}

export function registerSchedule(program: Command): void {
  program
    .command('schedule <jobs>')
    .description(
      'run each job of a jobs file at its cron `schedule` (in its `timezone`) until stopped; SIGTERM stops cleanly',
    )
    .option(
      '--db <file>',
      'SQLite file for run records and next/last runs (default: RECURRENT_DB or ./data/recurrent.db)',
    )
    .option('--workers <n>', 'worker threads (default: the number of cores)', parseIntegerOption('--workers'))
    .option(
      '--catch-up',
      'at start, run every job whose last scheduled time was missed (overrides catchUp in the file)',
    )
    .option('--no-catch-up', 'never catch up missed runs at start')
    .option(
      '--once-at <time>',
      'for manual testing: one pass as if the clock read <time> (ISO 8601), running what is due then',
      parseInstant,
    )
    .action(async (jobsPath: string, flags: ScheduleFlags) => {
      await runScheduleCommand(jobsPath, flags);
    });
}

function parseInstant(value: string): Date {
  const at = new Date(value);
  if (Number.isNaN(at.getTime()))
    throw new InvalidArgumentError(
      `--once-at must be an ISO 8601 time such as 2025-03-30T02:00:00Z, got "${value}"`,
    );
  return at;
}

export async function runScheduleCommand(jobsPath: string, flags: ScheduleFlags): Promise<void> {
  const file = await readJobsFile(jobsPath);
  const jobs: ScheduledJob[] = [];
  for (const job of file.jobs) {
    if (job.schedule)
      jobs.push({ name: job.name, schedule: job.schedule, timezone: job.timezone, catchUp: job.catchUp });
    else
      console.error(
        `note: job "${job.name}" has no schedule and is ignored (run it with \`recurrent batch\`)`,
      );
  }
  if (jobs.length === 0)
    throw new JobsFileError(
      `${file.path}: no job has a \`schedule\` (a cron expression such as "0 2 * * *")`,
    );
  const zones = new Map(compileSchedules(jobs, file.path).map((j) => [j.name, j.zone]));

  const db = openDatabase(flags.db);
  const executor = createLocalExecutor(flags.workers);
  const runJob: RunJob = async (name, signal) => {
    const s = await runBatch(file, {
      db,
      execute: executor.execute,
      concurrency: executor.concurrency,
      forecastConcurrency: executor.forecastConcurrency,
      jobs: [name],
      signal,
    });
    for (const r of s.results)
      if (r.status === 'failed') console.error(`schedule: ${name}: ${r.key} failed: ${r.error}`);
    const cancelled = s.results.filter((r) => r.status === 'cancelled').length;
    return {
      status: cancelled > 0 ? 'interrupted' : s.failed > 0 ? 'failed' : 'succeeded',
      detail: `${s.results.length} series: ${s.trained} trained, ${s.skipped} unchanged, ${s.failed} failed${cancelled ? `, ${cancelled} cancelled` : ''}`,
    };
  };
  const at = flags.onceAt;
  const clock: Clock = at ? { now: () => at, sleepUntil: async () => {} } : createRealClock();
  const scheduler = startScheduler({
    jobs,
    db,
    clock,
    runJob,
    catchUp: flags.catchUp,
    once: at !== undefined,
    onEvent: (e) => console.log(describeEvent(e, zones.get(e.job) ?? 'UTC')),
  });
  const stop = (signal: NodeJS.Signals) => {
    console.log(
      `schedule: ${signal}: no new runs; running batches finish their current series, the rest are cancelled`,
    );
    scheduler.stop();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  try {
    await scheduler.finished;
    console.log('schedule: stopped');
  } finally {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
    await executor.close();
    db.close();
  }
}

/** "2025-03-30 02:00:00 Europe/London": the wall-clock time where the job's schedule lives. */
export function formatInZone(at: Date, zone: string): string {
  return `${at.toLocaleString('sv-SE', { timeZone: zone })} ${zone}`;
}

const took = (ms: number): string => (ms < 60_000 ? `${(ms / 1000).toFixed(1)}s` : formatDuration(ms));

export function describeEvent(e: ScheduleEvent, zone: string): string {
  const next = (at: Date | null) => (at ? `next run ${formatInZone(at, zone)}` : 'no next run');
  switch (e.type) {
    case 'next':
      return `schedule: ${e.job}: ${next(e.at)}`;
    case 'start':
      return `schedule: ${e.job}: ${e.reason === 'catch-up' ? 'catching up a missed run' : 'started'} at ${formatInZone(e.at, zone)}`;
    case 'end':
      return `schedule: ${e.job}: ran → ${e.status} in ${took(e.wallMs)}${e.detail ? ` (${e.detail})` : ''}; ${next(e.next)}`;
    case 'skip':
      return `schedule: ${e.job}: skipped the ${formatInZone(e.at, zone)} run: the run started ${formatInZone(e.runningSince, zone)} is still going; ${next(e.next)}`;
  }
}
