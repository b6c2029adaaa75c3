// Model files: one versioned JSON document per model, validated with zod on load (the
// network and scalers then validate their own parts), and written atomically so a crash
// never leaves half a model behind.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from '../files/atomic-write.ts';
import { parseJsonText } from '../files/json-text.ts';
import { scalerFromJSON } from '../prep/scale.ts';
import { networkFromJSON, networkToJSON } from '../rnn/serialize.ts';
import { STOP_REASONS } from '../train/trainer.ts';
import type { ForecastModel } from './model.ts';

export const MODEL_FORMAT = 'recurrent-model';
/**
 * 2 added seasonal-difference scalers, the work-budget stop and auto mode's scaler
 * selection; a version-1 file is a version-2 file without them, so both are read. Older
 * builds meet version 2 with "newer than this Recurrent reads" rather than a puzzling error.
 */
export const MODEL_FORMAT_VERSION = 2;

export class ModelFileError extends Error {
  override readonly name = 'ModelFileError';
}

const finite = z.number().finite();
const nullableFinite = z.number().finite().nullable();

const modelSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  version: z.union([z.literal(1), z.literal(MODEL_FORMAT_VERSION)]),
  createdAt: z.string(),
  config: z.object({
    target: z.string(),
    features: z.array(z.string()),
    horizonSteps: z.number().int().positive(),
    seasonLength: z.number().int().positive(),
    windowLength: z.number().int().positive(),
    strategy: z.enum(['recursive', 'direct']),
    network: z.object({
      cell: z.enum(['rnn', 'lstm', 'gru']),
      hiddenSize: z.number().int().positive(),
      layers: z.number().int().min(1).max(3),
      activation: z.enum(['tanh', 'relu']).optional(),
    }),
    scaler: z.object({}).passthrough(),
    split: z.object({ validation: finite, test: finite }),
    training: z.object({}).passthrough(),
  }),
  network: z.unknown(),
  scalers: z.object({ inputs: z.array(z.unknown()).min(1), target: z.unknown() }),
  training: z.object({
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
  }),
  intervals: z.object({
    levels: z.array(finite),
    halfWidths: z.array(z.array(finite)),
    residualCount: z.number().int(),
  }),
  validation: z.object({ origins: z.number().int(), mae: finite }),
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
      candidates: z.array(
        z.object({
          scaler: z.string(),
          validationMae: finite,
          epochs: z.number().int(),
          stoppedBy: z.enum(STOP_REASONS),
          elapsedMs: finite,
        }),
      ),
    })
    .optional(),
});

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
    network: networkToJSON(model.network),
    scalers: { inputs: model.scalers.inputs.map((s) => s.toJSON()), target: model.scalers.target.toJSON() },
  };
}

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
    return {
      createdAt: m.createdAt,
      config: {
        ...m.config,
        scaler: m.config.scaler as unknown as ForecastModel['config']['scaler'],
        training: { ...training, patienceEpochs: training.patienceEpochs ?? Infinity },
      },
      network: networkFromJSON(m.network),
      scalers: { inputs: m.scalers.inputs.map(scalerFromJSON), target: scalerFromJSON(m.scalers.target) },
      training: m.training,
      intervals: m.intervals,
      validation: m.validation,
      data: m.data as ForecastModel['data'],
      split: m.split,
      warnings: m.warnings,
      ...(m.selection ? { selection: m.selection } : {}),
    };
  } catch (e) {
    throw new ModelFileError(`${source} is invalid: ${(e as Error).message}`);
  }
}

export async function saveModel(model: ForecastModel, path: string): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(modelToJSON(model))}\n`);
}

export async function loadModel(path: string): Promise<ForecastModel> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new ModelFileError(
      `cannot read model file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  let json: unknown;
  try {
    json = parseJsonText(text, `model file ${path}`);
  } catch (e) {
    throw new ModelFileError((e as Error).message);
  }
  return modelFromJSON(json, `model file ${path}`);
}
