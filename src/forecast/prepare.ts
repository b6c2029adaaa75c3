// Turns a cleaned series and a resolved config into what the engine trains on: the raw
// columns (target first), a chronological split, scalers fitted on the training slice
// only (docs/lessons.md #1), and scaled windows for each split.
import type { TimeSeries } from '../data/types.ts';
import { fitScaler, leadValues } from '../prep/scale.ts';
import type { FittedScaler } from '../prep/scale.ts';
import { trainSlice } from '../prep/split.ts';
import type { SplitRanges } from '../prep/split.ts';
import { scaleWindows } from '../prep/window-scale.ts';
import type { ScaledWindows } from '../prep/window-scale.ts';
import { makeWindows } from '../prep/window.ts';
import type { ForecastConfig } from './config.ts';
import { headOutputs } from './config.ts';

export interface ModelScalers {
  inputs: FittedScaler[];
  target: FittedScaler;
}

/** Target first, then the config's features, in that order, as the network reads them. */
export function columnsOf(
  series: TimeSeries,
  config: Pick<ForecastConfig, 'target' | 'features'>,
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
  // Features keep a plain z-score: their levels matter, and they are never forecast.
  const features = columns.slice(1).map((column) => fitScaler(trainSlice(column, split), { kind: 'zscore' }));
  return { inputs: [target, ...features], target };
}

export function windowsFor(
  columns: readonly Float64Array[],
  range: readonly [number, number],
  scalers: ModelScalers,
  config: ForecastConfig,
): ScaledWindows {
  const windows = makeWindows(columns, {
    windowLength: config.windowLength,
    horizonSteps: headOutputs(config),
    targetRange: range,
    firstInput: firstOrigin(config) - config.windowLength,
  });
  return scaleWindows(windows, columns, scalers);
}

export interface PreparedData {
  columns: Float64Array[];
  split: SplitRanges;
  scalers: ModelScalers;
  train: ScaledWindows;
  /** null when the split has no validation values (a refit on all the data). */
  validation: ScaledWindows | null;
}

/** `split` says which values train the network and which it is validated on. */
export function prepareTraining(
  series: TimeSeries,
  config: ForecastConfig,
  split: SplitRanges,
): PreparedData {
  const columns = columnsOf(series, config);
  const scalers = fitModelScalers(columns, split, config);
  return {
    columns,
    split,
    scalers,
    train: windowsFor(columns, split.train, scalers, config),
    validation:
      split.validation[1] > split.validation[0]
        ? windowsFor(columns, split.validation, scalers, config)
        : null,
  };
}
