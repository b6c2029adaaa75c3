// The scheduler on a fake clock and a fake runJob: cron times across DST, no overlapping
// runs, catch-up of a missed run, clean stop; then the real `recurrent schedule` and SIGTERM.
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRealClock } from '../../src/batch/clock.ts';
import type { Clock } from '../../src/batch/clock.ts';
import { compileSchedules, startScheduler } from '../../src/batch/schedule.ts';
import type { RunJob, ScheduledJob, ScheduleEvent } from '../../src/batch/schedule.ts';
import { openDatabase } from '../../src/store/db.ts';
import type { Db } from '../../src/store/db.ts';
import { getSchedule, listSchedules, recordScheduledRun, upsertSchedule } from '../../src/store/schedules.ts';
import { listRuns } from '../../src/store/runs.ts';
import { BIN } from '../support/run-cli.ts';

const settle = async () => {
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
};

/** A clock that moves only when told, waking each sleeper at exactly its time, in order. */
class FakeClock implements Clock {
  private t: number;
  private sleepers: { at: number; wake: () => void }[] = [];
  constructor(start: string) {
    this.t = Date.parse(start);
  }
  now(): Date {
    return new Date(this.t);
  }
  sleepUntil(at: Date, signal: AbortSignal): Promise<void> {
    if (at.getTime() <= this.t || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const sleeper = {
        at: at.getTime(),
        wake: () => {
          this.sleepers = this.sleepers.filter((s) => s !== sleeper);
          resolve();
        },
      };
      this.sleepers.push(sleeper);
      signal.addEventListener('abort', sleeper.wake, { once: true });
    });
  }
  async advanceTo(to: string): Promise<void> {
    const target = Date.parse(to);
    for (await settle(); ; await settle()) {
      const due = this.sleepers.filter((s) => s.at <= target).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.t = due.at;
      due.wake();
    }
    this.t = target;
    await settle();
  }
}

/** A runJob whose runs end when the test says (or at once with `autoFinish`). */
function fakeRuns(clock: Clock, autoFinish = false) {
  const calls: { job: string; at: string; signal: AbortSignal; finish: (status?: string) => void }[] = [];
  const runJob: RunJob = (job, signal) =>
    new Promise((resolve) => {
      const finish = (status = 'succeeded') => resolve({ status });
      calls.push({ job, at: clock.now().toISOString(), signal, finish });
      signal.addEventListener('abort', () => finish('interrupted'), { once: true });
      if (autoFinish) finish();
    });
  return { calls, runJob, starts: () => calls.map((c) => c.at) };
}

let dir = '';
let db: Db;
let dbCount = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'recurrent-schedule-'));
});
const freshDb = () => (db = openDatabase(join(dir, `s${++dbCount}.db`)));
afterEach(() => {
  if (db?.open) db.close();
});

/** Starts a scheduler on this test's database (a fresh one unless the test made it). */
function start(clock: Clock, runJob: RunJob, jobs: ScheduledJob[], catchUp?: boolean) {
  const events: ScheduleEvent[] = [];
  const scheduler = startScheduler({
    jobs,
    db: db?.open ? db : freshDb(),
    clock,
    runJob,
    catchUp,
    onEvent: (e) => events.push(e),
  });
  return { scheduler, events };
}

