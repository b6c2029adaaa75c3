// One network over a collection of series (ES-RNN's and DeepAR's idea, on Recurrent's
// engine): a global model, or one member of an ensemble of them (fit-global.ts). Each
// series is split and scaled on its own, as a single-series fit would be; the network
// trains on minibatches sampled across every series' windows
// (collection-source.ts), stops early on the last validation windows of every series,
// and is then refitted on all the data for the epochs it kept. Each series is scored on
// its own validation origins against seasonal naive, and gets intervals from its own
// validation errors. Static columns the series carry (a store's region) are inputs too
// (static-inputs.ts), so the shared network can tell kinds of series apart.
import { DEFAULT_PRECISION } from '../../rnn/floats.ts';
import type { TimeSeries } from '../../data/types.ts';
import { PrepError } from '../../prep/errors.ts';
import type { SplitRanges } from '../../prep/split.ts';
import { scaledWindowSource } from '../../prep/window-source.ts';
import type { ScaledWindows } from '../../prep/window-scale.ts';
import { windowSpan } from '../../prep/window.ts';
import { createNetwork } from '../../rnn/network.ts';
import type { Network } from '../../rnn/network.ts';
import { train } from '../../train/trainer.ts';
import type { WindowData } from '../../train/trainer.ts';
import type { ForecastConfig, ForecastOptions } from '../config.ts';
import { headOutputs } from '../config.ts';
import type { FitHooks } from '../fit-hooks.ts';
import { ConfigError } from '../auto.ts';
import { forecastFromOrigins } from '../predict.ts';
import { firstOrigin, windowOptions, windowsFor } from '../prepare.ts';
import type { ModelScalers } from '../prepare.ts';
import { validationOrigins } from '../select.ts';
import { collectionSource } from './collection-source.ts';
import { GLOBAL_DEFAULTS, globalSplit, planGlobal } from './global-config.ts';
import { pooledRelativeWidths, stepScale } from './global-intervals.ts';
import type { GlobalModel, GlobalSeriesFit } from './global-model.ts';
import {
  encodeStatics,
  fitStaticEncoders,
  globalColumns,
  globalScalers,
  staticInputNames,
  withStaticInputs,
} from './static-inputs.ts';
import { scoreValidation } from './validation-score.ts';

/** The held-out network's forecasts of one series' validation origins [origins × h], for combining members. */
export interface MemberValidation {
  id: string;
  origins: number[];
  predicted: Float64Array;
}

interface SeriesData {
  /** With its static inputs as feature columns (none when the collection has no static columns). */
  series: TimeSeries;
  split: SplitRanges;
  scalers: ModelScalers;
}

/**
 * One network over the collection, and its held-out forecasts of every series' validation
 * origins.
 *
 * @example
 * const { model, validation } = await fitGlobalMember(stores, { horizonSteps: 14 });
 */
export async function fitGlobalMember(
  collection: readonly TimeSeries[],
  options: ForecastOptions,
  hooks: FitHooks = {},
): Promise<{ model: GlobalModel; validation: MemberValidation[] }> {
  const plan = planGlobal(collection, options);
  const statics = fitStaticEncoders(plan.usable);
  const config: ForecastConfig = { ...plan.config, features: staticInputNames(statics) };
  const h = config.horizonSteps;
  // A series whose scaler cannot be fitted (too few seasons for its smoother) is left out
  // with the reason, as one too short for a window is: the others still share the network.
  const excluded = [...plan.excluded];
  const data: SeriesData[] = [];
  for (const given of plan.usable) {
    const { split } = globalSplit(given.values.length, h, config.split);
    const series = withStaticInputs(given, statics, encodeStatics(statics, given.id, given.statics).inputs);
    try {
      data.push({ series, split, scalers: globalScalers(series, split, config) });
    } catch (e) {
      if (!(e instanceof PrepError)) throw e;
      excluded.push({ id: series.id, reason: e.message });
    }
  }
  if (data.length === 0)
    throw new ConfigError(
      `no series could be prepared for the global model: ${excluded.map((e) => `${e.id}: ${e.reason}`).join('; ')}`,
    );
  const usable = data.map((d) => d.series);
  const heldOut = await trainNetwork(config, data, hooks, true);
  const scored = data.map((d) => scoreSeries(config, heldOut.network, d));

  // The refit: every value of every series trains a fresh network for the epochs kept. A
  // cancelled fit skips it and keeps the held-out network's best weights, with the scalers
  // that network was trained with, as a cancelled fit of one series does.
  const cancelled = hooks.signal?.aborted === true;
  const whole = cancelled
    ? data
    : usable.map((series) => {
        const n = series.values.length;
        const split: SplitRanges = { train: [0, n], validation: [n, n], test: [n, n] };
        return { series, split, scalers: globalScalers(series, split, config) };
      });
  const refitConfig: ForecastConfig = {
    ...config,
    training: {
      ...config.training,
      maxEpochs: Math.max(1, heldOut.training.bestEpoch),
      patienceEpochs: Number.POSITIVE_INFINITY,
      reduceLrOnPlateau: undefined,
    },
  };
  const final = cancelled ? heldOut : await trainNetwork(refitConfig, whole, hooks, false);
  const series: GlobalSeriesFit[] = whole.map((d, i) => ({
    id: d.series.id,
    scalers: d.scalers,
    intervals: scored[i]!.intervals,
    validation: scored[i]!.score,
    nonNegative: d.series.values.every((v) => v >= 0),
    ...(d.series.statics && d.series.statics.length > 0 ? { statics: d.series.statics } : {}),
  }));
  const model: GlobalModel = {
    kind: 'global',
    createdAt: new Date().toISOString(),
    config,
    network: final.network,
    training: heldOut.training,
    series,
    statics,
    relativeIntervals: pooledRelativeWidths(
      scored.map((s) => s.intervals),
      usable.map((s) => stepScale(s.values)),
    ),
    excluded,
    warnings: [
      ...excluded.map((e) => `series "${e.id}" was left out: ${e.reason}`),
      ...(cancelled
        ? [
            `training was cancelled after ${heldOut.training.history.length} epochs: the best weights so far were kept, without the refit on all the data`,
          ]
        : []),
      ...(heldOut.training.stoppedBy === 'work-budget'
        ? [
            `training stopped at its work cap (maxTrainingWork ${config.training.maxTrainingWork}) after ${heldOut.training.history.length} epochs; the best epoch (${heldOut.training.bestEpoch}) was kept`,
          ]
        : []),
    ],
  };
  const validation = data.map((d, i) => ({ id: d.series.id, ...scored[i]!.forecasts }));
  return { model, validation };
}

