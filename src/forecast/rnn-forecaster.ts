// The recurrent network as a forecaster of the contract: windows scaled by scalers fitted
// on the training slice, a network trained with early stopping on validation, forecasts
// from any origin (predict.ts). Its refit trains a fresh network on all the data for the
// epoch count that early stopping chose, since there is no later data left to stop on.
import { DEFAULT_PRECISION } from '../rnn/floats.ts';
import type { TimeSeries } from '../data/types.ts';
import { rangeWarnings, scalerFromJSON } from '../prep/scale.ts';
import type { SplitRanges } from '../prep/split.ts';
import { createNetwork } from '../rnn/network.ts';
import type { Network, NetworkConfig } from '../rnn/network.ts';
import { networkFromJSON, networkToJSON } from '../rnn/serialize.ts';
import { train } from '../train/trainer.ts';
import { describeScaler } from './auto.ts';
import type { ForecastConfig } from './config.ts';
import { headOutputs } from './config.ts';
import type { FittedForecaster, FittedJSON } from './contract.ts';
import type { FitHooks } from './fit-hooks.ts';
import type { TrainingSummary } from './model.ts';
import { leadColumnStarts } from './future-columns.ts';
import { forecastFromOrigins } from './predict.ts';
import type { ModelScalers } from './prepare.ts';
import { firstOrigin, inputColumnCount, prepareTraining } from './prepare.ts';

/** Everything a fitted network forecasts with, and how its training went. */
export interface RnnCore {
  config: ForecastConfig;
  network: Network;
  scalers: ModelScalers;
  training: TrainingSummary;
  /** What the fit noticed: extrapolation beyond the training range, a capped training. */
  warnings: string[];
}

export interface RnnForecaster extends FittedForecaster {
  readonly kind: 'rnn';
  readonly core: RnnCore;
}

/**
 * "rnn: seasonal difference (m = 24) + z-score", "rnn seq2seq: z-score": the leaderboard
 * name of an RNN candidate, its architecture named when it is not many-to-one.
 */
export function rnnCandidateName(config: Pick<ForecastConfig, 'scaler' | 'calendar' | 'network'>): string {
  return `rnn${architectureLabel(config.network)}: ${describeScaler(config.scaler)}${config.calendar ? ' + calendar' : ''}`;
}

/** " bidirectional seq2seq", " seq2seq", " bidirectional", or nothing for many-to-one. */
function architectureLabel(net: ForecastConfig['network']): string {
  return `${net.bidirectional ? ' bidirectional' : ''}${net.architecture === 'seq2seq' ? ' seq2seq' : ''}`;
}

/** The engine's network for a forecast config: a seq2seq decoder reads the leads of every known-future input. */
export function networkConfigOf(config: ForecastConfig): NetworkConfig {
  const net = config.network;
  return {
    cell: net.cell,
    activation: net.activation,
    inputSize: inputColumnCount(config),
    hiddenSize: net.hiddenSize,
    layers: net.layers,
    outputs: headOutputs(config),
    ...(net.bidirectional ? { bidirectional: true } : {}),
    ...(net.architecture === 'seq2seq' ? { decoder: { leadColumns: leadColumnStarts(config) } } : {}),
    precision: net.precision ?? DEFAULT_PRECISION,
  };
}

/** Trains one network on `split.train`, stopping early on `split.validation` when it has values. */
export async function fitRnn(
  series: TimeSeries,
  config: ForecastConfig,
  split: SplitRanges,
  hooks: FitHooks,
): Promise<RnnForecaster> {
  // The network first (its initial weights depend on the seed only): its size says whether
  // the series is long enough for its epochs to be subsampled, and so how many validation
  // windows prepareTraining cuts.
  const network = createNetwork(networkConfigOf(config), config.training.seed);
  const data = prepareTraining(series, config, split, network.params.length);
  const result = await train(network, {
    windowLength: config.windowLength,
    train: data.train,
    validation: data.validation,
    config: config.training,
    signal: hooks.signal,
    onEpoch: hooks.onEpoch,
    threads: hooks.threads,
  });
  const [vStart, vEnd] = split.validation;
  const [tStart, tEnd] = split.test;
  const warnings = [
    ...rangeWarnings(data.scalers.target, series.values.subarray(vStart, vEnd), 'validation'),
    ...rangeWarnings(data.scalers.target, series.values.subarray(tStart, tEnd), 'test'),
  ];
  if (result.windows.perEpoch < result.windows.available)
    warnings.push(
      `the series has ${result.windows.available} training windows, more than the work cap (maxTrainingWork ${config.training.maxTrainingWork}, CLI --max-work) allows in one epoch: each epoch trained on a seeded random subset of ${result.windows.perEpoch}`,
    );
  const { available, scored } = data.validationWindows;
  if (scored < available)
    warnings.push(
      `early stopping scored ${scored} evenly spaced validation windows of ${available}, to keep each epoch's validation within the work cap`,
    );
  if (result.stoppedBy === 'work-budget')
    warnings.push(
      `training stopped at its work cap (maxTrainingWork ${config.training.maxTrainingWork}, CLI --max-work) after ${result.history.length} epochs; the best epoch (${result.bestEpoch}) was kept`,
    );
  if (result.stoppedBy === 'time-budget')
    warnings.push(
      `training stopped at its wall-clock limit after ${result.history.length} epochs, so this fit depends on how busy the machine was; the best epoch (${result.bestEpoch}) was kept`,
    );
  const training: TrainingSummary = {
    history: result.history,
    bestEpoch: result.bestEpoch,
    bestLoss: result.bestLoss,
    stoppedBy: result.stoppedBy,
    elapsedMs: result.elapsedMs,
  };
  return rnnForecaster({ config, network, scalers: data.scalers, training, warnings });
}

