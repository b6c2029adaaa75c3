// Scalers, fitted on the training slice only (docs/lessons.md #1): `fitScaler` is the one way to
// make one, and its parameters serialise with a model. A scaler maps raw x through the
// steps of value-steps.ts (log, first or seasonal differences, window-relative) to y, then
// z = (y − center) / scale. Differencing and window-relative scaling need an anchor on
// both transform and inverse: the actual values just before the values (one for
// differences, a season of m for seasonal differences) or the window's last observed value
// (window-relative); window-level helpers in window-scale.ts. es-normalise (es-normalise.ts)
// divides by an exponential smoother's level and seasonal factors instead, its anchor being
// the smoother's state at the origin, read off a path each scaler runs once per column.
import { rawColumnAnchors } from './column-anchors.ts';
import { PrepError } from './errors.ts';
import { fitSmoothing } from './es-fit.ts';
import {
  esColumnAnchors,
  esDenormalise,
  esNormalise,
  esTrainingSamples,
  type EsSmoothing,
} from './es-normalise.ts';
import type { SmoothingConstants } from './es-smoother.ts';
import { affineStats, trainingSamples, type ScalerKind } from './scaler-stats.ts';
import {
  anchorLength,
  applySteps,
  undoSteps,
  type Anchor,
  type RelativeMode,
  type Steps,
  type ValueTransform,
} from './value-steps.ts';
import type { FittedScaler, ScalerJSON, ScalerParams, ScalerSpec } from './scaler-types.ts';

export type { ScalerKind } from './scaler-stats.ts';
export type { ColumnAnchors } from './column-anchors.ts';
export type { EsSmoothing } from './es-normalise.ts';
export type { Anchor, RelativeMode, ValueTransform } from './value-steps.ts';
export { leadValues } from './value-steps.ts';
export { rangeWarnings } from './range-check.ts';
export type { FittedScaler, ScalerJSON, ScalerParams, ScalerSpec } from './scaler-types.ts';

const KINDS: readonly ScalerKind[] = ['minmax', 'zscore', 'robust', 'none'];
const TRANSFORMS: readonly ValueTransform[] = [
  'none',
  'log',
  'difference',
  'seasonal-difference',
  'es-normalise',
];
const FORMS: readonly EsSmoothing['form'][] = ['multiplicative', 'additive'];

export function fitScaler(trainSlice: Float64Array, spec: ScalerSpec): FittedScaler {
  const clean = checkSpec(spec);
  for (let i = 0; i < trainSlice.length; i++) {
    if (!Number.isFinite(trainSlice[i]!)) {
      throw new PrepError(`the training slice holds ${trainSlice[i]} at index ${i}`, {
        field: 'trainSlice',
        hint: 'Clean the series before fitting (ingestCsv fills or drops missing values).',
      });
    }
  }
  if (trainSlice.length < 2) {
    throw new PrepError(`a scaler needs at least 2 training values, got ${trainSlice.length}`, {
      field: 'trainSlice',
      hint: 'Train on a longer part of the series.',
    });
  }
  let relative: RelativeMode | null = null;
  if (clean.windowRelative === true) {
    relative = clean.transform !== 'log' && trainSlice.every((v) => v > 0) ? 'ratio' : 'offset';
  }
  const window = { length: clean.windowLength ?? 1, horizon: clean.horizonSteps ?? 1 };
  let smoothing: EsSmoothing | null = null;
  let samples: Float64Array;
  if (clean.transform === 'es-normalise') {
    const { form, alpha, gamma } = fitSmoothing(trainSlice, clean.seasonLength!, window.horizon);
    smoothing = { form, alpha, gamma };
    samples = esTrainingSamples(trainSlice, constantsOf(clean, smoothing), window);
  } else {
    samples = trainingSamples(trainSlice, stepsOf(clean, relative), window);
  }
  const stats = affineStats(samples, clean.kind);
  return createScaler(clean, {
    center: stats.center,
    scale: stats.scale,
    fitMin: stats.min,
    fitMax: stats.max,
    count: stats.count,
    relative,
    smoothing,
  });
}

