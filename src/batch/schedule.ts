// The scheduler of `recurrent schedule`: runs each job at its cron times in its time zone,
// never two runs of one job at once, catches up a missed run at start, and stops cleanly.
// Croner only computes the times; the injected Clock sleeps, so tests can drive the days.
import { Cron } from 'croner';
import type { Db } from '../store/db.ts';
import { getSchedule, recordScheduledRun, upsertSchedule } from '../store/schedules.ts';
import type { ScheduleRow } from '../store/schedules.ts';
import type { Clock } from './clock.ts';
import { JobsFileError } from './jobs.ts';

export interface ScheduledJob {
  name: string;
  schedule: string;
  timezone?: string;
  catchUp?: boolean;
}
/** Runs one job once; `signal` aborts on stop (unstarted work is abandoned, running work ends). */
export type RunJob = (job: string, signal: AbortSignal) => Promise<{ status: string; detail?: string }>;

export type ScheduleEvent =
  | { type: 'next'; job: string; zone: string; at: Date | null }
  | { type: 'start'; job: string; at: Date; reason: 'schedule' | 'catch-up' }
  | {
      type: 'end';
      job: string;
      at: Date;
      startedAt: Date;
      wallMs: number;
      status: string;
      detail?: string;
      next: Date | null;
    }
  | { type: 'skip'; job: string; at: Date; runningSince: Date; next: Date | null };

export interface SchedulerOptions {
  jobs: ScheduledJob[];
  db: Db;
  clock: Clock;
  runJob: RunJob;
  /** Overrides every job's `catchUp` (the --catch-up / --no-catch-up flags). */
  catchUp?: boolean;
  /** One pass at clock.now(): run what is due this second or missed, wait for it, return. */
  once?: boolean;
  onEvent?: (event: ScheduleEvent) => void;
}

export interface Scheduler {
  /** Stop scheduling; running jobs get an aborted signal. `finished` settles when all have ended. */
  stop(): void;
  readonly finished: Promise<void>;
}

export interface CompiledJob {
  name: string;
  schedule: string;
  zone: string;
  cron: Cron;
  catchUp: boolean;
}

export const localZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Checks every cron expression and zone before anything runs; the error names the job. */
export function compileSchedules(jobs: ScheduledJob[], where = 'jobs file'): CompiledJob[] {
  return jobs.map((job) => {
    const prefix = `${where}: job "${job.name}"`;
    if (job.timezone !== undefined) {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: job.timezone });
      } catch {
        throw new JobsFileError(
          `${prefix}: unknown time zone "${job.timezone}"; use an IANA name such as Europe/London or UTC`,
        );
      }
    }
    let cron: Cron;
    try {
      cron = new Cron(job.schedule, job.timezone ? { timezone: job.timezone } : {});
    } catch (e) {
      throw new JobsFileError(
        `${prefix}: invalid cron expression "${job.schedule}": ${(e as Error).message}`,
      );
    }
    if (cron.nextRun() === null)
      throw new JobsFileError(`${prefix}: cron expression "${job.schedule}" never fires`);
    return {
      name: job.name,
      schedule: job.schedule,
      zone: job.timezone ?? localZone(),
      cron,
      catchUp: job.catchUp ?? false,
    };
  });
}

/** A run was missed when a scheduled time fell after the last run started (or it never ran,
 * or the last run did not finish). */
export function isRunMissed(cron: Cron, last: ScheduleRow | undefined, now: Date): boolean {
  if (!last?.lastRun) return true;
  if (last.lastStatus === 'running' || last.lastStatus === 'interrupted') return true;
  const due = cron.nextRun(new Date(last.lastRun));
  return due !== null && due.getTime() <= now.getTime();
}

const firesAt = (cron: Cron, at: Date): boolean =>
  (cron.nextRun(new Date(at.getTime() - 1000))?.getTime() ?? Infinity) <= at.getTime();

export function startScheduler(options: SchedulerOptions): Scheduler {
  const compiled = compileSchedules(options.jobs);
  const controller = new AbortController();
  let firstError: unknown = null;
  // A failure outside a job's run (the database, say) stops every job and rejects `finished`.
  const fail = (e: unknown) => {
    firstError ??= e;
    controller.abort();
  };
  const loops = compiled.map((job) => jobLoop(job, options, controller.signal, fail).catch(fail));
  const finished = Promise.all(loops).then(() => {
    if (firstError) throw firstError;
  });
  return { stop: () => controller.abort(), finished };
}

async function jobLoop(
  job: CompiledJob,
  options: SchedulerOptions,
  signal: AbortSignal,
  fail: (e: unknown) => void,
): Promise<void> {
  const { db, clock, onEvent } = options;
  const start = clock.now();
  const previous = getSchedule(db, job.name);
  let next = job.cron.nextRun(start);
  upsertSchedule(db, { job: job.name, cron: job.schedule, timezone: job.zone, nextRun: next });
  onEvent?.({ type: 'next', job: job.name, zone: job.zone, at: next });

  let running: Promise<void> | null = null;
  let runningSince = start;
  const launch = (reason: 'schedule' | 'catch-up') => {
    const startedAt = clock.now();
    const t0 = performance.now();
    runningSince = startedAt;
    recordScheduledRun(db, job.name, { lastRun: startedAt, lastStatus: 'running', nextRun: next });
    onEvent?.({ type: 'start', job: job.name, at: startedAt, reason });
    running = (async () => {
      let outcome: { status: string; detail?: string };
      try {
        outcome = await options.runJob(job.name, signal);
      } catch (e) {
        outcome = { status: signal.aborted ? 'interrupted' : 'failed', detail: (e as Error).message };
      }
      const nextRun = signal.aborted ? null : next;
      recordScheduledRun(db, job.name, { lastStatus: outcome.status, nextRun });
      onEvent?.({
        type: 'end',
        job: job.name,
        at: clock.now(),
        startedAt,
        wallMs: performance.now() - t0,
        ...outcome,
        next: nextRun,
      });
    })()
      .catch(fail)
      .finally(() => {
        running = null;
      });
  };

  if ((options.catchUp ?? job.catchUp) && isRunMissed(job.cron, previous, start)) launch('catch-up');
  else if (options.once && firesAt(job.cron, start)) launch('schedule');

  while (!options.once && next && !signal.aborted) {
    await clock.sleepUntil(next, signal);
    if (signal.aborted) break;
    const tick = next;
    // From the later of now and the tick: a timer that fires early must not run a tick twice.
    next = job.cron.nextRun(new Date(Math.max(clock.now().getTime(), tick.getTime())));
    if (running) {
      recordScheduledRun(db, job.name, { nextRun: next });
      onEvent?.({ type: 'skip', job: job.name, at: tick, runningSince, next });
    } else {
      launch('schedule');
    }
  }
  await running;
  recordScheduledRun(db, job.name, { nextRun: null });
}
