// /api/datasets: list, upload (multipart; bytes go to SQLite, never to a path; a CSV or an
// Excel .xlsx), the layout (id column, sheet) a file is read with, preview (validation
// report, danfo summary, downsampled points) and the auto defaults a training form starts from.
import { forecastSettingsFields, forecastSettingsSchema, resolveForecastConfig } from '../../forecaster.ts';
import { deleteDataset, listDatasets } from '../../store/datasets.ts';
import type { Db } from '../../store/db.ts';
import { unfinishedRunsOnDataset } from '../../store/runs.ts';
import { datasetJson } from '../dataset-json.ts';
import type { DatasetService } from '../dataset-service.ts';
import { HttpError, parseInput } from '../http-error.ts';
import { TABLE_NAMES, TABLE_TYPES, notATable } from '../table-upload.ts';
import { DEFAULT_POINTS, pointsQuery } from '../points-query.ts';

import { toJsonSchema } from '../json-schema.ts';
import { singleFileUpload } from '../multipart-upload.ts';
import { rateLimit } from '../rate-limit.ts';
import { idParam, numberQuery, requireBody, stringQuery } from '../route.ts';
import type { ApiRoute } from '../route.ts';
import { serverLimitsFromEnv } from '../server-limits.ts';
import { StorageQuota } from '../storage-quota.ts';
import {
  datasetLayoutRequestSchema,
  datasetListResponseSchema,
  datasetResponseSchema,
  defaultsResponseSchema,
  pointsResponseSchema,
  summaryResponseSchema,
} from '../wire.ts';
import type { DatasetListResponse, DatasetResponse, DefaultsResponse, Points, Summary } from '../wire.ts';

function ifIdenticalQuery(value: string | undefined): boolean {
  if (value === undefined || value === 'store') return false;
  if (value === 'reuse') return true;
  throw new HttpError(400, `ifIdentical must be "reuse" or "store", got "${value}"`, {
    ifIdentical: 'not reuse or store',
  });
}

/** The multipart field "id": absent → detect, "" → none (one series), else the column's name. */
function idField(value: unknown): string | null | undefined {
  if (typeof value !== 'string') return undefined;
  return value === '' ? null : value;
}

