// /api/models responses: the model list, a model with its leaderboard and evaluation, the
// chart data and forecasts. Metrics can be NaN on the server (a MASE without a scale, a
// MAPE over zeros), so every metric is `number | null` here.
import { z } from 'zod';
import { forecastConfigSchema, traceSchema } from './datasets.ts';
import { isoTime, maybeNumber } from './common.ts';
import { epochRecordSchema } from './trainings.ts';

export const metricSetSchema = z.object({
  mae: maybeNumber,
  rmse: maybeNumber,
  mape: maybeNumber,
  smape: maybeNumber,
  mase: maybeNumber,
});

export const modelListItemSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  datasetId: z.number().int().nullable(),
  /** The dataset's name (its file name); null once the dataset is deleted. */
  datasetName: z.string().nullable(),
  target: z.string(),
  series: z.string().nullable(),
  /** The forecaster validation kept ("gru 32", "ets", "rnn: z-score"…). */
  kept: z.string(),
  cell: z.string(),
  hiddenSize: z.number().int(),
  layers: z.number().int(),
  horizonSteps: z.number().int(),
  windowLength: z.number().int(),
  createdAt: isoTime,
  metrics: z
    .object({
      mase: maybeNumber,
      smape: maybeNumber,
      mae: maybeNumber,
      skillVsNaive: maybeNumber,
      hasSkill: z.boolean(),
    })
    .nullable(),
  /** The global training this model is one series of; null for a model of its own. */
  global: z
    .object({
      runId: z.number().int(),
      seriesCount: z.number().int(),
      scoredOn: z.enum(['validation', 'test']).describe('where the metrics were measured'),
      ownFit: z.string().optional().describe('why this series was fitted on its own instead'),
    })
    .nullable(),
});

export const modelListResponseSchema = z.object({ models: z.array(modelListItemSchema) });

export const evaluationSchema = z.object({
  kind: z.literal('forecast'),
  horizonSteps: z.number().int(),
  seasonLength: z.number().int(),
  origins: z.number().int(),
  model: metricSetSchema,
  baselines: z.record(metricSetSchema),
  skillVsNaive: maybeNumber,
  hasSkill: z.boolean(),
  coverage: z.array(z.object({ level: z.number(), observed: maybeNumber })),
  lag: z.object({ bestLag: z.number(), maeByLag: z.array(maybeNumber), warning: z.string().nullable() }),
  warnings: z.array(z.string()),
});

/** Every candidate's validation score, best first (src/forecast/select.ts). */
export const leaderboardSchema = z.object({
  metric: z.string(),
  origins: z.number().int(),
  entries: z.array(
    z.object({
      name: z.string(),
      kind: z.string(),
      smape: maybeNumber,
      mase: maybeNumber,
      score: maybeNumber,
      fitSeconds: z.number(),
      kept: z.boolean(),
    }),
  ),
  kept: z.string(),
  failed: z.array(z.object({ name: z.string(), reason: z.string() })),
});

export const modelTrainingSchema = z.object({
  history: z.array(epochRecordSchema),
  bestEpoch: z.number().int(),
  stoppedBy: z.string(),
  elapsedMs: z.number(),
});

export const modelDetailSchema = z.object({
  model: z.object({
    id: z.number().int(),
    name: z.string(),
    datasetId: z.number().int().nullable(),
    /** The dataset's name (its file name); null once the dataset is deleted. */
    datasetName: z.string().nullable(),
    /** The series of a long-format dataset; null for a single series. */
    series: z.string().nullable(),
    config: forecastConfigSchema,
    /** The RNN candidates' target scaler in words. */
    scaling: z.object({ scaler: z.string() }),
    /** The forecaster validation kept, and what it is. */
    kept: z.object({ name: z.string(), kind: z.string(), description: z.string() }),
    /** The kept forecaster as the models list names it ("gru 32", "theta"), for the page title. */
    keptShort: z.string(),
    leaderboard: leaderboardSchema,
    /** The kept (or first) RNN candidate's training; null when no network was fitted. */
    training: modelTrainingSchema.nullable(),
    /** The training run's wall time (finished − started), as the runs list shows it; null outside the queue. */
    runWallMs: z.number().nullable(),
    warnings: z.array(z.string()),
    createdAt: isoTime,
  }),
  evaluation: evaluationSchema.nullable(),
});

/** [first, last] time (epoch ms) of a split. */
const band = z.tuple([z.number(), z.number()]);

export const modelChartSchema = z.object({
  fitted: z.object({
    kind: z.literal('predictNext'),
    actual: traceSchema,
    predicted: traceSchema,
    naive: traceSchema,
    downsampled: z.boolean(),
  }),
  splits: z.object({ train: band, validation: band, test: band }),
  forecast: z.object({
    kind: z.literal('forecast'),
    time: z.array(z.number()),
    forecast: z.array(z.number()),
    lower80: z.array(z.number()),
    upper80: z.array(z.number()),
    lower95: z.array(z.number()),
    upper95: z.array(z.number()),
  }),
});

export const forecastRowSchema = z.object({
  time: z.string(),
  forecast: z.number(),
  lower80: z.number(),
  upper80: z.number(),
  lower95: z.number(),
  upper95: z.number(),
});

export const forecastResponseSchema = z.object({
  forecast: z.object({ kind: z.literal('forecast'), rows: z.array(forecastRowSchema) }),
});

export type MetricSet = z.infer<typeof metricSetSchema>;
export type ModelListItem = z.infer<typeof modelListItemSchema>;
export type ModelListResponse = z.infer<typeof modelListResponseSchema>;
export type Evaluation = z.infer<typeof evaluationSchema>;
export type Leaderboard = z.infer<typeof leaderboardSchema>;
export type ModelDetail = z.infer<typeof modelDetailSchema>;
export type ModelChart = z.infer<typeof modelChartSchema>;
export type ForecastRow = z.infer<typeof forecastRowSchema>;
export type ForecastResponse = z.infer<typeof forecastResponseSchema>;
