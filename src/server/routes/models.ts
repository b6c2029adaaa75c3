// /api/models: trained models with their evaluation, the chart data (one-step fitted
// values from actuals, split bands, the naive overlay and the future forecast with its
// intervals), forecasting again — from the stored dataset or a new CSV — and downloads.
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { forecast, forecastCsv, forecastRows, forecastSettingsFields } from '../../forecaster.ts';
import type { TimeSeries } from '../../forecaster.ts';
import type { Db } from '../../store/db.ts';
import { insertForecast } from '../../store/forecasts.ts';
import { listModels } from '../../store/models.ts';
import { trainingWallMs } from '../../store/runs.ts';
import type { DatasetService } from '../dataset-service.ts';
import { traceWindow } from '../downsample.ts';
import { HttpError, parseInput } from '../http-error.ts';
import { toJsonSchema } from '../json-schema.ts';
import { modelDetailJson, modelListJson } from '../model-json.ts';
import type { ModelService } from '../model-service.ts';
import { singleFileUpload } from '../multipart-upload.ts';
import { rateLimit } from '../rate-limit.ts';
import { idParam, numberQuery, requireBody } from '../route.ts';
import type { ApiRoute } from '../route.ts';
import { forecastFileName } from '../forecast-file-name.ts';
import { serverLimitsFromEnv } from '../server-limits.ts';
import {
  forecastResponseSchema,
  modelChartSchema,
  modelDetailSchema,
  modelListResponseSchema,
} from '../wire.ts';
import type { ForecastResponse, ModelChart, ModelListResponse } from '../wire.ts';
import { pointsQuery } from '../points-query.ts';

// `steps` is a horizon, with the settings schema's limits (the name predates the schema);
// a model forecasts at most the horizon it was calibrated for, checked per model below.
const forecastRequestSchema = z
  .object({
    steps: forecastSettingsFields.horizonSteps
      .optional()
      .describe("steps ahead, at most the model's horizonSteps (its intervals are calibrated that far)"),
    datasetId: z.number().int().min(1).optional().describe('forecast from this dataset instead'),
  })
  .strict();

function intervalsQuery(value: unknown): 'both' | 'legacy' {
  if (value === undefined || value === 'both') return 'both';
  if (value === 'legacy') return 'legacy';
  throw new HttpError(400, `intervals: use both or legacy, got ${JSON.stringify(value)}`, {
    intervals: 'both or legacy',
  });
}

/** Runs a multipart parser only for multipart requests: JSON ones skip it entirely. */
function onlyMultipart(parser: RequestHandler): RequestHandler {
  return (req, res, next) => {
    if (req.is('multipart/form-data')) parser(req, res, next);
    else next();
  };
}