/** All of `series` is training data; the epoch count is the one early stopping kept. */
async function refitRnn(core: RnnCore, series: TimeSeries, hooks: FitHooks): Promise<RnnForecaster> {
  const n = series.values.length;
  const config: ForecastConfig = {
    ...core.config,
    training: {
      ...core.config.training,
      maxEpochs: Math.max(1, core.training.bestEpoch),
      patienceEpochs: Number.POSITIVE_INFINITY,
      reduceLrOnPlateau: undefined,
    },
  };
  return fitRnn(series, config, { train: [0, n], validation: [n, n], test: [n, n] }, hooks);
}

export function rnnForecaster(core: RnnCore): RnnForecaster {
  const { config } = core;
  const name = rnnCandidateName(config);
  const net = config.network;
  return {
    kind: 'rnn',
    name,
    core,
    firstOrigin: firstOrigin(config),
    maxSteps: config.strategy === 'direct' ? config.horizonSteps : Number.POSITIVE_INFINITY,
    // A pool that tries the calendar builds its columns with it, last: a network without it
    // reads the prefix its scalers were fitted on.
    forecastFrom: (columns, origins, steps) =>
      forecastFromOrigins(core, columns.slice(0, core.scalers.inputs.length), origins, steps),
    refit: (series, hooks) => refitRnn(core, series, hooks),
    describe: () =>
      `${net.cell} ${net.layers}×${net.hiddenSize}${architectureLabel(net)}, window ${config.windowLength}, ${config.strategy} ${config.horizonSteps}-step, scaling ${describeScaler(config.scaler)}, ${core.training.bestEpoch} epochs`,
    toJSON: () => ({
      kind: 'rnn',
      name,
      // JSON has no Infinity: "never stop early" is written as null.
      config: {
        ...config,
        training: { ...config.training, patienceEpochs: finiteOrNull(config.training.patienceEpochs) },
      },
      network: networkToJSON(core.network),
      scalers: { inputs: core.scalers.inputs.map((s) => s.toJSON()), target: core.scalers.target.toJSON() },
      training: core.training,
      warnings: core.warnings,
    }),
  };
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** Rebuilds an RNN forecaster from its JSON; the network and scalers validate their own parts. */
export function rnnFromJSON(json: FittedJSON): RnnForecaster {
  const doc = json as unknown as {
    config: ForecastConfig & { training: { patienceEpochs: number | null } };
    network: unknown;
    scalers: { inputs: unknown[]; target: unknown };
    training: TrainingSummary;
    warnings?: string[];
  };
  if (typeof doc.config !== 'object' || doc.config === null || !Array.isArray(doc.scalers?.inputs))
    throw new Error(`the RNN forecaster "${json.name}" lacks its config or scalers`);
  const config: ForecastConfig = {
    ...doc.config,
    training: {
      ...doc.config.training,
      patienceEpochs: doc.config.training.patienceEpochs ?? Number.POSITIVE_INFINITY,
    },
  };
  return rnnForecaster({
    config,
    network: networkFromJSON(doc.network),
    scalers: { inputs: doc.scalers.inputs.map(scalerFromJSON), target: scalerFromJSON(doc.scalers.target) },
    training: doc.training,
    warnings: doc.warnings ?? [],
  });
}

/**
 * The network behind a fitted forecaster, or null when it is a classical method or a
 * combination: what notebooks and reports read weights, scalers and training from.
 *
 * @example
 * const core = networkOf(model.heldOut);
 * if (core) console.log(core.scalers.target.params.center, core.training.bestEpoch);
 */
export function networkOf(forecaster: FittedForecaster): RnnCore | null {
  return forecaster.kind === 'rnn' ? (forecaster as RnnForecaster).core : null;
}