describe('scheduler on a fake clock', () => {
  it('runs at 02:00 Europe/London across the spring DST change', async () => {
    const clock = new FakeClock('2025-03-28T12:00:00Z');
    const { calls, runJob, starts } = fakeRuns(clock, true);
    const { scheduler } = start(clock, runJob, [
      { name: 'nightly', schedule: '0 2 * * *', timezone: 'Europe/London' },
    ]);
    await clock.advanceTo('2025-04-01T12:00:00Z');
    // 02:00 GMT = 02:00Z until the clocks go forward on the 30th, then 02:00 BST = 01:00Z.
    expect(starts()).toEqual([
      '2025-03-29T02:00:00.000Z',
      '2025-03-30T01:00:00.000Z',
      '2025-03-31T01:00:00.000Z',
      '2025-04-01T01:00:00.000Z',
    ]);
    expect(calls.every((c) => c.job === 'nightly')).toBe(true);
    expect(getSchedule(db, 'nightly')).toMatchObject({
      timezone: 'Europe/London',
      nextRun: '2025-04-02T01:00:00.000Z',
      lastRun: '2025-04-01T01:00:00.000Z',
      lastStatus: 'succeeded',
    });
    scheduler.stop();
    await scheduler.finished;
    expect(getSchedule(db, 'nightly')!.nextRun).toBeNull();
  });

  it('runs weekdays at 09:30 America/New_York, before and after its DST change', async () => {
    const clock = new FakeClock('2025-03-06T20:00:00Z');
    const { runJob, starts } = fakeRuns(clock, true);
    const { scheduler } = start(clock, runJob, [
      { name: 'open', schedule: '30 9 * * 1-5', timezone: 'America/New_York' },
    ]);
    await clock.advanceTo('2025-03-11T20:00:00Z');
    expect(starts()).toEqual([
      '2025-03-07T14:30:00.000Z',
      '2025-03-10T13:30:00.000Z',
      '2025-03-11T13:30:00.000Z',
    ]);
    scheduler.stop();
    await scheduler.finished;
  });

  it('skips a tick while the previous run is still going, and says so', async () => {
    const clock = new FakeClock('2025-06-01T00:05:00Z');
    const { calls, runJob, starts } = fakeRuns(clock);
    const { scheduler, events } = start(clock, runJob, [
      { name: 'slow', schedule: '*/10 * * * *', timezone: 'UTC' },
    ]);
    await clock.advanceTo('2025-06-01T00:25:00Z');
    expect(calls).toHaveLength(1);
    expect(events.flatMap((e) => (e.type === 'skip' ? [e.at.toISOString()] : []))).toEqual([
      '2025-06-01T00:20:00.000Z',
    ]);
    calls[0]!.finish();
    await clock.advanceTo('2025-06-01T00:31:00Z');
    expect(starts()).toEqual(['2025-06-01T00:10:00.000Z', '2025-06-01T00:30:00.000Z']);
    calls[1]!.finish();
    scheduler.stop();
    await scheduler.finished;
  });

  // Latest scheduled time before now (12:00) is 02:00 today.
  it.each([
    {
      name: 'missed, catchUp: true',
      lastRun: '2025-06-09T02:00:00Z',
      jobCatchUp: true,
      flag: undefined,
      runs: 1,
    },
    {
      name: 'missed, catchUp: false',
      lastRun: '2025-06-09T02:00:00Z',
      jobCatchUp: false,
      flag: undefined,
      runs: 0,
    },
    {
      name: 'missed, --catch-up overrides the job',
      lastRun: '2025-06-09T02:00:00Z',
      jobCatchUp: false,
      flag: true,
      runs: 1,
    },
    {
      name: 'missed, --no-catch-up overrides the job',
      lastRun: '2025-06-09T02:00:00Z',
      jobCatchUp: true,
      flag: false,
      runs: 0,
    },
    {
      name: 'last run after the latest time',
      lastRun: '2025-06-10T02:00:05Z',
      jobCatchUp: true,
      flag: undefined,
      runs: 0,
    },
    { name: 'never ran', lastRun: null, jobCatchUp: true, flag: undefined, runs: 1 },
    {
      name: 'last run after it but interrupted',
      lastRun: '2025-06-10T02:00:05Z',
      status: 'interrupted',
      jobCatchUp: true,
      flag: undefined,
      runs: 1,
    },
  ])('catch-up at start: $name → $runs run(s)', async ({ lastRun, status, jobCatchUp, flag, runs }) => {
    freshDb();
    if (lastRun) {
      upsertSchedule(db, { job: 'daily', cron: '0 2 * * *', timezone: 'UTC', nextRun: null });
      recordScheduledRun(db, 'daily', { lastRun: new Date(lastRun), lastStatus: status ?? 'succeeded' });
    }
    const clock = new FakeClock('2025-06-10T12:00:00Z');
    const { runJob, starts } = fakeRuns(clock, true);
    const { scheduler, events } = start(
      clock,
      runJob,
      [{ name: 'daily', schedule: '0 2 * * *', timezone: 'UTC', catchUp: jobCatchUp }],
      flag,
    );
    await clock.advanceTo('2025-06-10T13:00:00Z');
    expect(starts()).toEqual(runs ? ['2025-06-10T12:00:00.000Z'] : []);
    expect(events.filter((e) => e.type === 'start').map((e) => e.type === 'start' && e.reason)).toEqual(
      runs ? ['catch-up'] : [],
    );
    scheduler.stop();
    await scheduler.finished;
  });

  it('stop() aborts the running job, records it interrupted, and returns', async () => {
    const clock = new FakeClock('2025-06-01T00:00:30Z');
    const { calls, runJob } = fakeRuns(clock);
    const { scheduler, events } = start(clock, runJob, [
      { name: 'a', schedule: '* * * * *' },
      { name: 'idle', schedule: '0 0 1 1 *' },
    ]);
    await clock.advanceTo('2025-06-01T00:01:10Z');
    expect(getSchedule(db, 'a')).toMatchObject({
      lastRun: '2025-06-01T00:01:00.000Z',
      lastStatus: 'running',
    });
    scheduler.stop();
    expect(calls[0]!.signal.aborted).toBe(true);
    await scheduler.finished;
    expect(events.at(-1)).toMatchObject({ type: 'end', job: 'a', status: 'interrupted', next: null });
    expect(listSchedules(db).map((s) => [s.job, s.lastStatus, s.nextRun])).toEqual([
      ['a', 'interrupted', null],
      ['idle', null, null],
    ]);
  });

  it('the real clock sleeps in capped chunks until the time, and wakes at once on abort', async () => {
    const clock = createRealClock(5);
    const t0 = Date.now();
    await clock.sleepUntil(new Date(t0 + 40), new AbortController().signal);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(39);
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 20);
    await clock.sleepUntil(new Date(Date.now() + 60_000), stop.signal);
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  it('rejects a bad cron expression or time zone up front, naming the job', () => {
    expect(() => compileSchedules([{ name: 'x', schedule: '0 2 * * 8' }], 'jobs.yaml')).toThrow(
      /jobs\.yaml: job "x": invalid cron expression "0 2 \* \* 8"/,
    );
    expect(() => compileSchedules([{ name: 'y', schedule: '0 2 * * *', timezone: 'Mars/Base' }])).toThrow(
      /job "y": unknown time zone "Mars\/Base"/,
    );
  });
});

describe('recurrent schedule (real process)', () => {
  it('runs a job every second and exits 0 on SIGTERM, recording the last run', async () => {
    const rows = Array.from(
      { length: 80 },
      (_, i) =>
        `${new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10)},${(10 + 3 * Math.sin(i / 5) + 0.05 * i).toFixed(3)}`,
    );
    await writeFile(join(dir, 'series.csv'), `date,value\n${rows.join('\n')}\n`);
    await writeFile(
      join(dir, 'jobs.yaml'),
      `jobs:
  - name: every-second
    source: series.csv
    target: value
    horizon: 3
    config: { hiddenSize: 4, maxEpochs: 1, seed: 1 }
    output: { dir: out }
    schedule: "* * * * * *"
    timezone: UTC
  - name: unscheduled
    source: series.csv
    target: value
    horizon: 3
    output: { dir: out }
`,
    );
    const dbPath = join(dir, 'cli.db');
    const child = spawn(
      process.execPath,
      [BIN, 'schedule', join(dir, 'jobs.yaml'), '--db', dbPath, '--workers', '1'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no run within 40 s:\n${stdout}\n${stderr}`)), 40_000);
      child.stdout.on('data', (d: Buffer) => {
        stdout += d;
        if (/ran → /.test(stdout)) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toMatch(/every-second: next run \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
    expect(stdout).toMatch(/SIGTERM/);
    expect(stderr).toMatch(/job "unscheduled" has no schedule/);
    const check = openDatabase(dbPath);
    try {
      const row = getSchedule(check, 'every-second')!;
      expect(row.lastRun).not.toBeNull();
      expect(row.lastStatus).toMatch(/^(succeeded|interrupted)$/);
      expect(row.nextRun).toBeNull();
      expect(listRuns(check).some((r) => r.job === 'every-second' && r.status === 'succeeded')).toBe(true);
    } finally {
      check.close();
    }
  });
});
