// The candidate pool auto mode selects from: the classical methods as real peers, and RNN
// candidates that differ in how the target is scaled. Which RNN candidates are offered
// depends on the data (a season, positive values whose swings grow with their level,
// enough training windows); `options.candidates` narrows the pool by name or kind.
import { CLASSICAL_METHODS } from '../classical/index.ts';
import type { TimeSeries } from '../data/types.ts';
import type { ScalerSpec } from '../prep/scale.ts';
import { leadValues } from '../prep/scale.ts';
import type { SplitRanges } from '../prep/split.ts';
import { ConfigError, roomForSeasonalDifference, scalerCandidates } from './auto.ts';
import { classicalCandidate, seasonalName } from './classical-forecaster.ts';
import { rnnSeasons } from './extra-seasons.ts';
import type { ForecastConfig, ForecastOptions } from './config.ts';
import { headOutputs } from './config.ts';
import type { Candidate } from './contract.ts';
import { rnnCandidateName } from './rnn-forecaster.ts';

/** Fewer training windows than this leave a network too little to learn from. */
const MIN_RNN_WINDOWS = 16;

export interface CandidatePool {
  classical: Candidate[];
  /** RNN candidates as configs: fit.ts fits them (on worker threads when allowed). */
  rnn: ForecastConfig[];
  /** What was left out of the pool and why. */
  notes: string[];
}

/** Every name `options.candidates` may use: a kind, or a method. */
export function candidateSelectors(): string[] {
  return ['rnn', 'classical', ...CLASSICAL_METHODS];
}

export function candidatePool(
  series: TimeSeries,
  options: ForecastOptions,
  config: ForecastConfig,
  split: SplitRanges,
): CandidatePool {
  const wanted = options.candidates;
  if (wanted !== undefined) {
    const known = candidateSelectors();
    const unknown = wanted.filter((name) => !known.includes(name));
    if (unknown.length > 0 || wanted.length === 0)
      throw new ConfigError(
        `unknown candidate ${unknown.map((u) => JSON.stringify(u)).join(', ') || '(none given)'}; choose from ${known.join(', ')}`,
      );
  }
  const allowed = (name: string, kind: string) =>
    wanted === undefined || wanted.includes(name) || wanted.includes(kind);
  const notes: string[] = [];
  const settings = { seasonLength: config.seasonLength, horizonSteps: config.horizonSteps };
  // With features the forecast needs them: the classical methods forecast the target alone.
  const inputs = [...config.features, ...(config.futureFeatures ?? [])];
  const classical =
    inputs.length > 0
      ? []
      : [
          ...CLASSICAL_METHODS.filter((method) => allowed(method, 'classical')).map((method) =>
            classicalCandidate(method, settings),
          ),
          ...longerSeasonalNaive(config, wanted),
        ];
  let rnn = allowed('rnn', 'rnn') ? rnnConfigs(series, options, config, split) : [];
  const trainEnd = split.train[1];
  const windows = (c: ForecastConfig) =>
    trainEnd - (c.windowLength + leadValues(c.scaler) + headOutputs(c)) + 1;
  const tooShort = rnn.filter((c) => windows(c) < MIN_RNN_WINDOWS);
  if (tooShort.length > 0) {
    notes.push(
      `left out ${tooShort.map(rnnCandidateName).join(', ')}: the ${trainEnd} values before validation give ${Math.max(0, Math.min(...tooShort.map(windows)))} training windows of ${config.windowLength} + ${headOutputs(config)} values, fewer than the ${MIN_RNN_WINDOWS} a network needs`,
    );
    rnn = rnn.filter((c) => windows(c) >= MIN_RNN_WINDOWS);
  }
  if (classical.length === 0 && rnn.length === 0)
    throw new Error(
      inputs.length > 0
        ? `no candidate can forecast with features ${inputs.join(', ')} from ${trainEnd} training values; drop the features or supply a longer series`
        : 'the candidate pool is empty',
    );
  return { classical, rnn, notes };
}

