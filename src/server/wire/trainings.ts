// /api/trainings and /api/runs responses: a training's record, the epochs its event
// stream sends, and the run list.
import { z } from 'zod';
import { isoTime, maybeNumber } from './common.ts';

/** A training is a run, and the run table's statuses include batch's 'skipped'. */
export const runStatusSchema = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled', 'skipped']);

/** One epoch as recorded in a run's history. */
export const epochRecordSchema = z.object({
  epoch: z.number().int(),
  trainLoss: maybeNumber,
  validationLoss: maybeNumber,
  gradientNorm: maybeNumber,
  learningRate: z.number(),
  elapsedMs: z.number(),
  /** Auto mode fitting several candidates in turn: which one this epoch belongs to. */
  stage: z.string().optional(),
});

/**
 * One `epoch` event of GET /api/trainings/:id/events. A live epoch carries the run's progress
 * too; a replayed one (a late subscriber, a finished run) is the stored record, without it.
 */
export const epochEventSchema = epochRecordSchema.extend({
  /** Fractional within an epoch of a long series (0.06: 6 % into the first), with `partial`. */
  epoch: z.number().nonnegative(),
  maxEpochs: z.number().int().optional(),
  etaMs: maybeNumber.optional(),
  /** A report from inside an epoch: only epochs of many minibatches send these. */
  partial: z.object({ batches: z.number().int(), batchesPerEpoch: z.number().int() }).optional(),
  /**
   * The whole fit's share done, 0–1, all of auto mode's candidates included: it never goes
   * down, so the progress bar only moves forward. Live events only.
   */
  fraction: z.number().min(0).max(1).optional(),
  /** Milliseconds since the run started: the clock whose end is the run's wallMs. Live events only. */
  runElapsedMs: z.number().nonnegative().optional(),
});

export const trainingSchema = z.object({
  id: z.number().int(),
  status: runStatusSchema,
  datasetId: z.number().int().nullable(),
  modelId: z.number().int().nullable(),
  target: z.string().nullable(),
  series: z.string().nullable(),
  error: z.string().nullable(),
  history: z.array(epochRecordSchema),
  createdAt: isoTime,
  startedAt: isoTime.nullable(),
  finishedAt: isoTime.nullable(),
  /** finishedAt − startedAt: the one duration of the run every page shows. */
  wallMs: z.number().nullable(),
});

export const trainingResponseSchema = z.object({ training: trainingSchema });

/** POST /api/trainings/all-series: one training per series of the dataset, in the dataset's order. */
export const allSeriesTrainingsResponseSchema = z.object({
  trainings: z.array(trainingSchema.extend({ series: z.string() })),
});

export const runSchema = z.object({
  id: z.number().int(),
  kind: z.enum(['train', 'batch']),
  status: runStatusSchema,
  datasetId: z.number().int().nullable(),
  modelId: z.number().int().nullable(),
  target: z.string().nullable(),
  series: z.string().nullable(),
  job: z.string().nullable(),
  queuedAt: isoTime,
  startedAt: isoTime.nullable(),
  finishedAt: isoTime.nullable(),
  wallMs: z.number().nullable(),
  /** Trainings: the server's peak RSS; batch series: the worker's peak heap. */
  peakMemoryMb: z.number().nullable(),
  error: z.string().nullable(),
});

export const runsResponseSchema = z.object({ runs: z.array(runSchema) });

/** GET /api/trainings/:id/events: each event's data, by event name. */
export const trainingEventSchemas = {
  epoch: epochEventSchema,
  status: z.object({ status: runStatusSchema }),
  done: z.object({
    status: runStatusSchema,
    modelId: z.number().int().nullable(),
    /** The candidate auto mode kept (the leaderboard's kept entry); null when no model was saved. */
    kept: z.string().nullable(),
  }),
  failed: z.object({ error: z.string().nullable() }),
} as const;

export type TrainingEventName = keyof typeof trainingEventSchemas;
export type TrainingEventData = { [K in TrainingEventName]: z.infer<(typeof trainingEventSchemas)[K]> };

export type EpochRecord = z.infer<typeof epochRecordSchema>;
export type EpochEvent = z.infer<typeof epochEventSchema>;
export type Training = z.infer<typeof trainingSchema>;
export type TrainingResponse = z.infer<typeof trainingResponseSchema>;
export type AllSeriesTrainingsResponse = z.infer<typeof allSeriesTrainingsResponseSchema>;
export type Run = z.infer<typeof runSchema>;
export type RunsResponse = z.infer<typeof runsResponseSchema>;
