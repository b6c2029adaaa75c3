// Auto mode: fills in every setting the caller left out, from the data. The choices and
// the experiments behind them are recorded in bench/ACCURACY.md.
import type { Frequency, TimeSeries } from '../data/types.ts';
import type { ScalerSpec } from '../prep/scale.ts';
import type { SplitRanges } from '../prep/split.ts';
import { DEFAULT_TRAINING } from '../train/config.ts';
import type { ForecastConfig, ForecastOptions } from './config.ts';
import { ARCHITECTURES, FORECAST_STRATEGIES, headOutputs } from './config.ts';
import { calendarFor } from './auto-calendar.ts';
import { ConfigError } from './config-error.ts';
import { autoExtraSeasons, checkedExtraSeasons } from './extra-seasons.ts';
import { planSplit } from './plan-split.ts';

export { ConfigError };

/** The season a frequency usually carries: a day of hours, a week of days, a year of months. */
export function defaultSeasonLength(frequency: Frequency): number {
  const perUnit: Record<Frequency['unit'], number> = {
    second: 60,
    minute: 60,
    hour: 24,
    day: 7,
    'business-day': 5,
    week: 52,
    month: 12,
    quarter: 4,
    year: 1,
  };
  return Math.max(1, Math.round(perUnit[frequency.unit] / Math.max(1, frequency.step)));
}

/**
 * A series is "trending" when the second half of its training slice sits more than one
 * standard deviation (of the first half) away from the first half: levels it will be
 * asked to forecast are likely outside anything a global scaler saw.
 */
export function isTrending(train: Float64Array): boolean {
  const half = Math.floor(train.length / 2);
  if (half < 4) return false;
  const stats = (from: number, to: number) => {
    let s = 0,
      ss = 0;
    for (let i = from; i < to; i++) {
      s += train[i]!;
      ss += train[i]! * train[i]!;
    }
    const mean = s / (to - from);
    return { mean, sd: Math.sqrt(Math.max(0, ss / (to - from) - mean * mean)) };
  };
  const first = stats(0, half),
    second = stats(half, train.length);
  return Math.abs(second.mean - first.mean) > Math.max(first.sd, 1e-12);
}

/**
 * Share of validation values outside the training range. Choosing the scaler is model
 * selection, which is what the validation split is for; the test split is never looked at.
 */
export function shareOutsideRange(train: Float64Array, validation: Float64Array): number {
  let low = Infinity,
    high = -Infinity;
  for (const v of train) {
    if (v < low) low = v;
    if (v > high) high = v;
  }
  let outside = 0;
  for (const v of validation) if (v < low || v > high) outside++;
  return validation.length === 0 ? 0 : outside / validation.length;
}

/** Window-relative scaling for series that trend away from their training range (docs/lessons.md #7). */
export function defaultScaler(train: Float64Array, validation: Float64Array): ScalerSpec {
  const trending = isTrending(train) || shareOutsideRange(train, validation) > 0.1;
  return trending ? { kind: 'zscore', windowRelative: true } : { kind: 'zscore' };
}

export const AUTO_DEFAULTS = {
  split: { validation: 0.15, test: 0.15 },
  network: { cell: 'gru', hiddenSize: 32, layers: 1 },
  strategy: 'direct',
  maxWindowLength: 64,
  minWindowLength: 8,
  // The work cap bounds a fit on a long series (about 15–20 s for the default network here)
  // and, unlike a wall-clock budget, does not depend on machine load: same seed, same model.
  // The wall-clock limit is only a safety net for a much slower machine.
  training: {
    ...DEFAULT_TRAINING,
    maxEpochs: 80,
    batchSize: 32,
    learningRate: 3e-3,
    patienceEpochs: 8,
    maxTrainingWork: 6e9,
    maxTrainingMs: 120_000,
  },
} as const;

/**
 * Auto mode: the full config for a series, every setting the options leave out chosen
 * from the data (season from the frequency, window from season and horizon, scaler,
 * strategy, network, training budget). Throws a ConfigError for settings that cannot work.
 *
 * @example
 * const config = resolveForecastConfig(series, { horizonSteps: 14 }); // daily temp_max
 * config.seasonLength; // 7
 * config.windowLength; // 28
 * config.network; // { cell: 'gru', hiddenSize: 32, layers: 1 }
 */
