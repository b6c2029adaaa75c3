// `recurrent batch --queue` with real `recurrent worker` processes on a real Redis: every series
// runs exactly once across two workers, failures that can pass retry with backoff while bad
// input fails at once, Ctrl-C takes back what no worker started, a killed worker loses nothing.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { QUEUE_NAME, decodeTask, encodeTask, jobIdFor } from '../../src/batch/queue.ts';
import type { QueuedTask } from '../../src/batch/queue.ts';
import type { SeriesTask } from '../../src/batch/task.ts';
import { createRandom } from '../../src/rnn/random.ts';
import { openDatabase } from '../../src/store/db.ts';
import { listRuns } from '../../src/store/runs.ts';
import { startRedis, stopChild } from '../support/redis.ts';
import type { TestRedis } from '../support/redis.ts';
import { BIN } from '../support/run-cli.ts';

interface Cli {
  child: ChildProcess;
  out: () => string;
  waitFor: (re: RegExp, ms?: number) => Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

const children: ChildProcess[] = [];
let redis: TestRedis;
let dir = '';

/** Starts the real binary; `waitFor` resolves with the first line of stdout+stderr that matches. */
function startCli(args: string[]): Cli {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, RECURRENT_QUEUE_LOCK_MS: '2000', RECURRENT_QUEUE_STALLED_MS: '1000' },
  });
  children.push(child);
  let text = '';
  const waiters: (() => void)[] = [];
  for (const stream of [child.stdout!, child.stderr!])
    stream.on('data', (d: Buffer) => {
      text += d.toString();
      waiters.forEach((w) => w());
    });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      resolve(code);
      waiters.forEach((w) => w());
    }),
  );
  const waitFor = (re: RegExp, ms = 30_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no line matching ${re} in ${ms} ms:\n${text}`)), ms);
      const check = () => {
        const m = text.match(re);
        if (m) {
          clearTimeout(timer);
          resolve(m);
        } else if (child.exitCode !== null) {
          clearTimeout(timer);
          reject(new Error(`exited ${child.exitCode} before ${re}:\n${text}`));
        }
      };
      waiters.push(check);
      check();
    });
  return { child, out: () => text, waitFor, exited };
}

const startWorker = async (url: string, concurrency = 1) => {
  const worker = startCli(['worker', '--queue', url, '--concurrency', String(concurrency)]);
  await worker.waitFor(/waiting for series jobs/);
  return worker;
};

async function writeJobs(name: string, maxEpochs: number, model = 'per-series'): Promise<string> {
  const out = join(dir, name);
  await mkdir(join(out, 'data'), { recursive: true });
  for (let s = 0; s < 20; s++) {
    const random = createRandom(s + 1);
    const rows = Array.from(
      { length: 200 },
      (_, i) =>
        `${new Date(Date.UTC(2021, 0, 1) + i * 86_400_000).toISOString().slice(0, 10)},${(10 + 2 * Math.sin((2 * Math.PI * i) / 7) + 0.3 * random.normal()).toFixed(4)}`,
    );
    await writeFile(join(out, 'data', `s${String(s).padStart(2, '0')}.csv`), `date,y\n${rows.join('\n')}\n`);
  }
  const jobs = `jobs:\n  - name: ${name}\n    source: data/*.csv\n    target: y\n    time: date\n    horizon: 3\n    model: ${model}\n    config: { hiddenSize: 4, maxEpochs: ${maxEpochs}, patienceEpochs: ${maxEpochs}, seed: 7 }\n    output: { dir: out }\n`;
  await writeFile(join(out, 'jobs.yaml'), jobs);
  return out;
}

async function checkBatch(folder: string, batch: Cli): Promise<void> {
  const code = await batch.exited;
  expect(code, batch.out()).toBe(0);
  const forecasts = (await readdir(join(folder, 'out'))).filter((f) => f.endsWith('.forecast.csv'));
  expect(forecasts).toHaveLength(20);
  const db = openDatabase(join(folder, 'runs.db'));
  try {
    const runs = listRuns(db).filter((r) => r.kind === 'batch');
    expect(runs).toHaveLength(20);
    expect(runs.every((r) => r.status === 'succeeded')).toBe(true);
  } finally {
    db.close();
  }
}

/** `recurrent batch` on a folder's jobs.yaml, through the test's Redis, recording into its runs.db. */
const startBatch = (folder: string) =>
  startCli(['batch', join(folder, 'jobs.yaml'), '--queue', redis.url, '--db', join(folder, 'runs.db')]);

const linesOf = (text: string, verb: string) =>
  [...text.matchAll(new RegExp(`^${verb} (\\S+)`, 'gm'))].map((m) => m[1]!);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'recurrent-queue-'));
  redis = await startRedis();
});

