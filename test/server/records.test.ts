// Run records in a SQLite file shared between processes, and datasets trainings depend on:
// - a dataset a queued or running training uses cannot be deleted (409 naming it), so the
//   training cannot lose its model to "FOREIGN KEY constraint failed";
// - a starting server closes as interrupted only runs whose owner is dead or whose lease
//   lapsed: a live `recurrent batch` (a real second process) keeps its runs, which end
//   succeeded with no error; a SIGKILLed one's runs are reclaimed.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../src/store/db.ts';
import { MIGRATIONS } from '../../src/store/migrations.ts';
import { renewRunLeases } from '../../src/store/run-leases.ts';
import { LEASE_MS, THIS_PROCESS } from '../../src/store/run-owner.ts';
import { getRun, insertRun, listRuns, markInterruptedRuns, updateRun } from '../../src/store/runs.ts';
import type { RunRow } from '../../src/store/runs.ts';
import { datasetResponseSchema, errorResponseSchema, trainingResponseSchema } from '../../src/server/wire.ts';
import { BIN } from '../support/run-cli.ts';
import { startTestServer } from '../support/test-server.ts';
import type { TestServer } from '../support/test-server.ts';
import { getJson, waitForTraining } from '../support/wire-json.ts';

const DATASETS = new URL('../../datasets/', import.meta.url).pathname;
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'recurrent-records-'));
});