/** Rebuilds a scaler saved with a model; refuses anything it cannot trust. */
export function scalerFromJSON(json: unknown): FittedScaler {
  const record = json as Partial<ScalerJSON> | null;
  if (record === null || typeof record !== 'object' || record.format !== 'recurrent-scaler') {
    throw new PrepError('this is not a saved scaler', {
      field: 'scaler',
      hint: 'Load the scaler from the model file it was saved in.',
    });
  }
  if (record.version !== 1 && record.version !== 2) {
    throw new PrepError(
      `scaler format version ${String(record.version)} is not supported (this build reads versions 1 and 2)`,
      { field: 'scaler', hint: 'Refit the scaler with this version.' },
    );
  }
  const spec = checkSpec(record.spec);
  const params = record.params;
  const problem = invalidParams(params, spec);
  if (problem !== null) {
    throw new PrepError(`the saved scaler parameters are invalid (${problem})`, {
      field: 'scaler',
      hint: 'Refit the scaler; the model file may be damaged.',
    });
  }
  const { center, scale, fitMin, fitMax, count, relative, smoothing } = params!;
  return createScaler(spec, {
    center,
    scale,
    fitMin,
    fitMax,
    count,
    relative,
    smoothing:
      smoothing === undefined || smoothing === null
        ? null
        : { form: smoothing.form, alpha: smoothing.alpha, gamma: smoothing.gamma },
  });
}

// The first thing wrong with saved parameters, or null.
function invalidParams(params: ScalerJSON['params'] | undefined | null, spec: ScalerSpec): string | null {
  if (params === undefined || params === null || typeof params !== 'object') return 'no params';
  const bad = (['center', 'scale', 'fitMin', 'fitMax', 'count'] as const).find(
    (key) => !Number.isFinite(params[key]),
  );
  if (bad !== undefined) return `${bad} is not a finite number`;
  if (!(params.scale > 0)) return 'scale is not above 0';
  const relativeOk =
    params.relative === null
      ? spec.windowRelative !== true
      : (params.relative === 'ratio' || params.relative === 'offset') && spec.windowRelative === true;
  if (!relativeOk) return 'relative does not match windowRelative';
  // A scaler's params as they are in memory carry `smoothing: null`; accept that too.
  const smoothing = params.smoothing ?? null;
  if (spec.transform !== 'es-normalise') return smoothing === null ? null : 'smoothing without es-normalise';
  if (smoothing === null || typeof smoothing !== 'object' || !FORMS.includes(smoothing.form))
    return 'no smoothing form';
  const inUnit = (v: number): boolean => Number.isFinite(v) && v >= 0 && v <= 1;
  return inUnit(smoothing.alpha) && inUnit(smoothing.gamma) ? null : 'a smoothing constant is not in [0, 1]';
}

function constantsOf(spec: ScalerSpec, smoothing: EsSmoothing): SmoothingConstants {
  return { ...smoothing, seasonLength: spec.seasonLength! };
}

function stepsOf(spec: ScalerSpec, relative: RelativeMode | null): Steps {
  return { transform: spec.transform ?? 'none', relative, seasonLength: spec.seasonLength };
}

