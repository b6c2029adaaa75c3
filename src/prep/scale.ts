// Scalers, fitted on the training slice only (LESSONS #1): `fitScaler` is the one way to
// make one, and its parameters serialise with a model. A scaler maps raw x through the
// steps of value-steps.ts (log, first or seasonal differences, window-relative) to y, then
// z = (y − center) / scale. Differencing and window-relative scaling need an anchor on
// both transform and inverse: the actual values just before the values (one for
// differences, a season of m for seasonal differences) or the window's last observed value
// (window-relative); window-level helpers in window-scale.ts.
import { PrepError } from './errors.ts';
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

export type { ScalerKind } from './scaler-stats.ts';
export type { Anchor, RelativeMode, ValueTransform } from './value-steps.ts';
export { leadValues } from './value-steps.ts';
export { rangeWarnings } from './range-check.ts';

export interface ScalerSpec {
  kind: ScalerKind;
  transform?: ValueTransform;
  /** Seasonal difference only: m, the lag of the difference. */
  seasonLength?: number;
  /** Express each window relative to its last observed value, so trends leaving the training range stay forecastable. */
  windowRelative?: boolean;
  /** Window-relative only: the window the statistics are gathered over. */
  windowLength?: number;
  horizonSteps?: number;
}

export interface ScalerParams {
  /** z = (y − center) / scale, y being the value after the transform steps. */
  center: number;
  scale: number;
  /** Range of y over the training slice: values outside it are extrapolation. */
  fitMin: number;
  fitMax: number;
  /** Training samples the statistics came from. */
  count: number;
  /** Window-relative: ratio x/anchor − 1 when the training values are all positive (and not logged), else offset x − anchor. */
  relative: RelativeMode | null;
}

export interface ScalerJSON {
  format: 'recurrent-scaler';
  version: 1;
  spec: ScalerSpec;
  params: ScalerParams;
}

export interface FittedScaler {
  readonly spec: Readonly<ScalerSpec>;
  readonly params: Readonly<ScalerParams>;
  /** true for (seasonal) differences and window-relative scaling. */
  readonly needsAnchor: boolean;
  /** Raw values the anchor holds: 0, 1, or m for a seasonal difference. */
  readonly anchorLength: number;
  transform(values: Float64Array, anchor?: Anchor): Float64Array;
  inverse(scaled: Float64Array, anchor?: Anchor): Float64Array;
  toJSON(): ScalerJSON;
}

const KINDS: readonly ScalerKind[] = ['minmax', 'zscore', 'robust', 'none'];
const TRANSFORMS: readonly ValueTransform[] = ['none', 'log', 'difference', 'seasonal-difference'];

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
  const steps = stepsOf(clean, relative);
  const window = { length: clean.windowLength ?? 1, horizon: clean.horizonSteps ?? 1 };
  const stats = affineStats(trainingSamples(trainSlice, steps, window), clean.kind);
  return createScaler(clean, {
    center: stats.center,
    scale: stats.scale,
    fitMin: stats.min,
    fitMax: stats.max,
    count: stats.count,
    relative,
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
  if (record.version !== 1) {
    throw new PrepError(
      `scaler format version ${String(record.version)} is not supported (this build reads version 1)`,
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
  const { center, scale, fitMin, fitMax, count, relative } = params!;
  return createScaler(spec, { center, scale, fitMin, fitMax, count, relative });
}

// The first thing wrong with saved parameters, or null.
function invalidParams(params: ScalerParams | undefined | null, spec: ScalerSpec): string | null {
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
  return relativeOk ? null : 'relative does not match windowRelative';
}

function stepsOf(spec: ScalerSpec, relative: RelativeMode | null): Steps {
  return { transform: spec.transform ?? 'none', relative, seasonLength: spec.seasonLength };
}

function createScaler(spec: ScalerSpec, params: ScalerParams): FittedScaler {
  const steps = stepsOf(spec, params.relative);
  const frozenSpec = Object.freeze({ ...spec });
  const frozenParams = Object.freeze({ ...params });
  return Object.freeze({
    spec: frozenSpec,
    params: frozenParams,
    needsAnchor: anchorLength(steps) > 0,
    anchorLength: anchorLength(steps),
    transform(values: Float64Array, anchor?: Anchor): Float64Array {
      const y = applySteps(values, steps, anchor);
      for (let i = 0; i < y.length; i++) y[i] = (y[i]! - frozenParams.center) / frozenParams.scale;
      return y;
    },
    inverse(scaled: Float64Array, anchor?: Anchor): Float64Array {
      const y = new Float64Array(scaled.length);
      for (let i = 0; i < y.length; i++) y[i] = scaled[i]! * frozenParams.scale + frozenParams.center;
      return undoSteps(y, steps, anchor);
    },
    toJSON(): ScalerJSON {
      return { format: 'recurrent-scaler', version: 1, spec: { ...frozenSpec }, params: { ...frozenParams } };
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
  if (
    spec.windowRelative === true &&
    (spec.transform === 'difference' || spec.transform === 'seasonal-difference')
  ) {
    throw new PrepError('differences and window-relative scaling do not combine', {
      field: 'windowRelative',
      hint: 'Choose one of them: both already remove the level.',
    });
  }
  if (
    spec.transform === 'seasonal-difference' &&
    !(Number.isInteger(spec.seasonLength) && spec.seasonLength! >= 1)
  ) {
    throw new PrepError(
      `a seasonal difference needs a whole season length ≥ 1, got ${String(spec.seasonLength)}`,
      {
        field: 'seasonLength',
        hint: 'Pass seasonLength (m) in the spec, e.g. 24 for hourly data with a daily cycle.',
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