afterAll(async () => {
  await Promise.all(children.map((c) => stopChild(c, 'SIGKILL')));
  await redis?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('recurrent batch --queue with two recurrent workers', () => {
  let workers: Cli[] = [];
  beforeAll(async () => {
    workers = await Promise.all([startWorker(redis.url), startWorker(redis.url)]);
  });

  it('2 workers process 20 series, each exactly once', async () => {
    const folder = await writeJobs('two', 3);
    const batch = startBatch(folder);
    await checkBatch(folder, batch);
    const started = workers.flatMap((w) => linesOf(w.out(), 'started'));
    const completed = workers.flatMap((w) => linesOf(w.out(), 'completed'));
    expect(started.sort()).toEqual(
      Array.from({ length: 20 }, (_, s) => `two/s${String(s).padStart(2, '0')}.csv`),
    );
    expect(completed.sort()).toEqual(started);
    for (const w of workers) expect(linesOf(w.out(), 'completed').length).toBeGreaterThan(0);
  });

  it('a model: global job is trained once by the coordinator; the 2 workers forecast its 20 series, each once', async () => {
    const folder = await writeJobs('global', 3, 'global');
    const batch = startBatch(folder);
    await checkBatch(folder, batch);
    expect((await readdir(join(folder, 'out'))).filter((f) => f.endsWith('.global-model.json'))).toEqual([
      'global.global-model.json',
    ]);
    const completed = workers
      .flatMap((w) => linesOf(w.out(), 'completed'))
      .filter((k) => k.startsWith('global/'));
    expect(completed.sort()).toEqual(
      Array.from({ length: 20 }, (_, s) => `global/s${String(s).padStart(2, '0')}.csv`),
    );
  });

  it('fails bad input at once, without retries: the seeded pipeline would fail the same way again', async () => {
    const folder = join(dir, 'bad');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'bad.csv'), 'date,z\n2021-01-01,1\n2021-01-02,2\n');
    await writeFile(
      join(folder, 'jobs.yaml'),
      'jobs:\n  - { name: bad, source: bad.csv, target: y, time: date, horizon: 3, output: { dir: out } }\n',
    );
    const batch = startBatch(folder);
    expect(await batch.exited, batch.out()).toBe(1);
    const failures = workers.flatMap((w) =>
      w
        .out()
        .split('\n')
        .filter((l) => l.startsWith('failed bad/bad.csv')),
    );
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/attempt 1 of 3\): .*y.*\(bad input: not retried\)$/);
    const db = openDatabase(join(folder, 'runs.db'));
    try {
      expect(listRuns(db).map((r) => r.status)).toEqual(['failed']);
      expect(listRuns(db)[0]!.error).toContain('not retried');
    } finally {
      db.close();
    }
  });

  it('retries a failure that can pass (an unwritable output folder) with backoff; SIGTERM stops the workers cleanly', async () => {
    const folder = join(dir, 'blocked');
    await mkdir(folder, { recursive: true });
    const rows = Array.from(
      { length: 120 },
      (_, i) =>
        `${new Date(Date.UTC(2021, 0, 1) + i * 86_400_000).toISOString().slice(0, 10)},${(10 + 2 * Math.sin((2 * Math.PI * i) / 7)).toFixed(4)}`,
    );
    await writeFile(join(folder, 'ok.csv'), `date,y\n${rows.join('\n')}\n`);
    await writeFile(
      join(folder, 'jobs.yaml'),
      'jobs:\n  - { name: blocked, source: ok.csv, target: y, time: date, horizon: 3, config: { hiddenSize: 4, maxEpochs: 2 }, output: { dir: out } }\n',
    );
    // A file where the output folder should be: writing the forecast fails until it goes.
    await writeFile(join(folder, 'out'), 'not a folder');
    const batch = startBatch(folder);
    await Promise.any(
      workers.map((w) => w.waitFor(/^failed blocked\/ok\.csv .*attempt 1 of 3\).*it will be retried$/m)),
    );
    await rm(join(folder, 'out'));
    expect(await batch.exited, batch.out()).toBe(0);
    const started = workers.flatMap((w) =>
      w
        .out()
        .split('\n')
        .filter((l) => l.startsWith('started blocked/ok.csv')),
    );
    expect(started.map((l) => l.match(/attempt (\d) of 3\)/)?.[1]).sort()).toEqual(['1', '2']);
    expect((await readdir(join(folder, 'out'))).filter((f) => f.endsWith('.forecast.csv'))).toHaveLength(1);
    for (const w of workers) w.child.kill('SIGTERM');
    expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0]);
  });
});