async function trainNetwork(
  config: ForecastConfig,
  data: readonly SeriesData[],
  hooks: FitHooks,
  validate: boolean,
) {
  const network = createNetwork(
    {
      cell: config.network.cell,
      activation: config.network.activation,
      inputSize: 1 + config.features.length,
      hiddenSize: config.network.hiddenSize,
      layers: config.network.layers,
      outputs: headOutputs(config),
      precision: config.network.precision ?? DEFAULT_PRECISION,
    },
    config.training.seed,
  );
  const sources = data.map((d) =>
    scaledWindowSource(globalColumns(d.series), windowOptions(d.split.train, config), d.scalers),
  );
  const result = await train(network, {
    windowLength: config.windowLength,
    train: collectionSource(sources),
    validation: validate ? validationWindows(config, data) : null,
    config: config.training,
    signal: hooks.signal,
    onEpoch: hooks.onEpoch,
    threads: hooks.threads,
  });
  const training = {
    history: result.history,
    bestEpoch: result.bestEpoch,
    bestLoss: result.bestLoss,
    stoppedBy: result.stoppedBy,
    elapsedMs: result.elapsedMs,
  };
  return { network, training };
}

/** The last validation windows of every series (evenly spaced, at most GLOBAL_DEFAULTS' per series), as one set. */
function validationWindows(config: ForecastConfig, data: readonly SeriesData[]): WindowData {
  const most = GLOBAL_DEFAULTS.validationWindowsPerSeries;
  const sets: ScaledWindows[] = data.map((d) => {
    const columns = globalColumns(d.series);
    const span = windowSpan(columns, windowOptions(d.split.validation, config));
    const available = span.latest - span.earliest + 1;
    return windowsFor(
      columns,
      d.split.validation,
      d.scalers,
      config,
      Math.max(1, Math.ceil(available / most)),
    );
  });
  const count = sets.reduce((s, w) => s + w.count, 0);
  const inputs = new Float64Array(sets.reduce((s, w) => s + w.inputs.length, 0));
  const targets = new Float64Array(sets.reduce((s, w) => s + w.targets.length, 0));
  let x = 0,
    y = 0;
  for (const w of sets) {
    inputs.set(w.inputs, x);
    targets.set(w.targets, y);
    x += w.inputs.length;
    y += w.targets.length;
  }
  return { inputs, targets, count };
}

/** The held-out network's forecasts of one series' validation origins, scored. */
function scoreSeries(config: ForecastConfig, network: Network, d: SeriesData) {
  const h = config.horizonSteps;
  const values = d.series.values;
  const core = { config, network, scalers: d.scalers };
  const origins = validationOrigins(values, d.split.validation, h, [{ firstOrigin: firstOrigin(config) }]);
  const predicted = forecastFromOrigins(core, globalColumns(d.series), origins.origins, h);
  return {
    forecasts: { origins: Array.from(origins.origins), predicted },
    ...scoreValidation(values, d.split, origins, predicted, h, config.seasonLength),
  };
}