export function modelRoutes(
  db: Db,
  datasets: DatasetService,
  models: ModelService,
  uploadLimitBytes: number,
): ApiRoute[] {
  const upload = singleFileUpload('file', uploadLimitBytes);
  // A new CSV sent with a forecast is ingested like an upload, so it counts as one.
  const uploadRate = rateLimit('uploads', serverLimitsFromEnv().uploadsPerMinute);

  /** The series to forecast from: a new CSV, another stored dataset, or the model's own. */
  const forecastSource = async (
    id: number,
    file: Express.Multer.File | undefined,
    datasetId: number | undefined,
  ): Promise<TimeSeries> => {
    const { row } = models.load(id);
    const ingest = row.summary.ingest;
    if (file) {
      // On a worker, as dataset uploads are: a large CSV must not hold the event loop.
      const { series } = await datasets.ingestBytes(file.buffer, {
        file: file.originalname,
        target: ingest.target,
        time: ingest.time,
        features: ingest.features,
        // A model with known-future columns reads their values from rows past the history.
        ...(ingest.future ? { future: ingest.future } : {}),
      });
      const chosen = series.length === 1 ? series[0] : series.find((s) => s.id === ingest.series);
      if (!chosen)
        throw new HttpError(400, `the file holds ${series.length} series and none is "${ingest.series}"`, {
          file: 'no matching series',
        });
      return chosen;
    }
    if (datasetId !== undefined) return datasets.series(datasetId, ingest);
    return models.series(id);
  };

  return [
    {
      method: 'get',
      path: '/api/models',
      summary: 'Trained models with their test-split metrics',
      responses: { 200: 'the models' },
      responseSchema: modelListResponseSchema,
      handlers: [
        (_req, res) => {
          res.json({ models: listModels(db).map(modelListJson) } satisfies ModelListResponse);
        },
      ],
    },
    {
      method: 'get',
      path: '/api/models/:id',
      summary: 'A model: config, training history and evaluation beside the baselines',
      responses: { 200: 'the model', 404: 'no such model' },
      responseSchema: modelDetailSchema,
      handlers: [
        (req, res) => {
          const { row, model } = models.load(idParam(req));
          res.json(modelDetailJson(row, model, trainingWallMs(db, row.id)));
        },
      ],
    },
    {
      method: 'get',
      path: '/api/models/:id/chart',
      summary:
        'Chart data: one-step fitted values (predictNext) with the naive overlay, split bands, and the forecast with 80/95 % bands',
      query: { from: 'start, epoch ms', to: 'end, epoch ms', points: 'most points per trace' },
      responses: { 200: 'the chart data', 404: 'no such model', 409: "the model's dataset was deleted" },
      responseSchema: modelChartSchema,
      handlers: [
        async (req, res) => {
          const id = idParam(req);
          const { model } = models.load(id);
          const [fitted, series] = await Promise.all([models.fitted(id), models.series(id)]);
          const points = pointsQuery(req),
            from = numberQuery(req, 'from'),
            to = numberQuery(req, 'to');
          const actual = traceWindow(fitted.time, fitted.actual, points, from, to);
          const predicted = traceWindow(fitted.time, fitted.predicted, points, from, to);
          // Naive "tomorrow = today": the actual one step earlier.
          const previous = series.values.subarray(fitted.start - 1, series.values.length - 1);
          const naive = traceWindow(fitted.time, previous, points, from, to);
          const t = series.time;
          const last = t[t.length - 1];
          if (last === undefined) throw new Error(`model ${id} was fitted on a series with no rows`);
          const band = ([a, b]: [number, number]): [number, number] => [
            t[a] ?? last,
            t[Math.max(a, b - 1)] ?? last,
          ];
          const future = forecast(model, series);
          res.json({
            fitted: { kind: fitted.kind, actual, predicted, naive, downsampled: actual.downsampled },
            splits: {
              train: band(fitted.split.train),
              validation: band(fitted.split.validation),
              test: band(fitted.split.test),
            },
            forecast: {
              kind: future.kind,
              time: Array.from(future.time),
              forecast: Array.from(future.forecast),
              lower80: Array.from(future.lower80),
              upper80: Array.from(future.upper80),
              lower95: Array.from(future.lower95),
              upper95: Array.from(future.upper95),
            },
          } satisfies ModelChart);
        },
      ],
    },
    {
      method: 'post',
      path: '/api/models/:id/forecast',
      summary:
        'Forecast with a model: from its own dataset, another dataset (datasetId), or a new CSV (multipart "file")',
      body: 'json-or-multipart',
      bodySchema: toJsonSchema(forecastRequestSchema),
      responses: {
        200: 'the forecast rows',
        400: "invalid request or data, or more steps than the model's horizon",
        404: 'no such model',
        409: "the model's dataset was deleted",
        413: 'file too large',
        415: 'neither JSON nor multipart',
        429: 'too many uploads from this client (Retry-After says when to retry)',
      },
      responseSchema: forecastResponseSchema,
      handlers: [
        requireBody('json-or-multipart', true),
        onlyMultipart(uploadRate),
        onlyMultipart(upload),
        async (req, res) => {
          const id = idParam(req);
          const fields = req.is('multipart/form-data')
            ? { steps: req.body?.steps === undefined ? undefined : Number(req.body.steps) }
            : (req.body ?? {});
          const body = parseInput(forecastRequestSchema, fields, 'forecast request');
          const { horizonSteps } = models.load(id).model.config;
          if (body.steps !== undefined && body.steps > horizonSteps)
            throw new HttpError(
              400,
              `steps: model ${id} forecasts at most ${horizonSteps} steps (its intervals were calibrated for ${horizonSteps}), got ${body.steps}; train a model with horizonSteps ${body.steps} for a longer forecast`,
              { steps: `at most ${horizonSteps}` },
            );
          if (!req.file && body.datasetId === undefined) {
            res.type('application/json').send(await models.ownForecastJson(id, body.steps));
            return;
          }
          const result = forecast(
            models.load(id).model,
            await forecastSource(id, req.file, body.datasetId),
            body.steps,
          );
          const rows = forecastRows(result);
          insertForecast(db, id, rows);
          res.json({ forecast: { kind: result.kind, rows } } satisfies ForecastResponse);
        },
      ],
    },
    {
      method: 'get',
      path: '/api/models/:id/forecast.csv',
      summary:
        "The forecast as CSV: time,forecast,lo_80,hi_80,lo_95,hi_95, rounded to the data's decimals plus two; ?intervals=legacy for the older time,forecast,lower,upper (95 %)",
      query: { intervals: 'both (default) or legacy' },
      produces: 'text/csv',
      responses: {
        200: 'CSV',
        400: 'intervals is neither both nor legacy',
        404: 'no such model',
        409: "the model's dataset was deleted",
      },
      handlers: [
        async (req, res) => {
          const id = idParam(req);
          const intervals = intervalsQuery(req.query.intervals);
          const { row, model } = models.load(id);
          const series = await models.series(id);
          const csv = forecastCsv(forecast(model, series), series, { intervals });
          res.attachment(forecastFileName(row, new Date())).type('text/csv').send(csv);
        },
      ],
    },
    {
      method: 'get',
      path: '/api/models/:id/file',
      summary: 'The model file (versioned JSON) as a download',
      produces: 'application/json',
      responses: { 200: 'the model file', 404: 'no such model' },
      handlers: [
        (req, res) => {
          const id = idParam(req);
          res.attachment(`model-${id}.json`).type('application/json').send(models.fileText(id));
        },
      ],
    },
    {
      method: 'delete',
      path: '/api/models/:id',
      summary: 'Delete a model',
      responses: { 204: 'deleted', 404: 'no such model' },
      handlers: [
        (req, res) => {
          models.delete(idParam(req));
          res.status(204).end();
        },
      ],
    },
  ];
}