describe('recurrent batch --queue stopped with Ctrl-C', () => {
  it('takes back every series no worker has started, records them as cancelled and exits 130', async () => {
    const folder = await writeJobs('stopped', 2);
    const queue = new Queue(QUEUE_NAME, { connection: { url: redis.url, maxRetriesPerRequest: null } });
    try {
      const batch = startCli([
        'batch',
        join(folder, 'jobs.yaml'),
        '--queue',
        redis.url,
        '--db',
        join(folder, 'runs.db'),
      ]);
      await batch.waitFor(/no `recurrent worker` is listening/);
      while ((await queue.getWaitingCount()) < 20) await new Promise((r) => setTimeout(r, 50));
      batch.child.kill('SIGINT');
      expect(await batch.exited, batch.out()).toBe(130);
      expect(batch.out()).not.toMatch(/MaxListenersExceeded/);
      expect(await queue.getWaitingCount()).toBe(0);
      const db = openDatabase(join(folder, 'runs.db'));
      try {
        expect(listRuns(db).map((r) => r.status)).toEqual(Array(20).fill('cancelled'));
      } finally {
        db.close();
      }
    } finally {
      await queue.close();
    }
  });
});

describe('recurrent batch --queue when a worker dies', () => {
  it('one worker killed mid-job: all 20 still complete', async () => {
    const folder = await writeJobs('killed', 500);
    const url = `${redis.url}/1`;
    const [doomed, survivor] = await Promise.all([startWorker(url), startWorker(url, 2)]);
    const batch = startCli([
      'batch',
      join(folder, 'jobs.yaml'),
      '--queue',
      url,
      '--db',
      join(folder, 'runs.db'),
    ]);
    const key = (await doomed!.waitFor(/^started (\S+)/m))[1]!;
    doomed!.child.kill('SIGKILL');
    await doomed!.exited;
    expect(linesOf(doomed!.out(), 'completed')).not.toContain(key);
    await checkBatch(folder, batch);
    expect(survivor!.out()).toMatch(/stalled job \S+: its worker stopped/);
    expect(linesOf(survivor!.out(), 'completed')).toContain(key);
  });
});

describe('queued tasks', () => {
  it("carry a stored dataset's bytes through JSON as base64", () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255, 10, 44]);
    const task = { key: 'k', source: { name: 'stored.csv', bytes } } as unknown as SeriesTask;
    const back = decodeTask(JSON.parse(JSON.stringify(encodeTask(task))) as QueuedTask);
    expect(back.source).toEqual({ name: 'stored.csv', bytes });
    expect((back.source as { bytes: Uint8Array }).bytes).toBeInstanceOf(Uint8Array);
    expect(jobIdFor('run1', 'job/a:b.csv/MSFT')).not.toContain(':');
  });
});
