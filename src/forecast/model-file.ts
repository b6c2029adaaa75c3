// Model files: one versioned JSON document per model, validated with zod on load (the
// network and scalers then validate their own parts), and written atomically so a crash
// never leaves half a model behind.
import { z } from 'zod';
import { writeFileAtomic } from '../files/atomic-write.ts';
import { scalerFromJSON } from '../prep/scale.ts';
import { CELL_KINDS } from '../rnn/cells/cell.ts';
import { networkFromJSON } from '../rnn/serialize.ts';
import { STOP_REASONS } from '../train/trainer.ts';
import { ARCHITECTURES, FORECAST_STRATEGIES } from './config.ts';
import type { FittedJSON } from './contract.ts';
import { forecasterFromJSON } from './forecaster-json.ts';
import type { ForecastModel } from './model.ts';
import { ModelFileError, readModelJson } from './read-model-json.ts';
import { rnnForecaster } from './rnn-forecaster.ts';
import type { Leaderboard } from './select.ts';

export const MODEL_FORMAT = 'recurrent-model';
/**
 * 3 holds any forecaster of the contract (held-out and refitted) and the leaderboard;
 * 2 added seasonal-difference scalers, the work-budget stop and auto mode's scaler
 * selection. Versions 1 and 2 held one RNN: they are read as a model whose held-out and
 * final forecaster is that RNN. Older builds meet a newer file with "newer than this
 * Recurrent reads" rather than a puzzling error.
 */
export const MODEL_FORMAT_VERSION = 3;

export { ModelFileError } from './read-model-json.ts';

const finite = z.number().finite();
const nullableFinite = z.number().finite().nullable();

/** JSON has no NaN: a metric that could not be computed is written as null. */
const metric = z
  .number()
  .nullable()
  .transform((v) => v ?? Number.NaN);

const trainingSchema = z.object({
  history: z.array(
    z.object({
      epoch: z.number().int(),
      trainLoss: finite,
      validationLoss: nullableFinite,
      gradientNorm: finite,
      learningRate: finite,
      elapsedMs: finite,
    }),
  ),
  bestEpoch: z.number().int(),
  bestLoss: z.number(),
  stoppedBy: z.enum(STOP_REASONS),
  elapsedMs: finite,
});

const forecasterSchema = z
  .object({ kind: z.enum(['rnn', 'classical', 'combination']), name: z.string() })
  .passthrough();

const leaderboardSchema = z.object({
  metric: z.string(),
  horizonSteps: z.number().int(),
  seasonLength: z.number().int(),
  origins: z.number().int(),
  entries: z.array(
    z.object({
      name: z.string(),
      kind: z.enum(['rnn', 'classical', 'combination']),
      smape: metric,
      mase: metric,
      mae: metric,
      score: metric,
      fitSeconds: finite,
      kept: z.boolean(),
    }),
  ),
  kept: z.string(),
  failed: z.array(z.object({ name: z.string(), reason: z.string() })),
});

const modelSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  version: z.union([z.literal(1), z.literal(2), z.literal(MODEL_FORMAT_VERSION)]),
  createdAt: z.string(),
  config: z.object({
    target: z.string(),
    features: z.array(z.string()),
    futureFeatures: z.array(z.string()).optional(),
    calendar: z
      .object({
        columns: z.array(z.string()),
        holidays: z.string().optional(),
        timezone: z.string().optional(),
        candidate: z.boolean().optional(),
        marketHolidays: z.array(z.string()).optional(),
      })
      .optional(),
    horizonSteps: z.number().int().positive(),
    seasonLength: z.number().int().positive(),
    extraSeasons: z.array(z.number().int().positive()).optional(),
    windowLength: z.number().int().positive(),
    strategy: z.enum(FORECAST_STRATEGIES),
    network: z.object({
      cell: z.enum(CELL_KINDS),
      hiddenSize: z.number().int().positive(),
      layers: z.number().int().min(1).max(3),
      activation: z.enum(['tanh', 'relu']).optional(),
      architecture: z.enum(ARCHITECTURES).optional(),
      bidirectional: z.boolean().optional(),
    }),
    scaler: z.object({}).passthrough(),
    split: z.object({ validation: finite, test: finite }),
    training: z.object({}).passthrough(),
  }),
  // Version 3: the forecasters. Versions 1–2: one network and its scalers.
  heldOut: forecasterSchema.optional(),
  final: forecasterSchema.optional(),
  network: z.unknown().optional(),
  scalers: z.object({ inputs: z.array(z.unknown()).min(1), target: z.unknown() }).optional(),
  training: trainingSchema.nullable(),
  intervals: z.object({
    levels: z.array(finite),
    halfWidths: z.array(z.array(finite)),
    residualCount: z.number().int(),
  }),
  nonNegative: z.boolean().optional(),
  validation: z.object({
    origins: z.number().int(),
    mae: metric,
    smape: metric.optional(),
    mase: metric.optional(),
  }),
  leaderboard: leaderboardSchema.optional(),
  data: z.object({
    fingerprint: z.string(),
    id: z.string(),
    rows: z.number().int(),
    start: finite,
    end: finite,
    frequency: z.object({ unit: z.string(), step: finite, label: z.string() }).passthrough(),
  }),
  split: z.object({
    train: z.tuple([z.number(), z.number()]),
    validation: z.tuple([z.number(), z.number()]),
    test: z.tuple([z.number(), z.number()]),
  }),
  warnings: z.array(z.string()),
  selection: z
    .object({
      kept: z.string(),
      candidates: z.array(z.object({ scaler: z.string(), validationMae: finite }).passthrough()),
    })
    .optional(),
});

