// The JSON API against the real app and a real SQLite file: the whole path from upload to
// forecast and delete, every error status, restarts, OpenAPI coverage and responsiveness.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, startTestServer, waitForTraining } from '../support/test-server.ts';
import type { TestServer } from '../support/test-server.ts';

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
    const { status, body } = await json(await fetch(`${server.url}/api/datasets`));
    expect(status).toBe(200);
    expect(body.datasets.map((d: any) => d.name)).toEqual(
      expect.arrayContaining([
        'seattle-weather.csv',
        'sp500-2000.csv',
        'stocks.csv',
        'weather.csv',
        'seattle-weather-hourly-normals.csv',
      ]),
    );
    const stocks = body.datasets.find((d: any) => d.name === 'stocks.csv');
    expect(stocks.series).toEqual(['MSFT', 'AMZN', 'IBM', 'GOOG', 'AAPL']);
  });

  it('upload → preview → train → forecast → delete', async () => {
    // The first 599 days: 2012-01-01 … 2013-08-21.
    const csv = (await readFile(join(DATASETS, 'seattle-weather.csv'), 'utf8'))
      .split('\n')
      .slice(0, 600)
      .join('\n');
    const uploaded = await json(await upload('seattle-weather.csv', csv));
    expect(uploaded.status).toBe(201);
    const id = uploaded.body.dataset.id;
    expect(uploaded.body.report.frequency.unit).toBe('day');

    const preview = await json(
      await fetch(`${server.url}/api/datasets/${id}/points?column=temp_max&points=100`),
    );
    expect(preview.body.values).toHaveLength(100);
    expect(preview.body.downsampled).toBe(true);
    const summary = await json(await fetch(`${server.url}/api/datasets/${id}/summary?column=temp_max`));
    expect(summary.body.describe.temp_max.count).toBe(599);

    const started = await json(
      await postJson('/api/trainings', {
        datasetId: id,
        target: 'temp_max',
        horizonSteps: 5,
        maxEpochs: 3,
        hiddenSize: 8,
      }),
    );
    expect(started.status).toBe(202);
    const training = await waitForTraining(server.url, started.body.training.id);
    expect(training.status).toBe('succeeded');
    // Auto mode fitted three RNN candidates, three epochs each, and the run kept their histories apart,
    // ... then the kept candidate's refit on all the data, under a stage of its own.
    const stages = training.history.map((e: any) => `${e.stage.slice(0, 3)}${e.epoch}`);
    const perCandidate = ['1', '2', '3'].flatMap((c) => [`${c}/31`, `${c}/32`, `${c}/33`]);
    expect(stages.slice(0, 9)).toEqual(perCandidate);
    expect(stages.slice(9).every((s: string) => s.startsWith('ref'))).toBe(true);

    const model = await json(await fetch(`${server.url}/api/models/${training.modelId}`));
    expect(model.body.evaluation.baselines.naive.mae).toBeGreaterThan(0);
    const { leaderboard } = model.body.model;
    const names = leaderboard.entries.map((e: any) => e.name);
    for (const name of [
      'rnn: z-score',
      'rnn: seasonal difference (m = 7) + z-score',
      'ets',
      'seasonal-naive',
    ])
      expect(names).toContain(name);
    expect(leaderboard.kept).toBe(names[0]);
    expect(leaderboard.entries[0].kept).toBe(true);
    const forecast = await json(await postJson(`/api/models/${training.modelId}/forecast`, { steps: 5 }));
    expect(forecast.status).toBe(200);
    expect(forecast.body.forecast.rows.map((r: any) => r.time)).toEqual([
      '2013-08-22',
      '2013-08-23',
      '2013-08-24',
      '2013-08-25',
      '2013-08-26',
    ]);
    const chart = await json(await fetch(`${server.url}/api/models/${training.modelId}/chart?points=50`));
    expect(chart.body.fitted.kind).toBe('predictNext');
    expect(chart.body.fitted.predicted.values.length).toBeLessThanOrEqual(50);
    expect(chart.body.forecast.forecast).toHaveLength(5);
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
    const { body: list } = await json(await fetch(`${server.url}/api/datasets`));
    const seattle = list.datasets.find((d: any) => d.name === 'seattle-weather.csv');
    const started = await json(
      await postJson('/api/trainings', {
        datasetId: seattle.id,
        target: 'temp_max',
        horizonSteps: 3,
        maxEpochs: 2,
        hiddenSize: 4,
      }),
    );
    const { modelId } = await waitForTraining(server.url, started.body.training.id);
    const lines = (await readFile(join(DATASETS, 'seattle-weather.csv'), 'utf8'))
      .split('\n')
      .slice(0, 300)
      .join('\n');
    const form = new FormData();
    form.append('file', new Blob([lines], { type: 'text/csv' }), 'newer.csv');
    const { status, body } = await json(
      await fetch(`${server.url}/api/models/${modelId}/forecast`, { method: 'POST', body: form }),
    );
    expect(status).toBe(200);
    expect(body.forecast.rows[0].time).toBe('2012-10-26');
  });
});

describe('error statuses', () => {
  it('400 with a message per field for a bad training request', async () => {
    const { status, body } = await json(
      await postJson('/api/trainings', { datasetId: 1, target: 'x', horizonSteps: 0, cell: 'transformer' }),
    );
    expect(status).toBe(400);
    expect(Object.keys(body.fields)).toEqual(expect.arrayContaining(['horizonSteps', 'cell']));
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
  });
  it('400 naming line and column for an unparseable upload; nothing is stored', async () => {
    const before = (await json(await fetch(`${server.url}/api/datasets`))).body.datasets.length;
    const { status, body } = await json(
      await upload('bad.csv', 'date,value\n2020-01-01,1\n2020-01-02,2,7\n2020-01-03,2\n'),
    );
    expect(status).toBe(400);
    expect(body.error).toMatch(/bad\.csv, line 3/);
    expect((await json(await fetch(`${server.url}/api/datasets`))).body.datasets.length).toBe(before);
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
  it('an upload named with ../ is stored under its base name and writes no file anywhere', async () => {
    const { status, body } = await json(
      await upload(
        '../../../../tmp/recurrent-escape.csv',
        'date,value\n2020-01-01,1\n2020-01-02,2\n2020-01-03,3\n',
      ),
    );
    expect(status).toBe(201);
    expect(body.dataset.name).toBe('recurrent-escape.csv');
    expect(existsSync('/tmp/recurrent-escape.csv')).toBe(false);
  });
  it('a column named like HTML comes back as data, untouched, and the pages are static', async () => {
    const name = '<img src=x onerror=alert(1)>';
    const { body } = await json(
      await upload('xss.csv', `date,${name}\n2020-01-01,1\n2020-01-02,2\n2020-01-03,3\n`),
    );
    expect(body.dataset.columns.map((c: any) => c.name)).toContain(name);
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
    const stack = (server.app as any).router.stack as {
      route?: { path: string; methods: Record<string, boolean> };
    }[];
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