export function resolveForecastConfig(series: TimeSeries, options: ForecastOptions): ForecastConfig {
  const h = options.horizonSteps;
  if (!Number.isInteger(h) || h < 1)
    throw new ConfigError(`horizon must be a whole number of steps ≥ 1, got ${h}`);
  const target = options.target ?? series.target;
  if (target !== series.target)
    throw new ConfigError(`the series' target is "${series.target}", not "${target}"`);
  // Known-future columns: as given, else those the series brought future rows for.
  const futureFeatures = options.futureFeatures ?? series.future?.features.map((f) => f.name) ?? [];
  const features =
    options.features ?? series.features.map((f) => f.name).filter((name) => !futureFeatures.includes(name));
  for (const name of [...features, ...futureFeatures]) {
    if (!series.features.some((f) => f.name === name))
      throw new ConfigError(
        `feature "${name}" is not a column of the series (columns: ${[series.target, ...series.features.map((f) => f.name)].join(', ')})`,
      );
  }
  const both = features.find((name) => futureFeatures.includes(name));
  if (both !== undefined)
    throw new ConfigError(
      `"${both}" is listed both as a past-only feature and as known in the future; list it once`,
    );
  const inputs = features.length + futureFeatures.length;
  const seq2seq = options.network?.architecture === 'seq2seq';
  const strategy =
    options.strategy ?? (inputs > 0 || h > 1 || seq2seq ? AUTO_DEFAULTS.strategy : 'recursive');
  if (!FORECAST_STRATEGIES.includes(strategy))
    throw new ConfigError(`strategy must be recursive or direct, got ${String(strategy)}`);
  if (seq2seq && strategy === 'recursive')
    throw new ConfigError(
      'a seq2seq network decodes all h steps itself, which is the direct strategy: drop strategy "recursive"',
    );
  const architecture = options.network?.architecture;
  if (architecture !== undefined && !ARCHITECTURES.includes(architecture))
    throw new ConfigError(`architecture must be ${ARCHITECTURES.join(' or ')}, got ${String(architecture)}`);
  const calendar = calendarFor(series, options, strategy);
  if (strategy === 'recursive' && calendar !== undefined)
    throw new ConfigError(
      'calendar inputs are read over the horizon, which a one-step recursive model cannot: use strategy "direct"',
    );
  if (strategy === 'recursive' && (futureFeatures.length > 0 || (features.length > 0 && h > 1))) {
    throw new ConfigError(
      `recursive forecasting would need the future values of ${[...features, ...futureFeatures].join(', ')}; use strategy "direct", or drop the features`,
    );
  }
  const seasonLength = options.seasonLength ?? defaultSeasonLength(series.frequency);
  if (!Number.isInteger(seasonLength) || seasonLength < 1)
    throw new ConfigError(`season length must be a whole number ≥ 1, got ${seasonLength}`);
  const split = options.split ?? AUTO_DEFAULTS.split;
  // The very split fit() will train on, so the window and the scaler are chosen from it.
  const {
    train: [, trainEnd],
    validation: [, validationEnd],
  } = planSplit(series.values.length, h, split).split;
  const extraSeasons =
    options.extraSeasons ??
    autoExtraSeasons(series.frequency, seasonLength, series.values.subarray(0, trainEnd));
  const extraProblem = checkedExtraSeasons(extraSeasons, seasonLength);
  if (extraProblem !== null) throw new ConfigError(extraProblem);
  const windowLength = options.windowLength ?? autoWindowLength(seasonLength, h, trainEnd);
  const chosen =
    options.scaler ??
    defaultScaler(series.values.subarray(0, trainEnd), series.values.subarray(trainEnd, validationEnd));
  // A seasonal difference left without its lag takes the series' season.
  const seasonal = chosen.transform === 'seasonal-difference' || chosen.transform === 'es-normalise';
  const scaler = seasonal ? { seasonLength, ...chosen } : chosen;
  if (scaler.transform === 'es-normalise' && strategy === 'recursive')
    throw new ConfigError(
      'es-normalise scaling forecasts directly (as ES-RNN does): its smoother state cannot be fed back step by step; use strategy "direct"',
    );
  return {
    target,
    features,
    ...(futureFeatures.length > 0 ? { futureFeatures } : {}),
    ...(calendar ? { calendar } : {}),
    horizonSteps: h,
    seasonLength,
    ...(extraSeasons.length > 0 ? { extraSeasons } : {}),
    windowLength,
    strategy,
    network: { ...AUTO_DEFAULTS.network, ...options.network },
    scaler,
    split,
    training: { ...AUTO_DEFAULTS.training, ...options.training },
  };
}

