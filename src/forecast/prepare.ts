// Turns a cleaned series and a resolved config into what the engine trains on: the raw
// columns (target first), a chronological split, scalers fitted on the training slice
// only (docs/lessons.md #1), and scaled windows for each split. A long series' training
// windows are cut per minibatch rather than held at once, and when its epochs are
// subsampled (train/epoch-plan.ts) it is validated on an evenly spaced subset of windows.
import type { TimeSeries } from '../data/types.ts';
import { fitScaler, leadValues } from '../prep/scale.ts';
import type { FittedScaler } from '../prep/scale.ts';
import { trainSlice } from '../prep/split.ts';
import type { SplitRanges } from '../prep/split.ts';
import { scaleWindows } from '../prep/window-scale.ts';
import type { ScaledWindows } from '../prep/window-scale.ts';
import { scaledWindowSource } from '../prep/window-source.ts';
import type { ScaledWindowSource } from '../prep/window-source.ts';
import { makeWindows, windowSpan } from '../prep/window.ts';
import { planEpochs, validationWindowLimit } from '../train/epoch-plan.ts';
import type { EpochPlan } from '../train/epoch-plan.ts';
import type { ForecastConfig } from './config.ts';
import { headOutputs } from './config.ts';
import { calendarInputColumns, futureInputColumns, futureInputCount } from './future-columns.ts';

export interface ModelScalers {
  inputs: FittedScaler[];
  target: FittedScaler;
}

/** The network's input columns: the target, the past-only features, each known-future column and its leads. */
export function inputColumnCount(
  config: Pick<ForecastConfig, 'features' | 'futureFeatures' | 'calendar' | 'horizonSteps'>,
): number {
  return 1 + config.features.length + futureInputCount(config);
}

/** Target first, then the config's features, then the known-future inputs, as the network reads them. */
export function columnsOf(
  series: TimeSeries,
  config: Pick<ForecastConfig, 'target' | 'features' | 'futureFeatures' | 'calendar' | 'horizonSteps'>,
): Float64Array[] {
  if (series.target !== config.target)
    throw new Error(`the series' target is "${series.target}" but the model forecasts "${config.target}"`);
  return [
    series.values,
    ...config.features.map((name) => {
      const feature = series.features.find((f) => f.name === name);
      if (!feature) throw new Error(`the model needs feature "${name}", which the series does not have`);
      return feature.values;
    }),
    ...futureInputColumns(series, config),
    ...calendarInputColumns(series, config),
  ];
}

/** The first origin a window can start from: a (seasonally) differenced input also needs the values before it. */
export function firstOrigin(config: Pick<ForecastConfig, 'windowLength' | 'scaler'>): number {
  return config.windowLength + leadValues(config.scaler);
}

export function fitModelScalers(
  columns: readonly Float64Array[],
  split: SplitRanges,
  config: ForecastConfig,
): ModelScalers {
  const target = fitScaler(trainSlice(columns[0]!, split), {
    ...config.scaler,
    windowLength: config.windowLength,
    horizonSteps: headOutputs(config),
  });
  // Features keep a plain z-score: their levels matter, and they are never forecast. A
  // known-future column's leads run past the history at its end (NaN where no future row
  // was given): no window reads those, and the scaler is fitted on the values it can read.
  const features = columns
    .slice(1)
    .map((column) => fitScaler(trainSlice(column, split).filter(Number.isFinite), { kind: 'zscore' }));
  return { inputs: [target, ...features], target };
}

/**
 * Above this many input values (windows × window length × features: 64 MB of float64) the
 * training windows are cut per minibatch instead of held at once. Every bundled dataset and
 * M4 series sits far below it, and trains on its windows held at once, as it always has.
 */
export const ON_DEMAND_INPUT_VALUES = 2 ** 23;

export function windowOptions(range: readonly [number, number], config: ForecastConfig) {
  return {
    windowLength: config.windowLength,
    horizonSteps: headOutputs(config),
    targetRange: range,
    firstInput: firstOrigin(config) - config.windowLength,
  };
}

/** `stride` > 1 keeps every stride-th window, ending with the most recent one. */
export function windowsFor(
  columns: readonly Float64Array[],
  range: readonly [number, number],
  scalers: ModelScalers,
  config: ForecastConfig,
  stride = 1,
): ScaledWindows {
  const windows = makeWindows(columns, { ...windowOptions(range, config), stride });
  return scaleWindows(windows, columns, scalers);
}

export interface PreparedData {
  columns: Float64Array[];
  split: SplitRanges;
  scalers: ModelScalers;
  /** Windows held at once, or, for a long series, cut per minibatch. */
  train: ScaledWindows | ScaledWindowSource;
  /** null when the split has no validation values (a refit on all the data). */
  validation: ScaledWindows | null;
  /** How the epochs will use the windows: all of them, or a random subset each (null when no network size was given). */
  plan: EpochPlan | null;
  /** Validation windows in the split, and how many of them (evenly spaced) are scored. */
  validationWindows: { available: number; scored: number };
}

/**
 * `split` says which values train the network and which it is validated on. With the
 * network's parameterCount, a series too long for one epoch within the work cap is
 * validated on an evenly spaced subset of its windows, as many as its subsampled epochs
 * can afford to score.
 */
export function prepareTraining(
  series: TimeSeries,
  config: ForecastConfig,
  split: SplitRanges,
  parameterCount?: number,
): PreparedData {
  const columns = columnsOf(series, config);
  const scalers = fitModelScalers(columns, split, config);
  const T = config.windowLength;
  const trainSpan = windowSpan(columns, windowOptions(split.train, config));
  const trainCount = trainSpan.latest - trainSpan.earliest + 1;
  const train =
    trainCount * T * columns.length > ON_DEMAND_INPUT_VALUES
      ? scaledWindowSource(columns, windowOptions(split.train, config), scalers)
      : windowsFor(columns, split.train, scalers, config);
  const plan =
    parameterCount === undefined
      ? null
      : planEpochs({
          parameterCount,
          windowLength: T,
          trainWindows: trainCount,
          batchSize: Math.min(config.training.batchSize, trainCount),
          maxTrainingWork: config.training.maxTrainingWork,
        });
  let validation: ScaledWindows | null = null;
  let validationWindows = { available: 0, scored: 0 };
  if (split.validation[1] > split.validation[0]) {
    const span = windowSpan(columns, windowOptions(split.validation, config));
    const available = span.latest - span.earliest + 1;
    const limit = Math.min(
      plan ? validationWindowLimit(plan) : Number.POSITIVE_INFINITY,
      Math.max(1, Math.floor(ON_DEMAND_INPUT_VALUES / (T * columns.length))),
    );
    const stride = available > limit ? Math.ceil(available / limit) : 1;
    validation = windowsFor(columns, split.validation, scalers, config, stride);
    validationWindows = { available, scored: validation.count };
  }
  return { columns, split, scalers, train, validation, plan, validationWindows };
}