function createScaler(spec: ScalerSpec, params: ScalerParams): FittedScaler {
  const steps = stepsOf(spec, params.relative);
  const frozenSpec = Object.freeze({ ...spec });
  const { smoothing, ...affine } = params;
  const frozenParams = Object.freeze({ ...params, smoothing: smoothing && Object.freeze({ ...smoothing }) });
  const length = anchorLength(steps);
  // The value steps and their anchors, or es-normalise's smoother.
  const domain =
    smoothing === null
      ? {
          apply: (values: Float64Array, anchor?: Anchor) => applySteps(values, steps, anchor),
          undo: (y: Float64Array, anchor?: Anchor) => undoSteps(y, steps, anchor),
          anchorsIn: (column: Float64Array) => rawColumnAnchors(column, length, params.relative !== null),
        }
      : {
          apply: (values: Float64Array, anchor?: Anchor) => esNormalise(values, anchor, smoothing.form),
          undo: (y: Float64Array, anchor?: Anchor) => esDenormalise(y, anchor, smoothing.form),
          anchorsIn: (column: Float64Array) => esColumnAnchors(column, constantsOf(spec, smoothing)),
        };
  return Object.freeze({
    spec: frozenSpec,
    params: frozenParams,
    needsAnchor: length > 0,
    anchorLength: length,
    needsHistory: smoothing !== null,
    anchorsIn: domain.anchorsIn,
    transform(values: Float64Array, anchor?: Anchor): Float64Array {
      const y = domain.apply(values, anchor);
      for (let i = 0; i < y.length; i++) y[i] = (y[i]! - frozenParams.center) / frozenParams.scale;
      return y;
    },
    inverse(scaled: Float64Array, anchor?: Anchor): Float64Array {
      const y = new Float64Array(scaled.length);
      for (let i = 0; i < y.length; i++) y[i] = scaled[i]! * frozenParams.scale + frozenParams.center;
      return domain.undo(y, anchor);
    },
    toJSON(): ScalerJSON {
      const spec = { ...frozenSpec };
      return smoothing === null
        ? { format: 'recurrent-scaler', version: 1, spec, params: { ...affine } }
        : {
            format: 'recurrent-scaler',
            version: 2,
            spec,
            params: { ...affine, smoothing: { ...smoothing } },
          };
    },
  });
}

function checkSpec(spec: ScalerSpec | undefined): ScalerSpec {
  if (spec === undefined || spec === null || !KINDS.includes(spec.kind)) {
    throw new PrepError(`unknown scaler kind ${JSON.stringify(spec?.kind)}`, {
      field: 'kind',
      hint: `Use one of ${KINDS.join(', ')}.`,
    });
  }
  if (spec.transform !== undefined && !TRANSFORMS.includes(spec.transform)) {
    throw new PrepError(`unknown transform ${JSON.stringify(spec.transform)}`, {
      field: 'transform',
      hint: `Use one of ${TRANSFORMS.join(', ')}.`,
    });
  }
  const levelFree =
    spec.transform === 'difference' ||
    spec.transform === 'seasonal-difference' ||
    spec.transform === 'es-normalise';
  if (spec.windowRelative === true && levelFree) {
    throw new PrepError(
      `${spec.transform === 'es-normalise' ? 'es-normalise' : 'differences'} and window-relative ` +
        'scaling do not combine',
      { field: 'windowRelative', hint: 'Choose one of them: both already remove the level.' },
    );
  }
  const seasonal = spec.transform === 'seasonal-difference' || spec.transform === 'es-normalise';
  if (seasonal && !(Number.isInteger(spec.seasonLength) && spec.seasonLength! >= 1)) {
    throw new PrepError(
      `${spec.transform === 'es-normalise' ? 'es-normalise' : 'a seasonal difference'} needs a whole ` +
        `season length ≥ 1, got ${String(spec.seasonLength)}`,
      {
        field: 'seasonLength',
        hint: 'Pass seasonLength (m) in the spec, e.g. 24 for hourly data with a daily cycle (1: no season).',
      },
    );
  }
  if (
    spec.windowRelative === true &&
    spec.kind !== 'none' &&
    !(Number.isInteger(spec.windowLength) && spec.windowLength! >= 1)
  ) {
    throw new PrepError('window-relative scaling needs the windowLength its statistics are gathered over', {
      field: 'windowLength',
      hint: "Pass the model's windowLength (and horizonSteps) in the spec, or use kind 'none'.",
    });
  }
  return { ...spec };
}
