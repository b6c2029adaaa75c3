// The batch's worker pool on real worker threads: a training holds its worker alone, two
// shared tasks (forecasts with a trained global model) may share one, and a worker that
// dies fails the tasks it held, not the pool.
import { afterEach, describe, expect, it } from 'vitest';
import { SHARED_TASKS_PER_WORKER, WorkerPool } from '../../src/batch/pool.ts';

type Task = { waitMs: number; exit?: boolean };
type Result = { threadId: number; most: number };

const WORKER = new URL('../support/held-tasks-worker.ts', import.meta.url);
let pool: WorkerPool<Task, Result> | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

describe('WorkerPool', () => {
  it('runs tasks that are not shared one at a time on each worker', async () => {
    pool = new WorkerPool<Task, Result>(WORKER, 1);
    const results = await Promise.all([0, 1, 2].map(() => pool!.run({ waitMs: 30 })));
    expect(results.map((r) => r.most)).toEqual([1, 1, 1]);
  });

  it(`lets ${SHARED_TASKS_PER_WORKER} shared tasks share a worker, never with a task that is not shared`, async () => {
    pool = new WorkerPool<Task, Result>(WORKER, 1);
    const shared = await Promise.all([0, 1, 2, 3].map(() => pool!.run({ waitMs: 60 }, undefined, true)));
    expect(Math.max(...shared.map((r) => r.most))).toBe(SHARED_TASKS_PER_WORKER);
    const alone = pool.run({ waitMs: 60 });
    const after = pool.run({ waitMs: 60 }, undefined, true);
    expect((await alone).most).toBe(1);
    expect((await after).most).toBe(1);
  });

  it('fails every task a dying worker held, replaces the worker, and goes on', async () => {
    pool = new WorkerPool<Task, Result>(WORKER, 1);
    const waiting = pool.run({ waitMs: 200 }, undefined, true);
    const dying = pool.run({ waitMs: 0, exit: true }, undefined, true);
    await expect(waiting).rejects.toThrow(/the worker running this series stopped: exit code 3/);
    await expect(dying).rejects.toThrow(/exit code 3/);
    expect((await pool.run({ waitMs: 1 })).most).toBe(1);
  });
});
