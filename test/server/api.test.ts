// The JSON API against the real app and a real SQLite file: the whole path from upload to
// forecast and delete, every error status, restarts, OpenAPI coverage and responsiveness.
// Every JSON body is parsed with the wire contract's schema (getJson), so a response that
// drifts from src/server/wire.ts fails here.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  datasetListResponseSchema,
  datasetResponseSchema,
  errorResponseSchema,
  forecastResponseSchema,
  modelChartSchema,
  modelDetailSchema,
  pointsResponseSchema,
  summaryResponseSchema,
  trainingResponseSchema,
} from '../../src/server/wire.ts';
import { startTestServer } from '../support/test-server.ts';
import type { TestServer } from '../support/test-server.ts';
import { getJson, waitForTraining } from '../support/wire-json.ts';
import { expectKeptByRule } from '../support/kept-entry.ts';

const DATASETS = new URL('../../datasets/', import.meta.url).pathname;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ uploadLimitBytes: 200_000 });
});
afterAll(async () => {
  await server.stop();
});

function upload(name: string, content: string | Buffer, type = 'text/csv'): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob([content], { type }), name);
  return fetch(`${server.url}/api/datasets`, { method: 'POST', body: form });
}

const postJson = (path: string, body: unknown) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('datasets, training, forecasting', () => {
  it('lists the bundled datasets', async () => {
    const body = await getJson(datasetListResponseSchema, fetch(`${server.url}/api/datasets`));
    expect(body.datasets.map((d) => d.name)).toEqual(
      expect.arrayContaining([
        'seattle-weather.csv',
        'sp500-2000.csv',
        'stocks.csv',
        'weather.csv',
        'seattle-weather-hourly-normals.csv',
      ]),
    );
    const stocks = body.datasets.find((d) => d.name === 'stocks.csv');
    expect(stocks?.series).toEqual(['MSFT', 'AMZN', 'IBM', 'GOOG', 'AAPL']);
  });

  it('upload → preview → train → forecast → delete', async () => {
    // The first 599 days: 2012-01-01 … 2013-08-21.
    const csv = (await readFile(join(DATASETS, 'seattle-weather.csv'), 'utf8'))
      .split('\n')
      .slice(0, 600)
      .join('\n');
    const uploaded = await getJson(datasetResponseSchema, upload('seattle-weather.csv', csv), 201);
    const id = uploaded.dataset.id;
    expect(uploaded.report.frequency?.unit).toBe('day');
    const stored = await getJson(datasetResponseSchema, fetch(`${server.url}/api/datasets/${id}`));
    expect(stored.dataset).toEqual(uploaded.dataset);

    const preview = await getJson(
      pointsResponseSchema,
      fetch(`${server.url}/api/datasets/${id}/points?column=temp_max&points=100`),
    );
    expect(preview.values).toHaveLength(100);
    expect(preview.downsampled).toBe(true);
    const summary = await getJson(
      summaryResponseSchema,
      fetch(`${server.url}/api/datasets/${id}/summary?column=temp_max`),
    );
    expect(summary.describe.temp_max?.count).toBe(599);

    const started = await getJson(
      trainingResponseSchema,
      postJson('/api/trainings', {
        datasetId: id,
        target: 'temp_max',
        horizonSteps: 5,
        maxEpochs: 3,
        hiddenSize: 8,
      }),
      202,
    );
    const training = await waitForTraining(server.url, started.training.id);
    expect(training.status).toBe('succeeded');
    // Auto mode fitted four RNN candidates (three scalers, and the calendar it tries on daily
    // data), three epochs each, and the run kept their histories apart,
    // ... then the kept candidate's refit on all the data, under a stage of its own.
    const stages = training.history.map((e) => `${e.stage?.slice(0, 3)}${e.epoch}`);
    const perCandidate = ['1', '2', '3', '4'].flatMap((c) => [`${c}/41`, `${c}/42`, `${c}/43`]);
    expect(stages.slice(0, 12)).toEqual(perCandidate);
    expect(stages.slice(12).every((s) => s.startsWith('ref'))).toBe(true);

    const model = await getJson(modelDetailSchema, fetch(`${server.url}/api/models/${training.modelId}`));
    expect(model.evaluation?.baselines.naive?.mae).toBeGreaterThan(0);
    const { leaderboard } = model.model;
    const names = leaderboard.entries.map((e) => e.name);
    for (const name of [
      'rnn: z-score',
      'rnn: seasonal difference (m = 7) + z-score',
      'ets',
      'seasonal-naive',
    ])
      expect(names).toContain(name);
    expectKeptByRule(leaderboard);
    const forecast = await getJson(
      forecastResponseSchema,
      postJson(`/api/models/${training.modelId}/forecast`, { steps: 5 }),
    );
    expect(forecast.forecast.rows.map((r) => r.time)).toEqual([
      '2013-08-22',
      '2013-08-23',
      '2013-08-24',
      '2013-08-25',
      '2013-08-26',
    ]);
    const chart = await getJson(
      modelChartSchema,
      fetch(`${server.url}/api/models/${training.modelId}/chart?points=50`),
    );
    expect(chart.fitted.kind).toBe('predictNext');
    expect(chart.fitted.predicted.values.length).toBeLessThanOrEqual(50);
    expect(chart.forecast.forecast).toHaveLength(5);
    const file = await fetch(`${server.url}/api/models/${training.modelId}/file`);
    expect(file.headers.get('content-disposition')).toMatch(/attachment; filename="?model-\d+\.json"?/);
    expect(((await file.json()) as { format: string }).format).toBe('recurrent-model');

    expect((await fetch(`${server.url}/api/models/${training.modelId}`, { method: 'DELETE' })).status).toBe(
      204,
    );
    expect((await fetch(`${server.url}/api/models/${training.modelId}`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/datasets/${id}`, { method: 'DELETE' })).status).toBe(204);
  });

  it('forecasts again from a new CSV uploaded with the request', async () => {
    const list = await getJson(datasetListResponseSchema, fetch(`${server.url}/api/datasets`));
    const seattle = list.datasets.find((d) => d.name === 'seattle-weather.csv');
    const started = await getJson(
      trainingResponseSchema,
      postJson('/api/trainings', {
        datasetId: seattle?.id,
        target: 'temp_max',
        horizonSteps: 3,
        maxEpochs: 2,
        hiddenSize: 4,
      }),
      202,
    );
    const { modelId } = await waitForTraining(server.url, started.training.id);
    const lines = (await readFile(join(DATASETS, 'seattle-weather.csv'), 'utf8'))
      .split('\n')
      .slice(0, 300)
      .join('\n');
    const form = new FormData();
    form.append('file', new Blob([lines], { type: 'text/csv' }), 'newer.csv');
    const body = await getJson(
      forecastResponseSchema,
      fetch(`${server.url}/api/models/${modelId}/forecast`, { method: 'POST', body: form }),
    );
    expect(body.forecast.rows[0]?.time).toBe('2012-10-26');
  });
});

describe('error statuses', () => {
  it('400 with a message per field for a bad training request', async () => {
    const body = await getJson(
      errorResponseSchema,
      postJson('/api/trainings', { datasetId: 1, target: 'x', horizonSteps: 0, cell: 'transformer' }),
      400,
    );
    expect(Object.keys(body.fields ?? {})).toEqual(expect.arrayContaining(['horizonSteps', 'cell']));
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
  });
  it('400 naming line and column for an unparseable upload; nothing is stored', async () => {
    const count = async () =>
      (await getJson(datasetListResponseSchema, fetch(`${server.url}/api/datasets`))).datasets.length;
    const before = await count();
    const body = await getJson(
      errorResponseSchema,
      upload('bad.csv', 'date,value\n2020-01-01,1\n2020-01-02,2,7\n2020-01-03,2\n'),
      400,
    );
    expect(body.error).toMatch(/bad\.csv, line 3/);
    expect(await count()).toBe(before);
  });
  it('404 for unknown datasets, models, trainings and API paths', async () => {
    for (const path of ['/api/datasets/9999', '/api/models/9999', '/api/trainings/9999', '/api/nope'])
      expect((await fetch(`${server.url}${path}`)).status, path).toBe(404);
  });
  it('409 when deleting a bundled dataset', async () => {
    expect((await fetch(`${server.url}/api/datasets/1`, { method: 'DELETE' })).status).toBe(409);
  });
  it('413 for an upload over the limit', async () => {
    const big = `date,value\n${Array.from({ length: 20_000 }, (_, i) => `2020-01-01T00:${String(i % 60).padStart(2, '0')}:00Z,${i}`).join('\n')}`;
    expect((await upload('big.csv', big)).status).toBe(413);
  });
  it('415 for a body that is neither JSON nor multipart, or a file that is not a CSV', async () => {
    expect(
      (
        await fetch(`${server.url}/api/trainings`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain' },
          body: 'x',
        })
      ).status,
    ).toBe(415);
    expect(
      (
        await fetch(`${server.url}/api/datasets`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        })
      ).status,
    ).toBe(415);
    expect((await upload('picture.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'image/png')).status).toBe(
      415,
    );
  });
});

describe('safety', () => {
  it('an upload named with ../ keeps its name with the path parts made harmless and writes no file anywhere', async () => {
    const body = await getJson(
      datasetResponseSchema,
      upload(
        '../../../../tmp/recurrent-escape.csv',
        'date,value\n2020-01-01,1\n2020-01-02,2\n2020-01-03,3\n',
      ),
      201,
    );
    // Slashes become "_" and ".." segments go (src/server/dataset-name.ts): the name is not cut.
    expect(body.dataset.name).toBe('tmp_recurrent-escape.csv');
    expect(existsSync('/tmp/recurrent-escape.csv')).toBe(false);
  });
  it('a column named like HTML comes back as data, untouched, and the pages are static', async () => {
    const name = '<img src=x onerror=alert(1)>';
    const body = await getJson(
      datasetResponseSchema,
      upload('xss.csv', `date,${name}\n2020-01-01,1\n2020-01-02,2\n2020-01-03,3\n`),
      201,
    );
    expect(body.dataset.columns.map((c) => c.name)).toContain(name);
    const page = await fetch(`${server.url}/`);
    expect(await page.text()).not.toContain('onerror');
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
  });
});

describe('the API document', () => {
  it('every registered API route is in /api/openapi.json', async () => {
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toMatch(/^3\./);
    // Express keeps its route table on `router`, which its types do not declare.
    const { stack } = (
      server.app as unknown as {
        router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
      }
    ).router;
    const registered = stack.filter(
      (l) =>
        l.route?.path.startsWith('/api/') && !['/api/openapi.json', '/api/health'].includes(l.route.path),
    );
    expect(registered.length).toBeGreaterThan(20);
    for (const { route } of registered) {
      const path = route!.path.replace(/:([A-Za-z]+)/g, '{$1}');
      for (const method of Object.keys(route!.methods))
        expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
  });
});