export function datasetRoutes(
  db: Db,
  datasets: DatasetService,
  uploadLimitBytes: number,
  ready: Promise<void>,
): ApiRoute[] {
  const upload = singleFileUpload('file', uploadLimitBytes);
  const limits = serverLimitsFromEnv();
  const quota = new StorageQuota(db, limits.storageQuotaBytes);
  const uploadRate = rateLimit('uploads', limits.uploadsPerMinute);
  const seriesQuery = { column: 'numeric column', series: 'series id of a long-format file' };
  return [
    {
      method: 'get',
      path: '/api/datasets',
      summary: 'List bundled and uploaded datasets',
      responses: { 200: 'the datasets' },
      responseSchema: datasetListResponseSchema,
      handlers: [
        async (_req, res) => {
          await ready;
          res.json({ datasets: listDatasets(db).map(datasetJson) } satisfies DatasetListResponse);
        },
      ],
    },
    {
      method: 'post',
      path: '/api/datasets',
      summary:
        'Upload a CSV or .xlsx (multipart field "file"; optional fields "id": the series id column, "" for none, and "sheet")',
      body: 'multipart',
      query: {
        ifIdentical:
          '"reuse": bytes identical to a stored dataset answer that dataset (200) instead of storing a copy; default "store"',
      },
      responses: {
        200: 'identical to a stored dataset, which is answered instead of a copy (ifIdentical=reuse)',
        201: 'stored, with its validation report (and duplicateOf, when the same bytes are stored already)',
        400: 'unparseable (the message names line and column), or a malformed multipart body',
        413: 'larger than the upload limit',
        415: 'not multipart, or not a CSV or .xlsx (the message says what is accepted)',
        429: 'too many uploads from this client (Retry-After says when to retry)',
        507: 'the storage quota is full (the message says the quota and the use)',
      },
      responseSchema: datasetResponseSchema,
      handlers: [
        uploadRate,
        requireBody('multipart'),
        // Refused before the body is read when nothing more can be stored.
        (_req, _res, next) => {
          quota.requireRoom('an upload');
          next();
        },
        upload,
        async (req, res) => {
          const file = req.file;
          if (!file)
            throw new HttpError(400, 'no file: send the CSV in the multipart field "file"', {
              file: 'required',
            });
          const named = TABLE_NAMES.test(file.originalname);
          if (/\.xls$/i.test(file.originalname) || (!named && !TABLE_TYPES.test(file.mimetype)))
            throw notATable(file.originalname);
          const body = (req.body ?? {}) as Record<string, unknown>;
          const layout = {
            id: idField(body.id),
            sheet: typeof body.sheet === 'string' && body.sheet !== '' ? body.sheet : undefined,
          };
          const reuseIdentical = ifIdenticalQuery(stringQuery(req, 'ifIdentical'));
          const release = quota.reserve(file.size, 'this upload');
          const { row, duplicateOf, reused } = await datasets
            .addUpload(file.originalname, file.buffer, layout, { reuseIdentical })
            .finally(release);
          const response: DatasetResponse = { dataset: datasetJson(row), report: row.report };
          if (duplicateOf) response.duplicateOf = { id: duplicateOf.id, name: duplicateOf.name };
          if (reused) response.reused = true;
          res.status(reused ? 200 : 201).json(response);
        },
      ],
    },
    {
      method: 'get',
      path: '/api/datasets/:id',
      summary: 'A dataset with its validation report',
      responses: { 200: 'the dataset', 404: 'no such dataset' },
      responseSchema: datasetResponseSchema,
      handlers: [
        (req, res) => {
          const row = datasets.get(idParam(req));
          res.json({ dataset: datasetJson(row), report: row.report } satisfies DatasetResponse);
        },
      ],
    },
    {
      method: 'post',
      path: '/api/datasets/:id/layout',
      summary: 'Read a dataset again with another series id column (null: one series) or sheet',
      body: 'json',
      bodySchema: toJsonSchema(datasetLayoutRequestSchema),
      responses: {
        200: 'the dataset with its new validation report',
        400: 'the data does not fit this layout (the message names the lines), or a bad body',
        404: 'no such dataset',
        409: 'a bundled dataset, or one a queued or running training uses',
        415: 'not JSON',
      },
      responseSchema: datasetResponseSchema,
      handlers: [
        requireBody('json'),
        async (req, res) => {
          const id = idParam(req);
          const layout = parseInput(datasetLayoutRequestSchema, req.body, 'dataset layout');
          // Bundled files belong to the app and every user of it: they are read as shipped.
          if (datasets.get(id).source === 'bundled')
            throw new HttpError(
              409,
              'bundled datasets are read as they are shipped; upload a copy to read it otherwise',
            );
          const users = unfinishedRunsOnDataset(db, id);
          if (users.length > 0)
            throw new HttpError(
              409,
              `dataset ${id} is in use by ${users.map((r) => `${r.kind === 'train' ? 'training' : 'run'} ${r.id} (${r.status})`).join(', ')}; wait until ${users.length === 1 ? 'it ends' : 'they end'}, then change how it is read`,
            );
          const row = await datasets.relayout(id, layout);
          res.json({ dataset: datasetJson(row), report: row.report } satisfies DatasetResponse);
        },
      ],
    },
    {
      method: 'get',
      path: '/api/datasets/:id/summary',
      summary: 'danfo describe() of the numeric columns (or of one, with column)',
      query: seriesQuery,
      responses: {
        200: 'summary statistics',
        404: 'no such dataset',
        503: 'too much heavy work waiting (Retry-After says when to try again)',
      },
      responseSchema: summaryResponseSchema,
      handlers: [
        async (req, res) => {
          const id = idParam(req);
          const column = stringQuery(req, 'column');
          const numeric = datasets
            .get(id)
            .report.columns.filter((c) => c.type === 'number')
            .map((c) => c.name);
          const target = column ?? numeric[0];
          const features = column === undefined ? numeric.filter((n) => n !== target) : [];
          const summary = await datasets.summary(id, {
            target,
            features,
            series: stringQuery(req, 'series'),
          });
          res.json(summary satisfies Summary);
        },
      ],
    },
    {
      method: 'get',
      path: '/api/datasets/:id/points',
      summary: 'A column as (time, value) points, downsampled (LTTB) within [from, to]',
      query: {
        ...seriesQuery,
        from: 'start, epoch ms',
        to: 'end, epoch ms',
        points: `most points to return (default ${DEFAULT_POINTS})`,
      },
      responses: {
        200: 'the points',
        400: 'bad query',
        404: 'no such dataset',
        503: 'too much heavy work waiting (Retry-After says when to try again)',
      },
      responseSchema: pointsResponseSchema,
      handlers: [
        async (req, res) => {
          const { series, trace } = await datasets.points(
            idParam(req),
            { target: stringQuery(req, 'column'), series: stringQuery(req, 'series') },
            { points: pointsQuery(req), from: numberQuery(req, 'from'), to: numberQuery(req, 'to') },
          );
          const points: Points = {
            column: series.target,
            series: series.id,
            total: series.values.length,
            ...trace,
          };
          res.json(points);
        },
      ],
    },
    {
      method: 'get',
      path: '/api/datasets/:id/defaults',
      summary: 'The auto-mode configuration for a target and horizon',
      query: {
        target: 'column to forecast',
        horizonSteps: `${forecastSettingsFields.horizonSteps.description} (default 7)`,
        series: 'series id of a long-format file',
      },
      responses: { 200: 'the configuration', 400: 'bad query' },
      responseSchema: defaultsResponseSchema,
      handlers: [
        async (req, res) => {
          const { horizonSteps } = parseInput(
            forecastSettingsSchema.pick({ horizonSteps: true }),
            { horizonSteps: numberQuery(req, 'horizonSteps') ?? 7 },
            'defaults query',
          );
          const series = await datasets.series(idParam(req), {
            target: stringQuery(req, 'target'),
            series: stringQuery(req, 'series'),
          });
          const config = resolveForecastConfig(series, { horizonSteps, features: [] });
          res.json({ config } satisfies DefaultsResponse);
        },
      ],
    },
    {
      method: 'delete',
      path: '/api/datasets/:id',
      summary: 'Delete an uploaded dataset',
      responses: {
        204: 'deleted',
        404: 'no such dataset',
        409: 'bundled datasets cannot be deleted, nor one a queued or running training uses',
      },
      handlers: [
        (req, res) => {
          const id = idParam(req);
          if (datasets.get(id).source === 'bundled')
            throw new HttpError(409, 'bundled datasets cannot be deleted');
          // The training would read it, then fail storing its model (the model row refers
          // to the dataset): refuse, and say which trainings to cancel or wait for.
          const users = unfinishedRunsOnDataset(db, id);
          if (users.length > 0)
            throw new HttpError(
              409,
              `dataset ${id} is in use by ${users.map((r) => `${r.kind === 'train' ? 'training' : 'run'} ${r.id} (${r.status})`).join(', ')}; cancel ${users.length === 1 ? 'it' : 'them'} or wait until ${users.length === 1 ? 'it ends' : 'they end'}, then delete the dataset`,
            );
          deleteDataset(db, id);
          datasets.forget(id);
          res.status(204).end();
        },
      ],
    },
  ];
}