describe('a dataset in use by a training', () => {
  let server: TestServer;
  beforeAll(async () => {
    // One training at a time, so the second one waits in the queue.
    server = await startTestServer({ datasetsDir: null, trainingConcurrency: 1 });
  });
  afterAll(async () => {
    await server.stop();
  });

  const upload = async (name: string): Promise<number> => {
    const csv = (await readFile(join(DATASETS, 'seattle-weather.csv'), 'utf8'))
      .split('\n')
      .slice(0, 400)
      .join('\n');
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), name);
    const body = await getJson(
      datasetResponseSchema,
      fetch(`${server.url}/api/datasets`, { method: 'POST', body: form }),
      201,
    );
    return body.dataset.id;
  };
  const train = async (datasetId: number): Promise<number> => {
    const body = await getJson(
      trainingResponseSchema,
      fetch(`${server.url}/api/trainings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          datasetId,
          target: 'temp_max',
          horizonSteps: 3,
          hiddenSize: 4,
          maxEpochs: 3,
        }),
      }),
      202,
    );
    return body.training.id;
  };
  const remove = (id: number) => fetch(`${server.url}/api/datasets/${id}`, { method: 'DELETE' });

  // Each training takes seconds; the deletes are tried within milliseconds of submitting.
  it('cannot be deleted while a training on it is running or queued: 409 naming the training', async () => {
    const first = await upload('first.csv');
    const second = await upload('second.csv');
    const running = await train(first);
    const queued = await train(second);
    const refusedRunning = await getJson(errorResponseSchema, remove(first), 409);
    expect(refusedRunning.error).toMatch(new RegExp(`in use by training ${running} \\((queued|running)\\)`));
    const refusedQueued = await getJson(errorResponseSchema, remove(second), 409);
    expect(refusedQueued.error).toBe(
      `dataset ${second} is in use by training ${queued} (queued); cancel it or wait until it ends, then delete the dataset`,
    );

    // The trainings keep their datasets until they end, and their models are stored.
    for (const id of [running, queued])
      expect((await waitForTraining(server.url, id)).status).toBe('succeeded');
    expect((await remove(first)).status).toBe(204);
    expect((await remove(second)).status).toBe(204);
  });
});

/** A `recurrent batch` over stocks.csv's five series, one at a time, recording runs in `dbPath`. */
async function startBatch(dbPath: string): Promise<{ child: ChildProcess; exited: Promise<number | null> }> {
  const jobs = join(dir, `jobs-${Math.round(performance.now())}.yaml`);
  await writeFile(
    jobs,
    `defaults:
  horizon: 3
  config: { hiddenSize: 8, maxEpochs: 40, seed: 1 }
  output: { dir: out, format: csv }
jobs:
  - name: stocks
    source: ${join(DATASETS, 'stocks.csv')}
    target: price
`,
  );
  const child = spawn(process.execPath, [BIN, 'batch', jobs, '--db', dbPath, '--workers', '1', '--quiet'], {
    cwd: dir,
    stdio: 'ignore',
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited };
}

/** Polls the file until the batch has a run running. */
async function untilRunning(dbPath: string): Promise<void> {
  const db = new Database(dbPath, { readonly: true });
  try {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const row = db.prepare("SELECT COUNT(*) AS n FROM runs WHERE status = 'running'").get() as {
        n: number;
      };
      if (row.n > 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the batch never started a run');
  } finally {
    db.close();
  }
}

const batchRuns = (dbPath: string): RunRow[] => {
  const db = openDatabase(dbPath);
  try {
    return listRuns(db).filter((r) => r.kind === 'batch');
  } finally {
    db.close();
  }
};

describe('a starting server and the runs of other processes', () => {
  it('leaves a live `recurrent batch`’s runs alone; they end succeeded, with no error', async () => {
    const dbPath = join(dir, 'live.db');
    // Created first, so the two processes do not both create the schema.
    openDatabase(dbPath).close();
    const batch = await startBatch(dbPath);
    await untilRunning(dbPath);
    const open = batchRuns(dbPath).filter((r) => r.status === 'queued' || r.status === 'running');
    expect(open.length).toBeGreaterThan(0);

    const server = await startTestServer({ dbPath, datasetsDir: null });
    try {
      for (const before of open) {
        const after = getRun(server.app.db, before.id);
        expect(after?.status, `run ${before.id}`).not.toBe('failed');
        expect(after?.error).toBeNull();
      }
      expect(await batch.exited).toBe(0);
    } finally {
      batch.child.kill();
      await server.stop();
    }
    const runs = batchRuns(dbPath);
    expect(runs).toHaveLength(5);
    for (const run of runs) {
      expect(run.status).toBe('succeeded');
      expect(run.error).toBeNull();
      expect(run.owner?.pid).toBe(batch.child.pid);
      expect(run.owner?.host).toBe(hostname());
    }
  }, 180_000);

  it('marks interrupted the runs of a batch killed with SIGKILL', async () => {
    const dbPath = join(dir, 'killed.db');
    openDatabase(dbPath).close();
    const batch = await startBatch(dbPath);
    await untilRunning(dbPath);
    batch.child.kill('SIGKILL');
    await batch.exited;
    const server = await startTestServer({ dbPath, datasetsDir: null });
    await server.stop();
    const runs = batchRuns(dbPath);
    expect(runs).toHaveLength(5);
    const interrupted = runs.filter((r) => r.status === 'failed');
    expect(interrupted.length).toBeGreaterThan(0);
    for (const run of interrupted)
      expect(run.error).toBe(
        `interrupted: process ${batch.child.pid} on ${hostname()} stopped before this run finished`,
      );
    expect(runs.every((r) => r.status === 'failed' || r.status === 'succeeded')).toBe(true);
  }, 120_000);
});

describe('leases (a real SQLite file)', () => {
  const elsewhere = {
    host: 'elsewhere.example',
    pid: 4242,
    startedAt: '2026-01-01T00:00:00.000Z',
    pidNamespace: null,
  };

  it('another host’s run is kept while its lease holds, renewed, and interrupted once it lapses', () => {
    const db = openDatabase(join(dir, 'lease.db'));
    const run = insertRun(db, { kind: 'batch', job: 'far', owner: elsewhere });
    expect(run.owner).toEqual(elsewhere);
    const now = Date.now();
    expect(markInterruptedRuns(db, { now })).toBe(0);
    renewRunLeases(db, elsewhere, now + LEASE_MS);
    expect(markInterruptedRuns(db, { now: now + LEASE_MS + 1000 })).toBe(0);
    expect(markInterruptedRuns(db, { now: now + 2 * LEASE_MS + 1000 })).toBe(1);
    expect(getRun(db, run.id)?.error).toMatch(
      /^interrupted: process 4242 on elsewhere\.example stopped renewing its lease/,
    );
    db.close();
  });

  it('a run of a live pid in another pid namespace (another container) is left to its lease', () => {
    const db = openDatabase(join(dir, 'namespace.db'));
    const container = { ...THIS_PROCESS, pid: 2 ** 22 + 7, pidNamespace: 'pid:[1]' };
    const run = insertRun(db, { kind: 'batch', owner: container });
    expect(markInterruptedRuns(db)).toBe(0);
    expect(markInterruptedRuns(db, { now: Date.now() + 2 * LEASE_MS })).toBe(1);
    expect(getRun(db, run.id)?.error).toMatch(/stopped renewing its lease/);
    db.close();
  });

  it('a run of an earlier process that had this pid is reclaimed at once', () => {
    const db = openDatabase(join(dir, 'reused-pid.db'));
    const earlier = { ...THIS_PROCESS, startedAt: '2020-01-01T00:00:00.000Z' };
    const old = insertRun(db, { kind: 'train', owner: earlier });
    const mine = insertRun(db, { kind: 'train' });
    expect(markInterruptedRuns(db)).toBe(1);
    expect(getRun(db, old.id)?.status).toBe('failed');
    expect(getRun(db, mine.id)?.status).toBe('queued');
    db.close();
  });

  it('a process that dies right after start: its runs are reclaimed without waiting for the lease', () => {
    const db = openDatabase(join(dir, 'dead-pid.db'));
    const { pid } = spawnSync(process.execPath, ['-e', '']);
    const run = insertRun(db, {
      kind: 'batch',
      owner: { ...THIS_PROCESS, pid, startedAt: new Date().toISOString() },
    });
    expect(markInterruptedRuns(db)).toBe(1);
    expect(getRun(db, run.id)?.error).toBe(
      `interrupted: process ${pid} on ${hostname()} stopped before this run finished`,
    );
    db.close();
  });

  it('a run closed as interrupted that its owner then finishes records the truth: succeeded, no error', () => {
    const db = openDatabase(join(dir, 'late.db'));
    const run = insertRun(db, { kind: 'batch', owner: elsewhere });
    markInterruptedRuns(db, { now: Date.now() + 2 * LEASE_MS });
    expect(getRun(db, run.id)?.status).toBe('failed');
    updateRun(db, run.id, { status: 'running', startedAt: new Date().toISOString() });
    expect(getRun(db, run.id)).toMatchObject({ status: 'running', error: null, finishedAt: null });
    updateRun(db, run.id, { status: 'succeeded', finishedAt: new Date().toISOString(), wallMs: 5 });
    expect(getRun(db, run.id)).toMatchObject({ status: 'succeeded', error: null });
    db.close();
  });

  it('a file from before owners is upgraded in place, and its open runs are reclaimed as before', () => {
    const path = join(dir, 'v2.db');
    const old = new Database(path);
    for (const sql of MIGRATIONS.slice(0, 2)) old.exec(sql);
    old.pragma('user_version = 2');
    old
      .prepare("INSERT INTO runs (kind, status, queued_at) VALUES ('train', 'running', ?)")
      .run(new Date().toISOString());
    old.close();
    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    const [run] = listRuns(db);
    expect(run?.owner).toBeNull();
    expect(markInterruptedRuns(db)).toBe(1);
    expect(getRun(db, run?.id ?? 0)?.error).toBe(
      'interrupted: the process that ran it stopped before this run finished',
    );
    db.close();
  });
});
