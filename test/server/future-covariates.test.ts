// Known-future columns through the API, on a real server and SQLite file: a dataset whose
// last rows give next week's promotions (sales left empty) trains with `future: [promo]`,
// and the model forecasts from them; the same model asked to forecast a file without them
// is a 400 naming the column and the first missing day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  datasetResponseSchema,
  forecastResponseSchema,
  modelDetailSchema,
  trainingResponseSchema,
} from '../../src/server/wire.ts';
import { createRandom } from '../../src/rnn/random.ts';
import { startTestServer } from '../support/test-server.ts';
import type { TestServer } from '../support/test-server.ts';
import { getJson, waitForTraining } from '../support/wire-json.ts';

const N = 200;
const H = 7;
const day = (t: number) => new Date(Date.UTC(2024, 0, 1) + t * 86_400_000).toISOString().slice(0, 10);

let server: TestServer;
let history = '';
let withFuture = '';
beforeAll(async () => {
  server = await startTestServer();
  const random = createRandom(5);
  const promo = Array.from({ length: N + H }, () => Math.round(random.uniform(0, 3)));
  const rows = promo.map((p, t) => `${day(t)},${(20 + 5 * p + random.normal()).toFixed(2)},${p}`);
  history = ['date,sales,promo', ...rows.slice(0, N)].join('\n');
  const ahead = promo.slice(N).map((p, k) => `${day(N + k)},,${p}`);
  withFuture = [history, ...ahead].join('\n');
});
afterAll(async () => {
  await server.stop();
});

async function upload(name: string, content: string): Promise<number> {
  const form = new FormData();
  form.append('file', new Blob([content], { type: 'text/csv' }), name);
  const { dataset } = await getJson(
    datasetResponseSchema,
    fetch(`${server.url}/api/datasets`, { method: 'POST', body: form }),
    201,
  );
  return dataset.id;
}

describe('a known-future column through the API', () => {
  it('trains on the history, forecasts from the future rows, and refuses a file without them', async () => {
    const datasetId = await upload('promo.csv', withFuture);
    const { training } = await getJson(
      trainingResponseSchema,
      fetch(`${server.url}/api/trainings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          datasetId,
          target: 'sales',
          horizonSteps: H,
          future: ['promo'],
          candidates: ['rnn'],
          maxEpochs: 10,
        }),
      }),
      202,
    );
    const done = await waitForTraining(server.url, training.id, 120_000);
    expect(done.status, done.error ?? '').toBe('succeeded');
    const modelId = done.modelId!;
    // The model page reads which columns are known in the future from the model's config.
    const detail = await getJson(modelDetailSchema, fetch(`${server.url}/api/models/${modelId}`));
    expect(detail.model.config.futureFeatures).toEqual(['promo']);
    const forecastFrom = (body: RequestInit['body'], headers: Record<string, string> = {}) =>
      fetch(`${server.url}/api/models/${modelId}/forecast`, { method: 'POST', headers, body });
    const own = await getJson(
      forecastResponseSchema,
      forecastFrom('{}', { 'content-type': 'application/json' }),
    );
    expect(own.forecast.rows.map((r) => r.time.slice(0, 10))).toEqual(
      Array.from({ length: H }, (_, k) => day(N + k)),
    );
    const form = new FormData();
    form.append('file', new Blob([history], { type: 'text/csv' }), 'history.csv');
    const refused = await forecastFrom(form);
    expect(refused.status).toBe(400);
    const { error } = (await refused.json()) as { error: string };
    expect(error).toContain(`column "promo": no known-future value for ${day(N)}`);
  });
});
