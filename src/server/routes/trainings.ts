// /api/trainings and /api/runs: start a training (it runs on a worker thread, queued to
// the number of cores), follow it live over server-sent events, cancel it, list runs.
import type { Response } from 'express';
import { z } from 'zod';
import type { Db } from '../../store/db.ts';
import { getRun, listRuns } from '../../store/runs.ts';
import type { RunRow } from '../../store/runs.ts';
import type { DatasetService } from '../dataset-service.ts';
import { HttpError, notFound, parseInput } from '../http-error.ts';
import { idParam, requireBody } from '../route.ts';
import type { ApiRoute } from '../route.ts';
import type { TrainingEvent, TrainingQueue } from '../training-queue.ts';

const positiveInt = (max: number) => z.number().int().min(1).max(max);

export const trainingRequestSchema = z
  .object({
    datasetId: positiveInt(Number.MAX_SAFE_INTEGER),
    target: z.string().min(1),
    series: z.string().optional(),
    time: z.string().min(1).optional(),
    features: z.array(z.string().min(1)).max(50).optional(),
    horizonSteps: positiveInt(1000),
    windowLength: z.number().int().min(2).max(512).optional(),
    seasonLength: positiveInt(10_000).optional(),
    cell: z.enum(['rnn', 'lstm', 'gru']).optional(),
    hiddenSize: positiveInt(512).optional(),
    layers: positiveInt(3).optional(),
    maxEpochs: positiveInt(10_000).optional(),
    patienceEpochs: positiveInt(1000).optional(),
    seed: z.number().int().min(0).optional(),
    learningRate: z.number().positive().max(1).optional(),
    batchSize: positiveInt(4096).optional(),
  })
  .strict();

export function trainingJson(run: RunRow): object {
  return {
    id: run.id,
    status: run.status,
    datasetId: run.datasetId,
    modelId: run.modelId,
    target: run.target,
    series: run.series,
    error: run.error,
    history: run.history,
    createdAt: run.queuedAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    wallMs: run.wallMs,
  };
}

function runJson(run: RunRow): object {
  return {
    id: run.id,
    kind: run.kind,
    status: run.status,
    datasetId: run.datasetId,
    modelId: run.modelId,
    target: run.target,
    series: run.series,
    job: run.job,
    queuedAt: run.queuedAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    wallMs: run.wallMs,
    peakMemoryMb: run.peakMemoryMb,
    error: run.error,
  };
}

export function trainingRoutes(db: Db, datasets: DatasetService, queue: TrainingQueue): ApiRoute[] {
  const trainingRun = (id: number): RunRow => {
    const run = getRun(db, id);
    if (!run || run.kind !== 'train') throw notFound(`training ${id}`);
    return run;
  };
  return [
    {
      method: 'post',
      path: '/api/trainings',
      summary: 'Start training a model on a dataset (runs on a worker thread)',
      body: 'json',
      responses: {
        202: 'queued or running',
        400: 'invalid request (messages per field)',
        404: 'no such dataset',
        415: 'not JSON',
      },
      handlers: [
        requireBody('json'),
        (req, res) => {
          const body = parseInput(trainingRequestSchema, req.body, 'training request');
          const columns = datasets.get(body.datasetId).report.columns;
          for (const [field, name] of [
            ['target', body.target],
            ...(body.features ?? []).map((f) => ['features', f] as const),
          ] as const) {
            const column = columns.find((c) => c.name === name);
            if (!column || column.type !== 'number')
              throw new HttpError(
                400,
                `${field}: "${name}" is not a numeric column of dataset ${body.datasetId}`,
                { [field]: 'not a numeric column' },
              );
          }
          const run = queue.submit({
            datasetId: body.datasetId,
            ingest: {
              target: body.target,
              time: body.time,
              features: body.features ?? [],
              series: body.series,
            },
            options: {
              horizonSteps: body.horizonSteps,
              features: body.features ?? [],
              windowLength: body.windowLength,
              seasonLength: body.seasonLength,
              network: Object.fromEntries(
                Object.entries({ cell: body.cell, hiddenSize: body.hiddenSize, layers: body.layers }).filter(
                  ([, v]) => v !== undefined,
                ),
              ),
              training: Object.fromEntries(
                Object.entries({
                  maxEpochs: body.maxEpochs,
                  patienceEpochs: body.patienceEpochs,
                  seed: body.seed,
                  learningRate: body.learningRate,
                  batchSize: body.batchSize,
                }).filter(([, v]) => v !== undefined),
              ),
            },
          });
          res.status(202).json({ training: trainingJson(run) });
        },
      ],
    },
    {
      method: 'get',
      path: '/api/trainings/:id',
      summary: 'A training: status, loss history, model id when done',
      responses: { 200: 'the training', 404: 'no such training' },
      handlers: [
        (req, res) => {
          res.json({ training: trainingJson(trainingRun(idParam(req))) });
        },
      ],
    },
    {
      method: 'get',
      path: '/api/trainings/:id/events',
      summary:
        'Live progress as server-sent events (epoch, status, done, failed); past epochs are replayed first',
      produces: 'text/event-stream',
      responses: { 200: 'an event stream', 404: 'no such training' },
      handlers: [
        (req, res) => {
          streamTraining(res, trainingRun(idParam(req)), queue, () => trainingRun(idParam(req)));
        },
      ],
    },
    {
      method: 'post',
      path: '/api/trainings/:id/cancel',
      summary: 'Cancel a training; the best weights so far are kept as a model',
      responses: { 202: 'cancelling', 404: 'no such training' },
      handlers: [
        (req, res) => {
          res.status(202).json({ training: trainingJson(queue.cancel(idParam(req))) });
        },
      ],
    },
    {
      method: 'get',
      path: '/api/runs',
      summary: 'Training and batch runs, newest first, with status and timings',
      responses: { 200: 'the runs' },
      handlers: [
        (_req, res) => {
          res.json({ runs: listRuns(db).map(runJson) });
        },
      ],
    },
  ];
}

function send(res: Response, event: string, data: unknown): void {
  res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

function streamTraining(res: Response, run: RunRow, queue: TrainingQueue, reload: () => RunRow): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
  });
  const ended = (status: RunRow['status'], latest: RunRow) => {
    if (status === 'failed') send(res, 'failed', { error: latest.error });
    else send(res, 'done', { status, modelId: latest.modelId });
    res.end();
  };
  const live = queue.subscribe(run.id, (event: TrainingEvent) => {
    if (event.type === 'epoch') send(res, 'epoch', event.progress);
    else if (event.type === 'status') send(res, 'status', { status: event.status });
    else {
      live?.unsubscribe();
      if (event.type === 'failed') send(res, 'failed', { error: event.error });
      else send(res, 'done', { status: event.status, modelId: event.modelId });
      res.end();
    }
  });
  if (!live) {
    // Finished before this subscriber came: replay the record and close.
    for (const epoch of run.history) send(res, 'epoch', epoch);
    const latest = reload();
    if (['succeeded', 'failed', 'cancelled'].includes(latest.status)) ended(latest.status, latest);
    else res.end();
    return;
  }
  send(res, 'status', { status: reload().status });
  for (const progress of live.past) send(res, 'epoch', progress);
  res.on('close', () => live.unsubscribe());
}