/**
 * A model as the plain JSON of a model file (format "recurrent-model", version 3).
 *
 * @example
 * const json = modelToJSON(model);
 * const copy = modelFromJSON(JSON.parse(JSON.stringify(json)));
 * forecast(copy, series).forecast; // the same values as forecast(model, series).forecast
 */
export function modelToJSON(model: ForecastModel): unknown {
  return {
    format: MODEL_FORMAT,
    version: MODEL_FORMAT_VERSION,
    ...model,
    // JSON has no Infinity: "never stop early" is written as null.
    config: {
      ...model.config,
      training: {
        ...model.config.training,
        patienceEpochs: Number.isFinite(model.config.training.patienceEpochs)
          ? model.config.training.patienceEpochs
          : null,
      },
    },
    heldOut: model.heldOut.toJSON(),
    final: model.final.toJSON(),
  };
}

/**
 * Validates a model file's JSON and rebuilds the model; versions 1 and 2 load as a model
 * of one RNN. Anything else throws a ModelFileError that names `source` and what is wrong.
 *
 * @example
 * const model = modelFromJSON(JSON.parse(await readFile('model.json', 'utf8')), 'model.json');
 * modelFromJSON({ format: 'other' }); // throws ModelFileError: model is not a Recurrent model file…
 */
export function modelFromJSON(json: unknown, source = 'model'): ForecastModel {
  const doc = json as { format?: unknown; version?: unknown } | null;
  if (typeof doc !== 'object' || doc === null || doc.format !== MODEL_FORMAT) {
    throw new ModelFileError(
      `${source} is not a Recurrent model file (format ${JSON.stringify(doc?.format)})`,
    );
  }
  if (typeof doc.version === 'number' && doc.version > MODEL_FORMAT_VERSION) {
    throw new ModelFileError(
      `${source} has format version ${doc.version}, newer than this Recurrent reads (${MODEL_FORMAT_VERSION}); upgrade Recurrent`,
    );
  }
  const parsed = modelSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ModelFileError(`${source} is invalid at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const m = parsed.data;
  try {
    const training = m.config.training as unknown as ForecastModel['config']['training'];
    const config: ForecastModel['config'] = {
      ...m.config,
      scaler: m.config.scaler as unknown as ForecastModel['config']['scaler'],
      training: { ...training, patienceEpochs: training.patienceEpochs ?? Number.POSITIVE_INFINITY },
    };
    const { heldOut, final, leaderboard } =
      m.heldOut && m.final && m.leaderboard
        ? {
            heldOut: forecasterFromJSON(m.heldOut as FittedJSON),
            final: forecasterFromJSON(m.final as FittedJSON),
            leaderboard: m.leaderboard,
          }
        : legacyForecaster(m, config);
    return {
      createdAt: m.createdAt,
      config,
      heldOut,
      final,
      training: m.training,
      intervals: m.intervals,
      nonNegative: m.nonNegative ?? false,
      validation: {
        origins: m.validation.origins,
        mae: m.validation.mae,
        smape: m.validation.smape ?? Number.NaN,
        mase: m.validation.mase ?? Number.NaN,
      },
      leaderboard,
      data: m.data as ForecastModel['data'],
      split: m.split,
      warnings: m.warnings,
    };
  } catch (e) {
    throw new ModelFileError(`${source} is invalid: ${(e as Error).message}`);
  }
}

/** A version-1 or 2 file: one RNN, which is both the held-out and the final forecaster. */
function legacyForecaster(
  m: z.infer<typeof modelSchema>,
  config: ForecastModel['config'],
): Pick<ForecastModel, 'heldOut' | 'final' | 'leaderboard'> {
  if (m.network === undefined || m.scalers === undefined || m.training === null)
    throw new Error('it has neither forecasters (version 3) nor a network and scalers (versions 1–2)');
  const rnn = rnnForecaster({
    config,
    network: networkFromJSON(m.network),
    scalers: { inputs: m.scalers.inputs.map(scalerFromJSON), target: scalerFromJSON(m.scalers.target) },
    training: m.training,
    warnings: [],
  });
  const leaderboard: Leaderboard = {
    metric: 'validation MAE (a model file of version 1 or 2)',
    horizonSteps: config.horizonSteps,
    seasonLength: config.seasonLength,
    origins: m.validation.origins,
    entries: [],
    kept: rnn.name,
    failed: [],
  };
  return { heldOut: rnn, final: rnn, leaderboard };
}

/**
 * Writes a model file atomically: a crash leaves the old file or the new one, never half.
 *
 * @example
 * await saveModel(model, 'model.json');
 */
export async function saveModel(model: ForecastModel, path: string): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(modelToJSON(model))}\n`);
}

/**
 * Reads and validates a model file; a missing, truncated, foreign or newer file throws a
 * ModelFileError that says which and what to do.
 *
 * @example
 * const model = await loadModel('model.json');
 * forecast(model, series, 7).forecast; // the next 7 values after the end of series
 */
export async function loadModel(path: string): Promise<ForecastModel> {
  return modelFromJSON(await readModelJson(path), `model file ${path}`);
}
