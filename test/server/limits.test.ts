// The server's limits on shared resources, through the real app (each set from its
// environment variable, as an operator would): a bounded training queue (503 with
// Retry-After), a storage quota on uploads and models (507 saying the quota and the use),
// and per-client rate limits on uploads and trainings (429 with Retry-After). The token
// bucket itself is tested with a stepped clock, not by waiting.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenBuckets } from '../../src/server/rate-limit.ts';
import { DEFAULT_SERVER_LIMITS, serverLimitsFromEnv } from '../../src/server/server-limits.ts';
import type { ServerLimits } from '../../src/server/server-limits.ts';
import { SERVER_LIMIT_VARIABLES } from '../../src/server/server-limits.ts';
import { datasetResponseSchema, errorResponseSchema, trainingResponseSchema } from '../../src/server/wire.ts';
import { startTestServer } from '../support/test-server.ts';
import type { TestServer } from '../support/test-server.ts';
import type { AppOptions } from '../../src/server/app.ts';
import { getJson, waitForTraining } from '../support/wire-json.ts';

const DATASETS = new URL('../../datasets/', import.meta.url).pathname;
const SMALL_CSV = 'date,value\n2020-01-01,1\n2020-01-02,2\n2020-01-03,3\n';

/** Starts a server with some limits set through their variables, which are restored at once. */
async function serverWith(limits: Partial<ServerLimits>, options: AppOptions = {}): Promise<TestServer> {
  const saved = { ...process.env };
  for (const [key, value] of Object.entries(limits))
    process.env[SERVER_LIMIT_VARIABLES[key as keyof ServerLimits]] = String(value);
  try {
    return await startTestServer({ datasetsDir: null, ...options });
  } finally {
    for (const name of Object.values(SERVER_LIMIT_VARIABLES))
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
  }
}

const upload = (server: TestServer, content: string, name = 'small.csv') => {
  const form = new FormData();
  form.append('file', new Blob([content], { type: 'text/csv' }), name);
  return fetch(`${server.url}/api/datasets`, { method: 'POST', body: form });
};

