// The `schedules` table: one row per scheduled job with its cron, zone, next and last run,
// written by `recurrent schedule` so the web app's runs page can show what runs when.
import type { Db } from './db.ts';
import { inserted } from './expect-row.ts';

/** A plain, JSON-ready row: times are ISO strings, null when unknown. */
export interface ScheduleRow {
  job: string;
  cron: string;
  timezone: string | null;
  /** Null when no scheduler is running the job. */
  nextRun: string | null;
  /** When the last run started. */
  lastRun: string | null;
  /** 'running', 'succeeded', 'failed', 'interrupted'… as the scheduler recorded it. */
  lastStatus: string | null;
  updatedAt: string;
}

interface RawRow {
  job: string;
  cron: string;
  timezone: string | null;
  next_run: string | null;
  last_run: string | null;
  last_status: string | null;
  updated_at: string;
}

function fromRaw(r: RawRow): ScheduleRow {
  return {
    job: r.job,
    cron: r.cron,
    timezone: r.timezone,
    nextRun: r.next_run,
    lastRun: r.last_run,
    lastStatus: r.last_status,
    updatedAt: r.updated_at,
  };
}

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

/** Creates or updates a job's cron, zone and next run; keeps what it recorded of past runs. */
export function upsertSchedule(
  db: Db,
  s: { job: string; cron: string; timezone: string | null; nextRun: Date | null },
): ScheduleRow {
  db.prepare(`INSERT INTO schedules (job, cron, timezone, next_run, updated_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (job) DO UPDATE SET cron = excluded.cron, timezone = excluded.timezone, next_run = excluded.next_run, updated_at = excluded.updated_at`).run(
    s.job,
    s.cron,
    s.timezone,
    iso(s.nextRun),
    new Date().toISOString(),
  );
  return inserted(getSchedule(db, s.job), `schedule for job ${s.job}`);
}

export interface ScheduledRunUpdate {
  lastRun?: Date;
  lastStatus?: string;
  /** A Date to set, null to clear (nobody will run it), undefined to leave as is. */
  nextRun?: Date | null;
}

/** Records a run's start (lastRun + 'running') or its end (status, next run). */
export function recordScheduledRun(db: Db, job: string, u: ScheduledRunUpdate): void {
  const sets: string[] = [];
  const values: (string | null)[] = [];
  if (u.lastRun !== undefined) {
    sets.push('last_run = ?');
    values.push(iso(u.lastRun));
  }
  if (u.lastStatus !== undefined) {
    sets.push('last_status = ?');
    values.push(u.lastStatus);
  }
  if (u.nextRun !== undefined) {
    sets.push('next_run = ?');
    values.push(iso(u.nextRun));
  }
  sets.push('updated_at = ?');
  values.push(new Date().toISOString());
  db.prepare(`UPDATE schedules SET ${sets.join(', ')} WHERE job = ?`).run(...values, job);
}

export function getSchedule(db: Db, job: string): ScheduleRow | undefined {
  const r = db.prepare('SELECT * FROM schedules WHERE job = ?').get(job) as RawRow | undefined;
  return r && fromRaw(r);
}

export function listSchedules(db: Db): ScheduleRow[] {
  return (db.prepare('SELECT * FROM schedules ORDER BY job').all() as RawRow[]).map(fromRaw);
}
