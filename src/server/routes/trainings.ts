// /api/trainings and /api/runs: start a training (it runs on a worker thread, queued to
// the number of cores), follow it live over server-sent events, cancel it, list runs.
import type { Response } from 'express';
import { z } from 'zod';
import {
  forecastSettingsFields,
  settingsToForecastOptions,
  SETTINGS_AUTO_DEFAULTS,
} from '../../forecaster.ts';
import type { Db } from '../../store/db.ts';
import { modelFileText } from '../../store/models.ts';
import { getRun, listRuns } from '../../store/runs.ts';
import type { RunRow } from '../../store/runs.ts';
import type { DatasetService } from '../dataset-service.ts';
import { HttpError, notFound, parseInput } from '../http-error.ts';
import { toJsonSchema } from '../json-schema.ts';
import { rateLimit } from '../rate-limit.ts';
import { idParam, requireBody } from '../route.ts';
import type { ApiRoute } from '../route.ts';
import { serverLimitsFromEnv } from '../server-limits.ts';
import { StorageQuota } from '../storage-quota.ts';
import type { TrainingEvent } from '../training-events.ts';
import type { TrainingQueue } from '../training-queue.ts';
import { allSeriesTrainingsResponseSchema, runsResponseSchema, trainingResponseSchema } from '../wire.ts';
import type { RunsResponse, TrainingEventData, TrainingEventName } from '../wire.ts';
import { runJson, trainingJson } from '../run-json.ts';

/** Which data to train on, then the forecast settings of the one schema, under their own names. */
const trainingRequestSchema = z
  .object({
    datasetId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).describe('the dataset to train on'),
    target: z.string().min(1).describe('column to forecast'),
    series: z.string().optional().describe('series id of a long-format file'),
    time: z.string().min(1).optional().describe('time column (detected when absent)'),
    ...forecastSettingsFields,
  })
  .strict();

/** The same request for every series of a long-format dataset: no `series`; one model each, or one for all. */
const allSeriesRequestSchema = trainingRequestSchema.omit({ series: true }).extend({
  model: z
    .enum(['per-series', 'global'])
    .optional()
    .describe('per-series (default): one training per series; global: one network trained on all of them'),
});

/** What the queue needs to train one series of the request's dataset. */
function queueRequest(
  { model, ...body }: z.infer<typeof allSeriesRequestSchema>,
  series: string | undefined,
): Parameters<TrainingQueue['submit']>[0] {
  return {
    ...(model === 'global' ? { global: true } : {}),
    datasetId: body.datasetId,
    ingest: {
      target: body.target,
      time: body.time,
      features: body.features ?? [],
      ...(body.future ? { future: body.future } : {}),
      series,
    },
    options: settingsToForecastOptions(body),
  };
}

