// The one config a global model shares across its series: horizon, season, window and
// network are the same for all, chosen by auto mode for the series of median length among
// those that can be validated. The window serves the typical series: a series too short
// for it (and for the seasons its scaling looks back on) is left out, with the reason, and
// gets auto mode's fit of its own when forecast (forecast-collection.ts). On M4 Weekly
// (80 to 2,597 weeks), resolving from the shortest series gave every series a window of 12
// weeks and OWA 0.94; see bench/M4-global.md. Scaling differs: each
// series keeps its own scalers, fitted on its own values, so a series of units and one of
// millions train one network on the same footing. The default is ES-RNN's: each series
// divided by its own exponentially smoothed level and season (additive where it is not
// positive); without a season, a z-score of each window by its own values.
import type { TimeSeries } from '../../data/types.ts';
import type { ScalerSpec } from '../../prep/scale.ts';
import type { SplitRanges } from '../../prep/split.ts';
import { AUTO_DEFAULTS, ConfigError, defaultSeasonLength, resolveForecastConfig } from '../auto.ts';
import type { ForecastConfig, ForecastOptions, ForecastStrategy } from '../config.ts';
import { headOutputs } from '../config.ts';
import { planSplit } from '../plan-split.ts';
import { firstOrigin } from '../prepare.ts';

export const GLOBAL_DEFAULTS = {
  strategy: 'direct',
  // An epoch is a seeded random draw of this many windows from every series' windows: 414
  // M4 Hourly series hold 180,000, one pass over which takes minutes here; early stopping
  // needs many shorter epochs to act on.
  epochWindows: 16_384,
  // About forty such epochs with the default network: the fit and its refit stay within
  // minutes on this machine's two cores (bench/M4.md, the global model).
  maxTrainingWork: 2e11,
  // The wall-clock limit stays a safety net, as for one series: a fit over hundreds of
  // series takes minutes, and the work cap is what bounds it.
  maxTrainingMs: 1_800_000,
  /** Validation windows scored per series each epoch (the last ones, evenly spaced). */
  validationWindowsPerSeries: 8,
} as const;

export interface GlobalPlan {
  config: ForecastConfig;
  /** Series the network trains on and forecasts, in the order given. */
  usable: TimeSeries[];
  /** Series too short for a window, a validation origin, or both: why, per id. */
  excluded: { id: string; reason: string }[];
}

/**
 * @example
 * const { config, usable, excluded } = planGlobal(series, { horizonSteps: 48 });
 */
export function planGlobal(collection: readonly TimeSeries[], options: ForecastOptions): GlobalPlan {
  if (collection.length === 0) throw new ConfigError('a global model needs at least one series');
  const ids = new Set<string>();
  for (const s of collection) {
    if (ids.has(s.id)) throw new ConfigError(`series "${s.id}" appears twice; every series needs its own id`);
    ids.add(s.id);
    if (s.features.length > 0 && [...(options.features ?? []), ...(options.futureFeatures ?? [])].length > 0)
      throw new ConfigError('a global model forecasts the target alone for now: drop the features');
    const [a, b] = [collection[0]!.frequency, s.frequency];
    if (a.unit !== b.unit || a.step !== b.step)
      throw new ConfigError(
        `one global model needs one frequency: series "${s.id}" is ${b.label}, "${collection[0]!.id}" ${a.label}`,
      );
  }
  const h = options.horizonSteps;
  const fractions = options.split ?? AUTO_DEFAULTS.split;
  const validating = collection.filter((s) => globalSplit(s.values.length, h, fractions).canValidate);
  if (validating.length === 0)
    throw new ConfigError(`no series is long enough to validate a ${h}-step forecast`);
  const byLength = [...validating].sort((a, b) => a.values.length - b.values.length);
  const typical = byLength[(byLength.length - 1) >> 1]!;
  const strategy = options.strategy ?? GLOBAL_DEFAULTS.strategy;
  const season = options.seasonLength ?? defaultSeasonLength(typical.frequency);
  const config = resolveForecastConfig(typical, {
    ...options,
    features: [],
    extraSeasons: [],
    // One network over every series reads their targets alone.
    calendar: false,
    scaler: options.scaler ?? defaultGlobalScaler(season, strategy),
    strategy,
    training: {
      maxTrainingWork: GLOBAL_DEFAULTS.maxTrainingWork,
      epochWindows: GLOBAL_DEFAULTS.epochWindows,
      maxTrainingMs: GLOBAL_DEFAULTS.maxTrainingMs,
      ...options.training,
    },
  });
  const usable: TimeSeries[] = [];
  const excluded: GlobalPlan['excluded'] = [];
  for (const s of collection) {
    const plan = globalSplit(s.values.length, h, config.split);
    const windows = plan.split.train[1] - firstOrigin(config) - headOutputs(config) + 1;
    if (!plan.canValidate)
      excluded.push({
        id: s.id,
        reason: `${s.values.length} values cannot hold a validation split for ${h} steps`,
      });
    else if (windows < 1)
      excluded.push({
        id: s.id,
        reason: `${plan.split.train[1]} training values give no window of ${config.windowLength} + ${headOutputs(config)}`,
      });
    else usable.push(s);
  }
  return { config, usable, excluded };
}

/**
 * On five stores a million apart in scale (test/forecast/global.test.ts), the ES-normalised
 * network beat seasonal naive on validation on all five (scores 0.71–0.88); a seasonal
 * difference on four (0.81–1.00), and window-relative z-scores on two after 80 epochs.
 */
export function defaultGlobalScaler(seasonLength: number, strategy: ForecastStrategy): ScalerSpec {
  return seasonLength >= 2 && strategy === 'direct'
    ? { kind: 'zscore', transform: 'es-normalise', seasonLength }
    : { kind: 'zscore', windowRelative: true };
}

/**
 * Everything before the last validation values trains: a global model reports each
 * series' validation score, not a test split, so none is held back (a single-series fit
 * keeps one for its honest test report). The validation part is sized as planSplit sizes it.
 */
export function globalSplit(
  n: number,
  horizonSteps: number,
  fractions: { validation: number },
): { split: SplitRanges; canValidate: boolean } {
  const plan = planSplit(n, horizonSteps, { validation: fractions.validation, test: 0 });
  const v = plan.split.validation[1] - plan.split.validation[0];
  return {
    canValidate: plan.canValidate,
    split: { train: [0, n - v], validation: [n - v, n], test: [n, n] },
  };
}