/** The RNN's target scalers: auto mode's level scaler and seasonal difference, and a log for growing positive series. */
function rnnConfigs(
  series: TimeSeries,
  options: ForecastOptions,
  config: ForecastConfig,
  split: SplitRanges,
): ForecastConfig[] {
  const scalers: ScalerSpec[] = scalerCandidates(options, config, split);
  const train = series.values.subarray(0, split.train[1]);
  if (options.scaler === undefined && swingsGrowWithLevel(train))
    scalers.push({ ...config.scaler, transform: 'log' });
  // A longer season's difference: the network forecasts what changes from a week ago.
  if (options.scaler === undefined)
    for (const m of rnnSeasons(options.extraSeasons, config))
      if (roomForSeasonalDifference(config, split, m))
        scalers.push({ kind: 'zscore', transform: 'seasonal-difference', seasonLength: m });
  const networks = [
    ...scalers.map((scaler) => ({ ...config, scaler })),
    ...otherArchitectures(options, { ...config, scaler: scalers[0] ?? config.scaler }),
  ];
  if (!config.calendar?.candidate) return networks;
  // The calendar tried: every network without it, and the level scaler's with it. The
  // pool's columns hold it last, so a network without it reads a prefix (rnn-forecaster.ts).
  const without = networks.map(({ calendar: _calendar, ...network }) => network);
  return withinOneBudget(
    [...without, { ...config, scaler: scalers[0] ?? config.scaler }],
    without.length,
    options,
  );
}

/**
 * The calendar's trial is paid from the pool's own budget: with it, each of the n + 1 RNN
 * candidates gets n/(n + 1) of the work cap the n would have had, so a long series (where
 * the cap binds) takes no longer to fit. Measured on the 5,000-point daily series of
 * ACCURACY.md: 44.5 s without the calendar, 61.6 s with it at full caps, over the 60 s the
 * accuracy issue allows. Short series never reach the cap and train as before. A cap the
 * caller set is theirs, kept as given.
 */
function withinOneBudget(
  configs: ForecastConfig[],
  before: number,
  options: ForecastOptions,
): ForecastConfig[] {
  const cap = configs[0]?.training.maxTrainingWork;
  if (options.training?.maxTrainingWork !== undefined || cap === undefined || before === 0) return configs;
  const share = (cap * before) / configs.length;
  return configs.map((c) => ({ ...c, training: { ...c.training, maxTrainingWork: share } }));
}

/**
 * With the architectures tried: the level scaler's network once more with a bidirectional
 * encoder, and as seq2seq (which needs the direct strategy and more than one step).
 */
function otherArchitectures(options: ForecastOptions, level: ForecastConfig): ForecastConfig[] {
  if (!options.tryArchitectures) return [];
  const bidirectional = { ...level, network: { ...level.network, bidirectional: true } };
  if (level.strategy !== 'direct' || level.horizonSteps < 2) return [bidirectional];
  return [bidirectional, { ...level, network: { ...level.network, architecture: 'seq2seq' as const } }];
}

/**
 * Seasonal naive at each longer season, when auto mode's whole pool or the classical kind
 * is wanted. A method named alone ("seasonal-naive") keeps the main season: that is the
 * benchmark the name promises.
 */
function longerSeasonalNaive(config: ForecastConfig, wanted: readonly string[] | undefined): Candidate[] {
  if (wanted !== undefined && !wanted.includes('classical')) return [];
  return (config.extraSeasons ?? []).map((m) =>
    classicalCandidate(
      'seasonal-naive',
      { seasonLength: m, horizonSteps: config.horizonSteps },
      seasonalName('seasonal-naive', m),
    ),
  );
}

/**
 * Positive values whose changes grow with their level: the mean absolute change in the
 * top third of levels is at least twice that of the bottom third. Logs make such swings
 * even; a network then learns one shape instead of many sizes.
 */
function swingsGrowWithLevel(train: Float64Array): boolean {
  if (train.length < 12) return false;
  for (const v of train) if (!(v > 0)) return false;
  const pairs = Array.from({ length: train.length - 1 }, (_, i) => ({
    level: train[i]!,
    change: Math.abs(train[i + 1]! - train[i]!),
  })).sort((a, b) => a.level - b.level);
  const third = Math.floor(pairs.length / 3);
  const mean = (part: typeof pairs) => part.reduce((s, p) => s + p.change, 0) / part.length;
  const low = mean(pairs.slice(0, third));
  const high = mean(pairs.slice(pairs.length - third));
  return high >= 2 * low && high > 0;
}
