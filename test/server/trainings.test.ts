// Trainings on worker threads: live progress over SSE, cancellation that keeps the best
// weights, a queue sized to the cores, a server that keeps answering meanwhile, and a
// restart that keeps every dataset and model (a real SQLite file).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, startTestServer, waitForTraining } from '../support/test-server.ts';
import type { TestServer } from '../support/test-server.ts';

let server: TestServer;
let seattleId = 0;
let sp500Id = 0;
beforeAll(async () => {
  server = await startTestServer();
  const { body } = await json(await fetch(`${server.url}/api/datasets`));
  seattleId = body.datasets.find((d: any) => d.name === 'seattle-weather.csv').id;
  sp500Id = body.datasets.find((d: any) => d.name === 'sp500-2000.csv').id;
});
afterAll(async () => {
  await server.stop();
});

const startTraining = async (body: object) =>
  (
    await json(
      await fetch(`${server.url}/api/trainings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    )
  ).body.training;

/** Reads an SSE stream to its end, returning the events. */
async function readEvents(url: string): Promise<{ event: string; data: any }[]> {
  const text = await (await fetch(url)).text();
  return text
    .trim()
    .split('\n\n')
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)![1]!;
      return { event, data: JSON.parse(/^data: (.*)$/m.exec(block)![1]!) };
    });
}

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
    const events = await readEvents(`${server.url}/api/trainings/${training.id}/events`);
    // Three RNN candidates (auto mode), four epochs each, each labelled with its stage, then
    // the kept candidate's refit on all the data under a stage of its own.
    const epochs = events
      .filter((e) => e.event === 'epoch')
      .map((e) => `${e.data.stage.slice(0, 3)} ${e.data.epoch}`);
    const perCandidate = ['1/3', '2/3', '3/3'].flatMap((c) => [1, 2, 3, 4].map((k) => `${c} ${k}`));
    expect(epochs.slice(0, 12)).toEqual(perCandidate);
    expect(epochs.slice(12).every((e) => e.startsWith('ref'))).toBe(true);
    const done = events.at(-1)!;
    expect(done.event).toBe('done');
    expect(done.data.modelId).toBeGreaterThan(0);
    const replay = await readEvents(`${server.url}/api/trainings/${training.id}/events`);
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
    const { body } = await json(await fetch(`${server.url}/api/models/${ended.modelId}`));
    expect(body.model.training.stoppedBy).toBe('cancelled');
    expect(body.model.training.history.length).toBeLessThan(500);
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
    const runs = (await json(await fetch(`${server.url}/api/runs`))).body.runs;
    for (const t of trainings) expect(runs.find((r: any) => r.id === t.id).wallMs).toBeGreaterThan(0);
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
    const uploaded = (await json(await fetch(`${server.url}/api/datasets`, { method: 'POST', body: form })))
      .body.dataset;
    const models = (await json(await fetch(`${server.url}/api/models`))).body.models;
    expect(models.length).toBeGreaterThan(0);
    await server.stop();
    server = await startTestServer({ dbPath: server.dbPath });
    const datasets = (await json(await fetch(`${server.url}/api/datasets`))).body.datasets;
    expect(datasets.filter((d: any) => d.source === 'bundled')).toHaveLength(5);
    expect(datasets.find((d: any) => d.id === uploaded.id)?.name).toBe('kept.csv');
    const after = (await json(await fetch(`${server.url}/api/models`))).body.models;
    expect(after.map((m: any) => m.id)).toEqual(models.map((m: any) => m.id));
    const forecast = await fetch(`${server.url}/api/models/${after[0].id}/forecast`, { method: 'POST' });
    expect(forecast.status).toBe(200);
  });
});
