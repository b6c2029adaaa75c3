// One model on all series through the API, on the real app and a real SQLite file: the
// all-series request with model "global" starts one training; when it ends, every series
// has a model of its own in the list, tagged with the run, scored on its validation values
// (a global fit holds no test split), and the run opens the first. A store too short for
// the global network is fitted on its own, and its model says why. On hourly data the
// training is an ensemble of a day and a week network, and each meter's stored model
// forecasts by both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allSeriesTrainingsResponseSchema,
  datasetResponseSchema,
  modelDetailSchema,
  modelListResponseSchema,
} from '../../src/server/wire.ts';
import { startTestServer } from '../support/test-server.ts';
import type { TestServer } from '../support/test-server.ts';
import { getJson, waitForTraining } from '../support/wire-json.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

/** Two stores of 150 days, ten-fold apart, and a new one of 20 days. */
function storesCsv(): string {
  const rows = ['date,store,sales'];
  const start = Date.UTC(2024, 0, 1);
  for (const [k, [store, days]] of (
    [
      ['north', 150],
      ['south', 150],
      ['new', 20],
    ] as const
  ).entries())
    for (let d = 0; d < days; d++) {
      const weekly = [0, 2, 3, 3, 4, 9, 7][d % 7]!;
      const value = 10 ** k * (20 + weekly + ((d * 37 + k * 11) % 5));
      rows.push(`${new Date(start + d * 86_400_000).toISOString().slice(0, 10)},${store},${value}`);
    }
  return `${rows.join('\n')}\n`;
}

/** Uploads a long-format file and starts one global training of its target; the finished run. */
async function trainGlobally(
  file: string,
  csv: string,
  settings: { target: string; horizonSteps: number; maxEpochs: number },
) {
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), file);
  const { dataset } = await getJson(
    datasetResponseSchema,
    fetch(`${server.url}/api/datasets`, { method: 'POST', body: form }),
    201,
  );
  const { trainings } = await getJson(
    allSeriesTrainingsResponseSchema,
    fetch(`${server.url}/api/trainings/all-series`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ datasetId: dataset.id, model: 'global', hiddenSize: 4, seed: 7, ...settings }),
    }),
    202,
  );
  expect(trainings).toHaveLength(1);
  return waitForTraining(server.url, trainings[0]!.id, 120_000);
}

describe('a global training through the API', () => {
  it('trains one network for all stores, then lists a model per store tagged with the run', async () => {
    const run = await trainGlobally('stores.csv', storesCsv(), {
      target: 'sales',
      horizonSteps: 7,
      maxEpochs: 4,
    });
    expect(run.status).toBe('succeeded');

    const { models } = await getJson(modelListResponseSchema, fetch(`${server.url}/api/models`));
    const mine = models.filter((m) => m.global?.runId === run.id).sort((a, b) => a.id - b.id);
    expect(mine.map((m) => m.series)).toEqual(['north', 'south', 'new']);
    expect(run.modelId).toBe(mine[0]!.id);
    for (const m of mine.slice(0, 2)) {
      expect(m.global).toEqual({ runId: run.id, seriesCount: 2, scoredOn: 'validation' });
      expect(m.kept).toBe('global gru 1×4 over 2 series');
      expect(m.metrics?.mase).toBeGreaterThan(0);
      const { model, evaluation } = await getJson(
        modelDetailSchema,
        fetch(`${server.url}/api/models/${m.id}`),
      );
      expect(model.series).toBe(m.series);
      expect(evaluation).toBeNull(); // no test split: the score is the validation one
    }
    // North's forecast is on north's scale, south's on south's (ten times more).
    const lastForecast = async (id: number) => {
      const csv = await (await fetch(`${server.url}/api/models/${id}/forecast.csv`)).text();
      return Number(csv.trim().split('\n').at(-1)!.split(',')[1]);
    };
    const ratio = (await lastForecast(mine[1]!.id)) / (await lastForecast(mine[0]!.id));
    expect(ratio).toBeGreaterThan(5);
    expect(ratio).toBeLessThan(20);

    const own = mine[2]!;
    expect(own.global).toEqual({
      runId: run.id,
      seriesCount: 2,
      scoredOn: 'test',
      ownFit: expect.stringMatching(/cannot hold a validation split|values/),
    });
    expect(own.kept).not.toMatch(/^global/);
  }, 180_000);

  it('on hourly meters, stores each meter as the ensemble of a day and a week network, and forecasts from it', async () => {
    const rows = ['time,meter,load'];
    const start = Date.UTC(2024, 0, 1);
    for (const [k, meter] of ['east', 'west'].entries())
      for (let t = 0; t < 24 * 7 * 4; t++) {
        const day = 10 + 5 * Math.sin((2 * Math.PI * (t % 24)) / 24);
        const weekend = Math.floor(t / 24) % 7 >= 5 ? 0.7 : 1;
        rows.push(
          `${new Date(start + t * 3_600_000).toISOString()},${meter},${(10 ** k * day * weekend).toFixed(3)}`,
        );
      }
    const run = await trainGlobally('meters.csv', `${rows.join('\n')}\n`, {
      target: 'load',
      horizonSteps: 24,
      maxEpochs: 2,
    });
    expect(run.status).toBe('succeeded');
    const { models } = await getJson(modelListResponseSchema, fetch(`${server.url}/api/models`));
    const mine = models.filter((m) => m.global?.runId === run.id);
    expect(mine.map((m) => m.kept)).toEqual([
      'median of 2 global networks (m = 24, 168): gru 1×4 over 2 series',
      'median of 2 global networks (m = 24, 168): gru 1×4 over 2 series',
    ]);
    for (const m of mine) {
      const csv = (await (await fetch(`${server.url}/api/models/${m.id}/forecast.csv`)).text()).trim();
      const values = csv
        .split('\n')
        .slice(1)
        .map((line) => Number(line.split(',')[1]));
      expect(values).toHaveLength(24);
      for (const v of values) expect(Number.isFinite(v)).toBe(true);
    }
  }, 180_000);
});
