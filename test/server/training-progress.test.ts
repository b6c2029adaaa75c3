// One progress bar and one duration for a training, through the real app on a real SQLite
// file: auto mode's candidates report the whole fit's fraction, which never goes back; the
// end names the candidate kept; the run's wallMs is its finishedAt − startedAt, the figure
// the runs list and the training page show. And "forecast all series": one training per
// series of a long-format upload, each ending in a model.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allSeriesTrainingsResponseSchema,
  datasetListResponseSchema,
  datasetResponseSchema,
  modelDetailSchema,
  runsResponseSchema,
  trainingResponseSchema,
} from '../../src/server/wire.ts';
import { startTestServer } from '../support/test-server.ts';
import type { TestServer } from '../support/test-server.ts';
import { getJson, readTrainingEvents, waitForTraining } from '../support/wire-json.ts';

let server: TestServer;
let seattleId = 0;
beforeAll(async () => {
  server = await startTestServer();
  const { datasets } = await getJson(datasetListResponseSchema, fetch(`${server.url}/api/datasets`));
  seattleId = datasets.find((d) => d.name === 'seattle-weather.csv')?.id ?? 0;
});
afterAll(async () => {
  await server?.stop();
});

const post = (path: string, body: object) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** Small and seeded: a few epochs of a tiny network, so the test runs in seconds. */
const SMALL = { maxEpochs: 4, patienceEpochs: 100, hiddenSize: 4, seed: 7 };

describe('progress of an auto-mode training', () => {
  it('moves forward across candidates and ends naming the candidate kept', async () => {
    const { training } = await getJson(
      trainingResponseSchema,
      post('/api/trainings', { datasetId: seattleId, target: 'temp_max', horizonSteps: 7, ...SMALL }),
      202,
    );
    const events = await readTrainingEvents(`${server.url}/api/trainings/${training.id}/events`);
    const epochs = events.flatMap((e) => (e.event === 'epoch' ? [e.data] : []));
    const stages = [...new Set(epochs.map((e) => e.stage))];
    expect(stages.length).toBeGreaterThanOrEqual(3); // several candidates, then the refit
    // Each candidate starts again at epoch 1; the fraction does not.
    const fractions = epochs.map((e) => e.fraction);
    expect(fractions.every((f) => f !== undefined && f >= 0 && f <= 1)).toBe(true);
    for (let i = 1; i < fractions.length; i++)
      expect(fractions[i], `epoch event ${i} (${epochs[i]?.stage})`).toBeGreaterThanOrEqual(
        fractions[i - 1]!,
      );
    expect(fractions.at(-1)).toBeGreaterThan(fractions[0]!);
    // The last candidate trained is all four's last: by then the fit is most of the way.
    const lastCandidateEpoch = epochs.filter((e) => e.stage?.startsWith('4/4')).at(-1);
    expect(lastCandidateEpoch?.fraction).toBeGreaterThanOrEqual(0.5);

    const done = events.at(-1);
    if (done?.event !== 'done') throw new Error(`the stream ended with ${done?.event}`);
    expect(done.data.status).toBe('succeeded');
    const { model } = await getJson(
      modelDetailSchema,
      fetch(`${server.url}/api/models/${done.data.modelId}`),
    );
    expect(done.data.kept).toBe(model.leaderboard.kept);
    expect(model.leaderboard.entries.find((e) => e.kept)?.name).toBe(done.data.kept);
    // A late subscriber's replay ends the same way.
    const replay = await readTrainingEvents(`${server.url}/api/trainings/${training.id}/events`);
    expect(replay.at(-1)).toEqual(done);
  });

  it('has one duration: wallMs = finishedAt − startedAt, in the training and the runs list alike', async () => {
    const { training } = await getJson(
      trainingResponseSchema,
      post('/api/trainings', { datasetId: seattleId, target: 'temp_min', horizonSteps: 7, ...SMALL }),
      202,
    );
    const events = await readTrainingEvents(`${server.url}/api/trainings/${training.id}/events`);
    const ended = await waitForTraining(server.url, training.id);
    expect(ended.startedAt).not.toBeNull();
    expect(ended.finishedAt).not.toBeNull();
    expect(ended.wallMs).toBe(Date.parse(ended.finishedAt!) - Date.parse(ended.startedAt!));
    const { runs } = await getJson(runsResponseSchema, fetch(`${server.url}/api/runs`));
    expect(runs.find((r) => r.id === training.id)?.wallMs).toBe(ended.wallMs);
    // The live elapsed time runs on the same clock: never past the end.
    const live = events.flatMap((e) =>
      e.event === 'epoch' && e.data.runElapsedMs !== undefined ? [e.data.runElapsedMs] : [],
    );
    expect(live.length).toBeGreaterThan(0);
    for (const ms of live) expect(ms).toBeLessThanOrEqual(ended.wallMs!);
  });
});

