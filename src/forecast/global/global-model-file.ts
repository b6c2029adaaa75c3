// A global model as a self-contained, versioned JSON file: the network, the shared config,
// and each series' scalers, interval widths and validation score. Loading validates the
// shape and names what is wrong; the network and the scalers validate their own parts.
// Version 2 added static inputs and an ensemble's further networks (members, each written
// as a global model file of its own); a version 1 file loads with neither.
import { z } from 'zod';
import { writeFileAtomic } from '../../files/atomic-write.ts';
import { scalerFromJSON } from '../../prep/scale.ts';
import { networkFromJSON, networkToJSON } from '../../rnn/serialize.ts';
import type { ForecastConfig } from '../config.ts';
import { modelFromJSON } from '../model-file.ts';
import { ModelFileError, readModelJson } from '../read-model-json.ts';
import type { ForecastModel } from '../model.ts';
import type { GlobalModel } from './global-model.ts';

export const GLOBAL_MODEL_FORMAT = 'recurrent-global-model';
export const GLOBAL_MODEL_VERSION = 2;

const finite = z.number().finite();
const widths = z.object({
  levels: z.array(finite),
  halfWidths: z.array(z.array(finite)),
  residualCount: z.number().int(),
});
const schema = z.object({
  format: z.literal(GLOBAL_MODEL_FORMAT),
  version: z.union([z.literal(1), z.literal(GLOBAL_MODEL_VERSION)]),
  createdAt: z.string(),
  config: z
    .object({ horizonSteps: z.number().int().positive(), training: z.object({}).passthrough() })
    .passthrough(),
  network: z.unknown(),
  training: z.object({}).passthrough(),
  series: z.array(
    z.object({
      id: z.string(),
      scalers: z.object({ inputs: z.array(z.unknown()).min(1), target: z.unknown() }),
      intervals: widths,
      validation: z.object({
        origins: z.number().int(),
        smape: finite,
        mase: finite,
        score: finite,
        mae: finite.optional(),
        naiveMae: finite.optional(),
      }),
      nonNegative: z.boolean(),
      statics: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
    }),
  ),
  statics: z
    .array(
      z.discriminatedUnion('kind', [
        z.object({ name: z.string(), kind: z.literal('number'), mean: finite, sd: finite.positive() }),
        z.object({ name: z.string(), kind: z.literal('category'), levels: z.array(z.string()).min(1) }),
      ]),
    )
    .default([]),
  relativeIntervals: widths,
  excluded: z.array(z.object({ id: z.string(), reason: z.string() })),
  warnings: z.array(z.string()),
  members: z.array(z.unknown()).optional(),
});

/** JSON has no Infinity: a refit's "never stop early" patience is written as null. */
export function globalModelToJSON(model: GlobalModel): unknown {
  const patience = model.config.training.patienceEpochs;
  return {
    format: GLOBAL_MODEL_FORMAT,
    version: GLOBAL_MODEL_VERSION,
    ...model,
    config: {
      ...model.config,
      training: { ...model.config.training, patienceEpochs: Number.isFinite(patience) ? patience : null },
    },
    network: networkToJSON(model.network),
    series: model.series.map((s) => ({
      ...s,
      scalers: { inputs: s.scalers.inputs.map((x) => x.toJSON()), target: s.scalers.target.toJSON() },
    })),
    members: model.members?.map(globalModelToJSON),
  };
}

/**
 * @example
 * const copy = globalModelFromJSON(JSON.parse(JSON.stringify(globalModelToJSON(model))));
 */
export function globalModelFromJSON(json: unknown, source = 'global model'): GlobalModel {
  const doc = json as { format?: unknown } | null;
  if (typeof doc !== 'object' || doc === null || doc.format !== GLOBAL_MODEL_FORMAT)
    throw new ModelFileError(
      `${source} is not a Recurrent global model file (format ${JSON.stringify(doc?.format)})`,
    );
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ModelFileError(`${source} is invalid at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const m = parsed.data;
  const training = m.config.training as { patienceEpochs?: number | null };
  try {
    return {
      kind: 'global',
      createdAt: m.createdAt,
      config: {
        ...(m.config as unknown as ForecastConfig),
        training: {
          ...(m.config.training as unknown as ForecastConfig['training']),
          patienceEpochs: training.patienceEpochs ?? Number.POSITIVE_INFINITY,
        },
      },
      network: networkFromJSON(m.network),
      training: m.training as unknown as GlobalModel['training'],
      series: m.series.map((s) => ({
        ...s,
        scalers: { inputs: s.scalers.inputs.map(scalerFromJSON), target: scalerFromJSON(s.scalers.target) },
      })),
      statics: m.statics,
      relativeIntervals: m.relativeIntervals,
      excluded: m.excluded,
      warnings: m.warnings,
      ...(m.members
        ? { members: m.members.map((json, i) => globalModelFromJSON(json, `${source}, network ${i + 2}`)) }
        : {}),
    };
  } catch (e) {
    throw new ModelFileError(`${source} is invalid: ${(e as Error).message}`);
  }
}

/** Written atomically: a crash leaves the old file or the new one, never half. */
export async function saveGlobalModel(model: GlobalModel, path: string): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(globalModelToJSON(model))}\n`);
}

export async function loadGlobalModel(path: string): Promise<GlobalModel> {
  const model = await loadAnyModel(path);
  if (model.kind !== 'global')
    throw new ModelFileError(`model file ${path} holds a model of one series, not a global one`);
  return model;
}

/**
 * A model file of either kind: a global model, or a model of one series (ForecastModel).
 *
 * @example
 * const model = await loadAnyModel('model.json');
 * if (model.kind === 'global') forecastGlobal(model, series); else forecast(model, series);
 */
export async function loadAnyModel(
  path: string,
): Promise<GlobalModel | (ForecastModel & { kind?: undefined })> {
  const json = await readModelJson(path);
  const format = (json as { format?: unknown } | null)?.format;
  return format === GLOBAL_MODEL_FORMAT
    ? globalModelFromJSON(json, `model file ${path}`)
    : modelFromJSON(json, `model file ${path}`);
}