export function trainingRoutes(db: Db, datasets: DatasetService, queue: TrainingQueue): ApiRoute[] {
  const trainingRun = (id: number): RunRow => {
    const run = getRun(db, id);
    if (!run || run.kind !== 'train') throw notFound(`training ${id}`);
    return run;
  };
  const limits = serverLimitsFromEnv();
  const trainingRate = rateLimit('trainings', limits.trainingsPerMinute);
  const quota = new StorageQuota(db, limits.storageQuotaBytes);
  /** The target and features must be numeric columns of the dataset: 400 naming the field otherwise. */
  const requireNumericColumns = (body: z.infer<typeof allSeriesRequestSchema>): void => {
    const columns = datasets.get(body.datasetId).report.columns;
    for (const [field, name] of [
      ['target', body.target],
      ...(body.features ?? []).map((f) => ['features', f] as const),
      ...(body.future ?? []).map((f) => ['future', f] as const),
    ] as const) {
      const column = columns.find((c) => c.name === name);
      if (!column || column.type !== 'number')
        throw new HttpError(400, `${field}: "${name}" is not a numeric column of dataset ${body.datasetId}`, {
          [field]: 'not a numeric column',
        });
    }
  };
  return [
    {
      method: 'post',
      path: '/api/trainings',
      summary: 'Start training a model on a dataset (runs on a worker thread)',
      body: 'json',
      bodySchema: toJsonSchema(trainingRequestSchema, { defaults: SETTINGS_AUTO_DEFAULTS }),
      responses: {
        202: 'queued or running',
        400: 'invalid request (messages per field)',
        404: 'no such dataset',
        415: 'not JSON',
        429: 'too many trainings from this client (Retry-After says when to retry)',
        503: 'the training queue is full (Retry-After says when to retry)',
        507: 'the storage quota is full: the model could not be stored',
      },
      responseSchema: trainingResponseSchema,
      handlers: [
        trainingRate,
        requireBody('json'),
        (req, res) => {
          const body = parseInput(trainingRequestSchema, req.body, 'training request');
          quota.requireRoom('a training');
          requireNumericColumns(body);
          const run = queue.submit(queueRequest(body, body.series));
          res.status(202).json({ training: trainingJson(run) });
        },
      ],
    },
    {
      method: 'post',
      path: '/api/trainings/all-series',
      summary:
        'Start one training per series of a long-format dataset, with the same settings (all start, or none when the queue has no room for them all); with model "global", one training of one network on all the series',
      body: 'json',
      bodySchema: toJsonSchema(allSeriesRequestSchema, { defaults: SETTINGS_AUTO_DEFAULTS }),
      responses: {
        202: 'one training per series (one in all with model "global"), queued or running',
        400: 'invalid request (messages per field), or a dataset of one series',
        404: 'no such dataset',
        415: 'not JSON',
        429: 'too many trainings from this client (Retry-After says when to retry)',
        503: 'the training queue has no room for them all (Retry-After says when to retry)',
        507: 'the storage quota is full: the models could not be stored',
      },
      responseSchema: allSeriesTrainingsResponseSchema,
      handlers: [
        trainingRate,
        requireBody('json'),
        (req, res) => {
          const body = parseInput(allSeriesRequestSchema, req.body, 'training request');
          quota.requireRoom('the trainings');
          requireNumericColumns(body);
          const ids = datasets.get(body.datasetId).report.series.map((s) => s.id);
          if (ids.length < 2)
            throw new HttpError(
              400,
              `dataset ${body.datasetId} holds one series: start a single training (POST /api/trainings) instead`,
              { datasetId: 'a dataset of one series' },
            );
          const runs =
            body.model === 'global'
              ? [queue.submit(queueRequest(body, undefined))]
              : queue.submitAll(ids.map((id) => queueRequest(body, id)));
          res.status(202).json({
            trainings: runs.map((run) => ({ ...trainingJson(run), series: run.series ?? '' })),
          });
        },
      ],
    },
    {
      method: 'get',
      path: '/api/trainings/:id',
      summary: 'A training: status, loss history, model id when done',
      responses: { 200: 'the training', 404: 'no such training' },
      responseSchema: trainingResponseSchema,
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
          streamTraining(
            res,
            trainingRun(idParam(req)),
            queue,
            () => trainingRun(idParam(req)),
            (id) => keptOf(db, id),
          );
        },
      ],
    },
    {
      method: 'post',
      path: '/api/trainings/:id/cancel',
      summary: 'Cancel a training; the best weights so far are kept as a model',
      responses: { 202: 'cancelling', 404: 'no such training' },
      responseSchema: trainingResponseSchema,
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
      responseSchema: runsResponseSchema,
      handlers: [
        (_req, res) => {
          res.json({ runs: listRuns(db).map(runJson) } satisfies RunsResponse);
        },
      ],
    },
  ];
}

function send<K extends TrainingEventName>(res: Response, event: K, data: TrainingEventData[K]): void {
  res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/** The candidate a stored model kept, from its model file's leaderboard; null when unreadable. */
function keptOf(db: Db, modelId: number | null): string | null {
  if (modelId === null) return null;
  try {
    const json = JSON.parse(modelFileText(db, modelId) ?? 'null') as {
      leaderboard?: { kept?: unknown };
    } | null;
    const kept = json?.leaderboard?.kept;
    return typeof kept === 'string' ? kept : null;
  } catch {
    return null;
  }
}

function streamTraining(
  res: Response,
  run: RunRow,
  queue: TrainingQueue,
  reload: () => RunRow,
  keptOfModel: (modelId: number | null) => string | null,
): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
  });
  const ended = (status: RunRow['status'], latest: RunRow) => {
    if (status === 'failed') send(res, 'failed', { error: latest.error });
    else send(res, 'done', { status, modelId: latest.modelId, kept: keptOfModel(latest.modelId) });
    res.end();
  };
  const live = queue.subscribe(run.id, (event: TrainingEvent) => {
    if (event.type === 'epoch') send(res, 'epoch', event.progress);
    else if (event.type === 'status') send(res, 'status', { status: event.status });
    else {
      live?.unsubscribe();
      if (event.type === 'failed') send(res, 'failed', { error: event.error });
      else send(res, 'done', { status: event.status, modelId: event.modelId, kept: event.kept });
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
