// Heavy work stays off the event loop (issue 17, finding 2): while four summaries of a
// large dataset run at once, the real app on a real port keeps answering /api/health.
// Ingestion and danfo's describe() run on worker threads (src/server/heavy/); on the event
// loop they held /api/health for many seconds. The bound is generous on purpose (the issue
// asks for one): the precise latency figures belong to bench/health-latency.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestCsv } from '../../src/forecaster.ts';
import { traceWindow } from '../../src/server/downsample.ts';
import {
  datasetResponseSchema,
  errorResponseSchema,
  pointsResponseSchema,
  summaryResponseSchema,
} from '../../src/server/wire.ts';
import { startTestServer } from '../support/test-server.ts';
import type { TestServer } from '../support/test-server.ts';
import { getJson } from '../support/wire-json.ts';

// 150,000 minutely rows of five numeric columns (~8 MB): each summary ingests the file and
// describes it; on the event loop the four together held the server for 3.5 s.
const ROWS = 150_000;
const COLUMNS = ['open', 'high', 'low', 'close', 'volume'];
const HEALTH_BOUND_MS = 1000;

/** A deterministic price-feed CSV: minute timestamps and five numeric columns. */
function priceFeedCsv(rows: number): string {
  const start = Date.UTC(2015, 0, 1);
  const lines = [`time,${COLUMNS.join(',')}`];
  for (let i = 0; i < rows; i++) {
    const price = 100 + 20 * Math.sin(i / 5000) + (i % 17) / 10;
    lines.push(
      `${new Date(start + i * 60_000).toISOString().slice(0, 19)},${price.toFixed(2)},${(price + 0.5).toFixed(2)},` +
        `${(price - 0.5).toFixed(2)},${(price + ((i % 7) - 3) / 10).toFixed(2)},${1000 + (i % 9973)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const CSV = priceFeedCsv(ROWS);

function upload(url: string, name: string, content: string): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob([content], { type: 'text/csv' }), name);
  return fetch(`${url}/api/datasets`, { method: 'POST', body: form });
}

let server: TestServer;
let datasetId: number;
beforeAll(async () => {
  server = await startTestServer({ datasetsDir: null, uploadLimitBytes: 64 * 1024 * 1024 });
  datasetId = (await getJson(datasetResponseSchema, upload(server.url, 'price-feed.csv', CSV), 201)).dataset
    .id;
});
afterAll(async () => {
  await server?.stop();
});

/** Asks /api/health back to back until `done` settles; returns each answer's latency (ms). */
async function pollHealth(done: Promise<unknown>): Promise<number[]> {
  let finished = false;
  void done.finally(() => {
    finished = true;
  });
  const latencies: number[] = [];
  while (!finished) {
    const started = performance.now();
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    await response.json();
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return latencies;
}

describe('heavy requests and the event loop', () => {
  it('answers /api/health within 1 s during four concurrent summaries', async () => {
    // One column each, so each summary ingests afresh (the cache is keyed by the columns asked for).
    const summaries = Promise.all(
      COLUMNS.slice(0, 4).map((column) =>
        getJson(
          summaryResponseSchema,
          fetch(`${server.url}/api/datasets/${datasetId}/summary?column=${column}`),
        ),
      ),
    );
    const latencies = await pollHealth(summaries);
    const answers = await summaries;
    expect(answers.map((a) => a.describe[a.column]?.count)).toEqual([ROWS, ROWS, ROWS, ROWS]);
    expect(latencies.length).toBeGreaterThan(1);
    expect(
      Math.max(...latencies),
      `health latencies (ms): ${latencies.map(Math.round).join(', ')}`,
    ).toBeLessThan(HEALTH_BOUND_MS);
  });
});

describe('work done on a worker answers as on the event loop', () => {
  it('a bad upload is a 400 with the very message ingestion gives in process (file, line, column)', async () => {
    const bad = 'date,value\n2020-01-01,1\n2020-01-02,2,7\n2020-01-03,2\n';
    const inProcess = await ingestCsv(Buffer.from(bad), { file: 'bad.csv' }).then(
      () => undefined,
      (e: Error) => e,
    );
    const body = await getJson(errorResponseSchema, upload(server.url, 'bad.csv', bad), 400);
    expect(body.error).toMatch(/^bad\.csv, line 3/);
    expect(body.error).toBe(inProcess?.message);
  });

  it('chart points of a long series, downsampled on a worker, are those traced in process', async () => {
    const { series } = await ingestCsv(Buffer.from(CSV), { file: 'price-feed.csv', target: 'close' });
    const [close] = series;
    const from = Date.UTC(2015, 1, 1);
    const body = await getJson(
      pointsResponseSchema,
      fetch(`${server.url}/api/datasets/${datasetId}/points?column=close&points=500&from=${from}`),
    );
    const expected = traceWindow(close?.time ?? [], close?.values ?? [], 500, from);
    expect(body.total).toBe(ROWS);
    expect(body.downsampled).toBe(true);
    expect(body.time).toEqual(expected.time);
    expect(body.values).toEqual(expected.values);
  });
});

describe('a bound on waiting heavy work', () => {
  let busy: TestServer;
  let busyId: number;
  beforeAll(async () => {
    // One worker and room for one waiting task, so a handful of requests overflows the queue.
    process.env.RECURRENT_HEAVY_WORKERS = '1';
    process.env.RECURRENT_HEAVY_QUEUE = '1';
    try {
      busy = await startTestServer({ datasetsDir: null, uploadLimitBytes: 64 * 1024 * 1024 });
    } finally {
      delete process.env.RECURRENT_HEAVY_WORKERS;
      delete process.env.RECURRENT_HEAVY_QUEUE;
    }
    busyId = (await getJson(datasetResponseSchema, upload(busy.url, 'price-feed.csv', CSV), 201)).dataset.id;
  });
  afterAll(async () => {
    await busy?.stop();
  });

  it('answers 503 with Retry-After when too much waits, and serves the retry', async () => {
    // Chart points of five columns: five ingestions, none shared through the cache; with one
    // worker busy and one task waiting, the rest are refused at the door.
    const paths = COLUMNS.map((column) => `/api/datasets/${busyId}/points?column=${column}&points=100`);
    const responses = await Promise.all(paths.map((path) => fetch(`${busy.url}${path}`)));
    const refused = responses.flatMap((r, i) => (r.status === 503 ? [{ r, path: paths[i] ?? '' }] : []));
    expect(refused.length).toBeGreaterThan(0);
    for (const r of responses.filter((r) => r.status !== 503))
      expect((await getJson(pointsResponseSchema, r)).total).toBe(ROWS);
    for (const { r } of refused) {
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      const body = await getJson(errorResponseSchema, r, 503);
      expect(body.error).toMatch(
        /the server is busy: \d+ heavy tasks .* are already waiting; try again in \d+ s/,
      );
    }
    const [first] = refused;
    const retried = await getJson(pointsResponseSchema, fetch(`${busy.url}${first?.path}`));
    expect(retried.total).toBe(ROWS);
  });
});