/** Three stores' daily sales in long format, the id column named `series`. */
function threeStores(): string {
  const rows = ['date,series,sales'];
  const start = Date.UTC(2024, 0, 1);
  for (const [k, store] of ['north', 'south', 'east'].entries())
    for (let d = 0; d < 120; d++) {
      const weekly = [0, 2, 3, 3, 4, 9, 7][d % 7]!;
      const value = 20 + 10 * k + (k + 1) * weekly + ((d * 37 + k * 11) % 5);
      rows.push(`${new Date(start + d * 86_400_000).toISOString().slice(0, 10)},${store},${value}`);
    }
  return `${rows.join('\n')}\n`;
}

/** Uploads the three stores' file to `url`; returns the dataset id. */
async function uploadStores(url: string): Promise<number> {
  const form = new FormData();
  form.append('file', new Blob([threeStores()], { type: 'text/csv' }), 'stores.csv');
  const { dataset } = await getJson(
    datasetResponseSchema,
    fetch(`${url}/api/datasets`, { method: 'POST', body: form }),
    201,
  );
  expect(dataset.series).toEqual(['north', 'south', 'east']);
  return dataset.id;
}

describe('forecast all series', () => {
  it('starts one training per series with the same settings, each ending in a model', async () => {
    const dataset = { id: await uploadStores(server.url) };
    const { trainings } = await getJson(
      allSeriesTrainingsResponseSchema,
      post('/api/trainings/all-series', {
        datasetId: dataset.id,
        target: 'sales',
        horizonSteps: 7,
        ...SMALL,
      }),
      202,
    );
    expect(trainings.map((t) => t.series)).toEqual(['north', 'south', 'east']);
    const ended = await Promise.all(trainings.map((t) => waitForTraining(server.url, t.id, 120_000)));
    expect(ended.map((t) => t.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    for (const t of ended) {
      const { model } = await getJson(modelDetailSchema, fetch(`${server.url}/api/models/${t.modelId}`));
      expect(model.series).toBe(t.series);
    }
  });

  it('refuses a dataset of one series, naming the field', async () => {
    const response = await post('/api/trainings/all-series', {
      datasetId: seattleId,
      target: 'temp_max',
      horizonSteps: 7,
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; fields: Record<string, string> };
    expect(body.error).toMatch(/holds one series/);
    expect(body.fields.datasetId).toBe('a dataset of one series');
  });

  it('starts all or none: a queue without room for every series refuses them all (503)', async () => {
    const saved = process.env.RECURRENT_MAX_QUEUED_TRAININGS;
    process.env.RECURRENT_MAX_QUEUED_TRAININGS = '1';
    // One worker and one place in the queue: two of the three series would have to wait.
    const small = await startTestServer({ trainingConcurrency: 1 });
    try {
      const datasetId = await uploadStores(small.url);
      const response = await fetch(`${small.url}/api/trainings/all-series`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ datasetId, target: 'sales', horizonSteps: 7, ...SMALL }),
      });
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('30');
      const { error } = (await response.json()) as { error: string };
      expect(error).toMatch(
        /queue is full for 3 trainings \(2 would wait; at most 1 may, RECURRENT_MAX_QUEUED_TRAININGS\)/,
      );
      const { runs } = await getJson(runsResponseSchema, fetch(`${small.url}/api/runs`));
      expect(runs.filter((r) => r.kind === 'train')).toEqual([]);
    } finally {
      await small.stop();
      if (saved === undefined) delete process.env.RECURRENT_MAX_QUEUED_TRAININGS;
      else process.env.RECURRENT_MAX_QUEUED_TRAININGS = saved;
    }
  });
});