const startTraining = (server: TestServer, body: object) =>
  fetch(`${server.url}/api/trainings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('the training queue is bounded', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await serverWith({ maxQueuedTrainings: 2 }, { trainingConcurrency: 1 });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('one training running and two waiting: the next → 503 with Retry-After; the queue drains', async () => {
    const csv = (await readFile(`${DATASETS}seattle-weather.csv`, 'utf8'))
      .split('\n')
      .slice(0, 300)
      .join('\n');
    const { dataset } = await getJson(datasetResponseSchema, upload(server, csv, 'seattle.csv'), 201);
    const body = { datasetId: dataset.id, target: 'temp_max', horizonSteps: 3, maxEpochs: 2, hiddenSize: 4 };
    // Each training takes seconds; all four requests are made within milliseconds.
    const accepted = [];
    for (let i = 0; i < 3; i++)
      accepted.push((await getJson(trainingResponseSchema, startTraining(server, body), 202)).training.id);
    const refused = await startTraining(server, body);
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(errorResponseSchema.parse(await refused.json()).error).toMatch(
      /the training queue is full: 2 trainings are waiting and 1 running/,
    );
    for (const id of accepted) expect((await waitForTraining(server.url, id)).status).toBe('succeeded');
    // Room again once the queue has drained.
    const again = await getJson(trainingResponseSchema, startTraining(server, body), 202);
    await waitForTraining(server.url, again.training.id);
  }, 120_000);
});

describe('the storage quota', () => {
  const quota = 4 * SMALL_CSV.length + 10;
  let server: TestServer;
  beforeAll(async () => {
    server = await serverWith({ storageQuotaBytes: quota });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('uploads fit until the quota; the next → 507 saying the quota and the use; nothing is stored', async () => {
    for (let i = 0; i < 4; i++) expect((await upload(server, SMALL_CSV)).status).toBe(201);
    const refused = await getJson(errorResponseSchema, upload(server, SMALL_CSV), 507);
    expect(refused.error).toBe(
      `the storage quota is full: ${4 * SMALL_CSV.length} bytes of ${quota} bytes used by uploaded datasets and models, and this upload needs ${SMALL_CSV.length} bytes; delete datasets or models you no longer need (the quota is set by RECURRENT_STORAGE_QUOTA_BYTES)`,
    );
    const list = (await (await fetch(`${server.url}/api/datasets`)).json()) as { datasets: unknown[] };
    expect(list.datasets).toHaveLength(4);
    // Deleting frees room.
    expect((await fetch(`${server.url}/api/datasets/1`, { method: 'DELETE' })).status).toBe(204);
    expect((await upload(server, SMALL_CSV)).status).toBe(201);
  });

  it('concurrent uploads cannot together overshoot it', async () => {
    const restarted = await serverWith(
      { storageQuotaBytes: quota + SMALL_CSV.length },
      { dbPath: server.dbPath },
    );
    await server.stop();
    server = restarted;
    const statuses = await Promise.all(
      Array.from({ length: 6 }, async () => (await upload(server, SMALL_CSV)).status),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 507)).toHaveLength(5);
  });

  it('a server restarted with a smaller quota than what is stored refuses trainings → 507', async () => {
    const restarted = await serverWith({ storageQuotaBytes: 100 }, { dbPath: server.dbPath });
    await server.stop();
    server = restarted;
    const refused = await getJson(
      errorResponseSchema,
      startTraining(server, { datasetId: 2, target: 'value', horizonSteps: 1 }),
      507,
    );
    expect(refused.error).toMatch(
      /^the storage quota is full: .* of 100 bytes used .*a training would store more/,
    );
  });
});

describe('per-client rate limits', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await serverWith({ uploadsPerMinute: 3, trainingsPerMinute: 2 });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('uploads beyond the allowance → 429 with Retry-After', async () => {
    for (let i = 0; i < 3; i++) expect((await upload(server, SMALL_CSV)).status).toBe(201);
    const refused = await upload(server, SMALL_CSV);
    expect(refused.status).toBe(429);
    // A token comes back every 20 s at 3 a minute.
    const retry = Number(refused.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(20);
    expect(errorResponseSchema.parse(await refused.json()).error).toMatch(
      /^too many uploads from .*: at most 3 a minute; retry in \d+ s$/,
    );
  });

  it('trainings beyond the allowance → 429, even when the requests are invalid', async () => {
    for (let i = 0; i < 2; i++) expect((await startTraining(server, { datasetId: 'x' })).status).toBe(400);
    const refused = await startTraining(server, { datasetId: 'x' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('TokenBuckets (a stepped clock)', () => {
  it('lets a burst of a minute’s allowance through, then one per 60/n seconds, per client', () => {
    const buckets = new TokenBuckets(6);
    for (let i = 0; i < 6; i++) expect(buckets.take('a', 0)).toEqual({ ok: true });
    expect(buckets.take('a', 0)).toEqual({ ok: false, retryAfterSeconds: 10 });
    expect(buckets.take('b', 0)).toEqual({ ok: true });
    expect(buckets.take('a', 4_000)).toEqual({ ok: false, retryAfterSeconds: 6 });
    expect(buckets.take('a', 10_000)).toEqual({ ok: true });
    // A long pause refills to the burst, never beyond.
    for (let i = 0; i < 6; i++) expect(buckets.take('a', 3_600_000).ok).toBe(true);
    expect(buckets.take('a', 3_600_000).ok).toBe(false);
  });
});

describe('serverLimitsFromEnv', () => {
  it('defaults when unset; the value when set; a clear error naming the variable when bad', () => {
    expect(serverLimitsFromEnv({})).toEqual(DEFAULT_SERVER_LIMITS);
    expect(serverLimitsFromEnv({ RECURRENT_STORAGE_QUOTA_BYTES: '1000' }).storageQuotaBytes).toBe(1000);
    expect(serverLimitsFromEnv({ RECURRENT_UPLOADS_PER_MINUTE: '0' }).uploadsPerMinute).toBe(0);
    expect(() => serverLimitsFromEnv({ RECURRENT_STORAGE_QUOTA_BYTES: '2GB' })).toThrow(
      'RECURRENT_STORAGE_QUOTA_BYTES must be a whole number above 0, got "2GB"',
    );
    expect(() => serverLimitsFromEnv({ RECURRENT_MAX_QUEUED_TRAININGS: '0' })).toThrow(
      /RECURRENT_MAX_QUEUED_TRAININGS must be a whole number above 0/,
    );
  });
});