/** Two seasons (or two horizons) of history, kept within what the training slice can feed. */
export function autoWindowLength(seasonLength: number, horizonSteps: number, trainLength: number): number {
  const wanted = Math.max(2 * seasonLength, 2 * horizonSteps, AUTO_DEFAULTS.minWindowLength);
  const cap = Math.max(2, Math.min(AUTO_DEFAULTS.maxWindowLength, Math.floor(trainLength / 4)));
  return Math.min(wanted, cap);
}

/** Fewer training windows than this leave a seasonal-difference model too little to learn from. */
const MIN_SEASONAL_WINDOWS = 16;

/**
 * Whether the training slice holds enough windows for a network on the series differenced
 * at season m: each window needs m values before it to difference against.
 */
export function roomForSeasonalDifference(config: ForecastConfig, split: SplitRanges, m: number): boolean {
  const windows = split.train[1] - (config.windowLength + m + headOutputs(config)) + 1;
  return m >= 2 && windows >= MIN_SEASONAL_WINDOWS;
}

/**
 * The target scalers auto mode fits and then chooses between by validation MAE (model
 * selection on the validation split; the test split is never looked at): its level scaler,
 * and, when the series has a season (m ≥ 2) with room for it, a seasonal difference
 * y_t − y_{t−m} and (direct strategy) the exponential-smoothing normalisation. A smooth,
 * stable cycle (hourly normals) is nearly all seasonal-naive signal that a level model must
 * relearn; the difference leaves only what changes. A caller who gives a scaler has
 * chosen: one candidate. Experiment (b) in bench/ACCURACY.md, and bench/M4.md.
 */
export function scalerCandidates(
  options: ForecastOptions | ForecastConfig,
  config: ForecastConfig,
  split: SplitRanges,
): ScalerSpec[] {
  if (options.scaler !== undefined) return [config.scaler];
  const m = config.seasonLength;
  if (!roomForSeasonalDifference(config, split, m)) return [config.scaler];
  const seasonal: ScalerSpec[] = [{ kind: 'zscore', transform: 'seasonal-difference', seasonLength: m }];
  // ES-RNN's normalisation: the network sees the series divided by its smoothed level and
  // season. It forecasts directly, and its smoother starts from two seasons of history.
  if (config.strategy === 'direct')
    seasonal.push({ kind: 'zscore', transform: 'es-normalise', seasonLength: m });
  return [config.scaler, ...seasonal];
}

/**
 * A scaler in words, for reports: "z-score", "window-relative (ratio)", "seasonal difference
 * (m = 24) + z-score".
 *
 * @example
 * describeScaler({ kind: 'zscore', transform: 'seasonal-difference', seasonLength: 7 });
 * // "seasonal difference (m = 7) + z-score"
 */
export function describeScaler(spec: ScalerSpec): string {
  const kind = spec.kind === 'zscore' ? 'z-score' : spec.kind;
  const transform = transformWords(spec);
  // Window-relative scaling comes after the transform: "log, window-relative + z-score".
  const steps = [transform, spec.windowRelative === true ? 'window-relative' : null].filter(
    (s) => s !== null,
  );
  if (steps.length === 0) return kind;
  return `${steps.join(', ')}${spec.kind === 'none' ? '' : ` + ${kind}`}`;
}

function transformWords(spec: ScalerSpec): string | null {
  switch (spec.transform) {
    case 'seasonal-difference':
      return `seasonal difference (m = ${spec.seasonLength})`;
    case 'es-normalise':
      return `exponential-smoothing normalised (m = ${spec.seasonLength})`;
    case 'difference':
      return 'difference';
    case 'log':
      return 'log';
    default:
      return null;
  }
}
