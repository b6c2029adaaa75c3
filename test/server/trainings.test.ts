// Trainings on worker threads: live progress over SSE, cancellation that keeps the best
// weights, a queue sized to the cores, a server that keeps answering meanwhile, and a
// restart that keeps every dataset and model (a real SQLite file). Bodies and events are
// parsed with the wire contract (src/server/wire.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  datasetListResponseSchema,
  datasetResponseSchema,
  forecastResponseSchema,
  modelDetailSchema,
  modelListResponseSchema,
  runsResponseSchema,
  trainingResponseSchema,
} from '../../src/server/wire.ts';
import type { Training } from '../../src/server/wire.ts';
import { startTestServer } from '../support/test-server.ts';
import type { TestServer } from '../support/test-server.ts';
import { getJson, readTrainingEvents, waitForTraining } from '../support/wire-json.ts';

let server: TestServer;
let seattleId = 0;
let sp500Id = 0;
beforeAll(async () => {
  server = await startTestServer();
  const { datasets } = await getJson(datasetListResponseSchema, fetch(`${server.url}/api/datasets`));
  const idOf = (name: string) => datasets.find((d) => d.name === name)?.id ?? 0;
  seattleId = idOf('seattle-weather.csv');
  sp500Id = idOf('sp500-2000.csv');
});
afterAll(async () => {
  await server.stop();
});

const startTraining = async (body: object): Promise<Training> =>
  (
    await getJson(
      trainingResponseSchema,
      fetch(`${server.url}/api/trainings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
      202,
    )
  ).training;

describe('trainings', () => {
  it('streams every epoch over SSE, then done with the model id; late subscribers get the replay', async () => {
    const training = await startTraining({
      datasetId: seattleId,
      target: 'temp_max',
      horizonSteps: 3,
      maxEpochs: 4,
      patienceEpochs: 100,
      hiddenSize: 8,
    });
    const events = await readTrainingEvents(`${server.url}/api/trainings/${training.id}/events`);
    // Four RNN candidates (auto mode's three scalers, and the calendar it tries on daily data),
    // four epochs each, each labelled with its stage, then the kept candidate's refit on all
    // the data under a stage of its own.
    const epochs = events.flatMap((e) =>
      e.event === 'epoch' ? [`${e.data.stage?.slice(0, 3)} ${e.data.epoch}`] : [],
    );
    const perCandidate = ['1/4', '2/4', '3/4', '4/4'].flatMap((c) => [1, 2, 3, 4].map((k) => `${c} ${k}`));
    expect(epochs.slice(0, 16)).toEqual(perCandidate);
    expect(epochs.slice(16).every((e) => e.startsWith('ref'))).toBe(true);
    const done = events.at(-1);
    expect(done?.event).toBe('done');
    expect(done?.event === 'done' && done.data.modelId).toBeGreaterThan(0);
    const replay = await readTrainingEvents(`${server.url}/api/trainings/${training.id}/events`);
    expect(replay.filter((e) => e.event === 'epoch')).toHaveLength(epochs.length);
    expect(replay.at(-1)).toEqual(done);
  });

  it('cancel stops training and keeps the best weights as a model', async () => {
    const training = await startTraining({
      datasetId: sp500Id,
      target: 'close',
      horizonSteps: 5,
      maxEpochs: 500,
      patienceEpochs: 500,
      hiddenSize: 32,
    });
    const stream = await fetch(`${server.url}/api/trainings/${training.id}/events`);
    const reader = stream.body!.getReader();
    let seen = '';
    while (!seen.includes('event: epoch')) seen += new TextDecoder().decode((await reader.read()).value);
    expect(
      (await fetch(`${server.url}/api/trainings/${training.id}/cancel`, { method: 'POST' })).status,
    ).toBe(202);
    await reader.cancel();
    const ended = await waitForTraining(server.url, training.id);
    expect(ended.status).toBe('cancelled');
    expect(ended.modelId).toBeGreaterThan(0);
    const body = await getJson(modelDetailSchema, fetch(`${server.url}/api/models/${ended.modelId}`));
    expect(body.model.training?.stoppedBy).toBe('cancelled');
    expect(body.model.training?.history.length).toBeLessThan(500);
  });

  it('queues trainings to the number of workers and keeps answering meanwhile (< 200 ms)', async () => {
    const body = {
      datasetId: sp500Id,
      target: 'close',
      horizonSteps: 5,
      maxEpochs: 4,
      patienceEpochs: 100,
      hiddenSize: 32,
    };
    const trainings = [await startTraining(body), await startTraining(body), await startTraining(body)];
    expect(trainings.map((t) => t.status)).toEqual(['running', 'running', 'queued']);
    let worst = 0;
    for (let i = 0; i < 10; i++) {
      const started = performance.now();
      expect((await fetch(`${server.url}/api/datasets`)).status).toBe(200);
      worst = Math.max(worst, performance.now() - started);
      await new Promise((r) => setTimeout(r, 30));
    }
    expect(worst).toBeLessThan(200);
    const ended = await Promise.all(trainings.map((t) => waitForTraining(server.url, t.id)));
    expect(ended.map((t) => t.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    const { runs } = await getJson(runsResponseSchema, fetch(`${server.url}/api/runs`));
    for (const t of trainings) expect(runs.find((r) => r.id === t.id)?.wallMs).toBeGreaterThan(0);
  });
});

describe('restart', () => {
  it('a new app on the same SQLite file keeps datasets and models', async () => {
    const form = new FormData();
    form.append(
      'file',
      new Blob(['date,v\n2020-01-01,1\n2020-01-02,2\n2020-01-03,4\n'], { type: 'text/csv' }),
      'kept.csv',
    );
    const uploaded = (
      await getJson(
        datasetResponseSchema,
        fetch(`${server.url}/api/datasets`, { method: 'POST', body: form }),
        201,
      )
    ).dataset;
    const listModels = async () =>
      (await getJson(modelListResponseSchema, fetch(`${server.url}/api/models`))).models;
    const models = await listModels();
    expect(models.length).toBeGreaterThan(0);
    await server.stop();
    server = await startTestServer({ dbPath: server.dbPath });
    const { datasets } = await getJson(datasetListResponseSchema, fetch(`${server.url}/api/datasets`));
    expect(datasets.filter((d) => d.source === 'bundled')).toHaveLength(5);
    expect(datasets.find((d) => d.id === uploaded.id)?.name).toBe('kept.csv');
    const after = await listModels();
    expect(after.map((m) => m.id)).toEqual(models.map((m) => m.id));
    await getJson(
      forecastResponseSchema,
      fetch(`${server.url}/api/models/${after[0]?.id}/forecast`, { method: 'POST' }),
    );
  });
});
