// /api/datasets responses: a dataset, its validation report, summary statistics, points
// and the auto-mode configuration a training form starts from.
import { z } from 'zod';
import { isoTime, maybeNumber } from './common.ts';

export const apiColumnSchema = z.object({
  name: z.string(),
  type: z.enum(['number', 'time', 'text']),
  role: z.enum(['time', 'target', 'feature', 'id']).optional(),
  missing: z.number(),
});

export const frequencySchema = z.object({ unit: z.string(), step: z.number(), label: z.string() });

export const gapSchema = z.object({ after: z.number(), before: z.number(), missingSteps: z.number() });

export const missingReportSchema = z.object({
  column: z.string(),
  missing: z.number(),
  filled: z.number(),
  dropped: z.number(),
  policy: z.string(),
});

export const seriesReportSchema = z.object({
  id: z.string(),
  rowsRead: z.number(),
  rowsUsed: z.number(),
  start: z.string(),
  end: z.string(),
  frequency: frequencySchema.nullable(),
  gaps: z.array(gapSchema),
  calendarGaps: z.array(gapSchema),
  missing: z.array(missingReportSchema),
  duplicates: z.number(),
  irregularSteps: z.number(),
});

export const validationReportSchema = z.object({
  rowsRead: z.number(),
  rowsUsed: z.number(),
  columns: z.array(apiColumnSchema),
  time: z.object({ column: z.string(), format: z.string() }),
  id: z.string().nullable(),
  target: z.string(),
  features: z.array(z.string()),
  frequency: frequencySchema.nullable(),
  duplicates: z.number(),
  missingFilled: z.number(),
  series: z.array(seriesReportSchema),
  warnings: z.array(z.string()).describe('what looks wrong in the file, or was changed in reading it'),
  notes: z.array(z.string()).describe('choices made with nothing wrong: the target, a proposed id column'),
  idCandidates: z
    .array(z.string())
    .describe('text columns that would split the rows into series (when timestamps repeat), best first'),
  idProposed: z.boolean().describe('the id column was detected, not given: the person may change it'),
  sheet: z.string().optional().describe('the worksheet read, for an .xlsx'),
  sheets: z.array(z.string()).optional().describe("every worksheet of an .xlsx, in the workbook's order"),
});

export const datasetSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  source: z.enum(['bundled', 'uploaded']),
  size: z.number(),
  rows: z.number(),
  columns: z.array(apiColumnSchema),
  frequency: z.string().nullable().describe("the frequency's label; null when the series differ"),
  series: z.array(z.string()).describe("series ids; [''] for a single-series file"),
  createdAt: isoTime,
});

export const datasetListResponseSchema = z.object({ datasets: z.array(datasetSchema) });
export const datasetResponseSchema = z.object({
  dataset: datasetSchema,
  report: validationReportSchema,
  duplicateOf: z
    .object({ id: z.number().int(), name: z.string() })
    .optional()
    .describe('an upload whose bytes are those of a dataset stored already: which one'),
  reused: z
    .boolean()
    .optional()
    .describe('true when that dataset is answered instead of a copy (ifIdentical=reuse)'),
});

/** POST /api/datasets/:id/layout: how the file is read into series. */
export const datasetLayoutRequestSchema = z
  .object({
    id: z.string().min(1).nullable().describe('the series id column; null: the file is one series'),
    sheet: z.string().min(1).optional().describe('the worksheet of an .xlsx'),
  })
  .strict();

/** danfo describe(): statistic by column; a std or variance of one value is NaN, hence null. */
export const summaryResponseSchema = z.object({
  column: z.string(),
  describe: z.record(z.record(maybeNumber)),
});

export const traceSchema = z.object({
  time: z.array(z.number()),
  values: z.array(z.number()),
  downsampled: z.boolean(),
});

export const pointsResponseSchema = z.object({
  column: z.string(),
  series: z.string(),
  total: z.number().int(),
  time: z.array(z.number()),
  values: z.array(z.number()),
  downsampled: z.boolean(),
});

/** The fields of a resolved forecast configuration that the pages read; the server sends more. */
export const forecastConfigSchema = z.object({
  target: z.string(),
  features: z.array(z.string()),
  /** Columns known in the future: a forecast needs their values over the horizon. */
  futureFeatures: z.array(z.string()).optional(),
  horizonSteps: z.number().int(),
  seasonLength: z.number().int(),
  windowLength: z.number().int(),
  strategy: z.string(),
  network: z.object({ cell: z.string(), hiddenSize: z.number().int(), layers: z.number().int() }),
  training: z.object({
    maxEpochs: z.number().int(),
    patienceEpochs: z.number().int(),
    seed: z.number().int(),
    learningRate: z.number().optional(),
    batchSize: z.number().int().optional(),
  }),
});

export const defaultsResponseSchema = z.object({ config: forecastConfigSchema });

export type ApiColumn = z.infer<typeof apiColumnSchema>;
export type Frequency = z.infer<typeof frequencySchema>;
export type Gap = z.infer<typeof gapSchema>;
export type MissingReport = z.infer<typeof missingReportSchema>;
export type SeriesReport = z.infer<typeof seriesReportSchema>;
export type ValidationReport = z.infer<typeof validationReportSchema>;
export type Dataset = z.infer<typeof datasetSchema>;
export type DatasetListResponse = z.infer<typeof datasetListResponseSchema>;
export type DatasetResponse = z.infer<typeof datasetResponseSchema>;
export type DatasetLayoutRequest = z.infer<typeof datasetLayoutRequestSchema>;
export type Summary = z.infer<typeof summaryResponseSchema>;
export type Trace = z.infer<typeof traceSchema>;
export type Points = z.infer<typeof pointsResponseSchema>;
export type DefaultConfig = z.infer<typeof forecastConfigSchema>;
export type DefaultsResponse = z.infer<typeof defaultsResponseSchema>;
