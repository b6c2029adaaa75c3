// fit: series + options → a ForecastModel. Resolves the config (auto mode), prepares
// scaled windows, trains the network with early stopping, then calibrates split-conformal
// intervals on validation forecasts made exactly as future forecasts will be made. When
// auto mode has more than one scaler to offer, each is fitted and the one with the lower
// validation MAE is kept.
import type { TimeSeries } from '../data/types.ts';
import { rangeWarnings } from '../prep/scale.ts';
import { createNetwork } from '../rnn/network.ts';
import { train } from '../train/trainer.ts';
import type { EpochProgress } from '../train/trainer.ts';
import { describeScaler, resolveForecastConfig, scalerCandidates } from './auto.ts';
import type { ForecastConfig, ForecastOptions } from './config.ts';
import { headOutputs } from './config.ts';
import { fingerprintSeries } from './fingerprint.ts';
import { fitInWorker } from './fit-in-worker.ts';
import { fitConformalWidths } from './intervals.ts';
import { mae } from './metrics.ts';
import type { ConformalWidths } from './intervals.ts';
import type { ForecastModel } from './model.ts';
import { forecastFromOrigins, originsBetween } from './predict.ts';
import { firstOrigin, prepareTraining } from './prepare.ts';

export interface FitProgress extends EpochProgress {
  /** When auto mode fits several candidates: which one this epoch belongs to, e.g. "2/2 seasonal difference (m = 24) + z-score". */
  stage?: string;
}

export interface FitHooks {
  signal?: AbortSignal;
  onEpoch?: (progress: FitProgress) => void;
  /**
   * Fit auto mode's candidates at the same time, each on its own worker thread, instead of
   * one after the other. Same models either way; a surface that waits on one fit with idle
   * cores (the CLI) turns it on, pools that already keep every core busy leave it off.
   */
  parallel?: boolean;
}

/** Fewer validation origins than this make interval widths rough: say so. */
const FEW_CALIBRATION_ORIGINS = 20;

export async function fit(
  series: TimeSeries,
  options: ForecastOptions | ForecastConfig,
  hooks: FitHooks = {},
): Promise<ForecastModel> {
  const config = resolveForecastConfig(series, options);
  const scalers = scalerCandidates(options, config, series.values.length);
  if (scalers.length === 1) return fitConfig(series, config, hooks);
  const stageHooks = (i: number): FitHooks => {
    const stage = `${i + 1}/${scalers.length} ${describeScaler(scalers[i]!)}`;
    return {
      signal: hooks.signal,
      onEpoch: hooks.onEpoch && ((progress: EpochProgress) => hooks.onEpoch!({ ...progress, stage })),
    };
  };
  const fitOne = (i: number) =>
    (hooks.parallel === true ? fitInWorker : fitConfig)(
      series,
      { ...config, scaler: scalers[i]! },
      stageHooks(i),
    );
  const settled: PromiseSettledResult<ForecastModel>[] = [];
  if (hooks.parallel === true) {
    settled.push(...(await Promise.allSettled(scalers.map((_, i) => fitOne(i)))));
  } else {
    for (let i = 0; i < scalers.length && !(i > 0 && hooks.signal?.aborted); i++) {
      try {
        settled.push({ status: 'fulfilled', value: await fitOne(i) });
      } catch (reason) {
        settled.push({ status: 'rejected', reason });
      }
    }
  }
  // One candidate failing (diverging, say) leaves the others to choose from.
  const models = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failures = settled.flatMap((r, i) =>
    r.status === 'rejected'
      ? [`the ${describeScaler(scalers[i]!)} candidate failed: ${(r.reason as Error).message}`]
      : [],
  );
  if (models.length === 0) throw (settled[0] as PromiseRejectedResult).reason;
  const best = models.reduce((a, b) => (b.validation.mae < a.validation.mae ? b : a));
  const candidates = models.map((m) => ({
    scaler: describeScaler(m.config.scaler),
    validationMae: m.validation.mae,
    epochs: m.training.history.length,
    stoppedBy: m.training.stoppedBy,
    elapsedMs: m.training.elapsedMs,
  }));
  return {
    ...best,
    warnings: [...best.warnings, ...failures],
    selection: { kept: describeScaler(best.config.scaler), candidates },
  };
}

/** Fits one fully resolved configuration. */
async function fitConfig(
  series: TimeSeries,
  config: ForecastConfig,
  hooks: FitHooks,
): Promise<ForecastModel> {
  const data = prepareTraining(series, config);
  const network = createNetwork(
    {
      cell: config.network.cell,
      activation: config.network.activation,
      inputSize: data.columns.length,
      hiddenSize: config.network.hiddenSize,
      layers: config.network.layers,
      outputs: headOutputs(config),
    },
    config.training.seed,
  );
  const result = await train(network, {
    windowLength: config.windowLength,
    train: data.train,
    validation: data.validation,
    config: config.training,
    signal: hooks.signal,
    onEpoch: hooks.onEpoch,
  });
  const warnings: string[] = [];
  const core = { config, network, scalers: data.scalers };
  const { intervals, validation } = calibrateIntervals(core, data.columns, data.split.validation, warnings);
  const [vStart, vEnd] = data.split.validation,
    [tStart, tEnd] = data.split.test;
  warnings.push(
    ...rangeWarnings(data.scalers.target, series.values.subarray(vStart, vEnd), 'validation'),
    ...rangeWarnings(data.scalers.target, series.values.subarray(tStart, tEnd), 'test'),
  );
  if (result.stoppedBy === 'work-budget')
    warnings.push(
      `training stopped at its work cap (maxTrainingWork ${config.training.maxTrainingWork}, CLI --max-work) after ${result.history.length} epochs; the best epoch (${result.bestEpoch}) was kept`,
    );
  if (result.stoppedBy === 'time-budget')
    warnings.push(
      `training stopped at its wall-clock limit after ${result.history.length} epochs, so this fit depends on how busy the machine was; the best epoch (${result.bestEpoch}) was kept`,
    );
  return {
    createdAt: new Date().toISOString(),
    ...core,
    training: {
      history: result.history,
      bestEpoch: result.bestEpoch,
      bestLoss: result.bestLoss,
      stoppedBy: result.stoppedBy,
      elapsedMs: result.elapsedMs,
    },
    intervals,
    validation,
    data: {
      fingerprint: fingerprintSeries(series, [config.target, ...config.features]),
      id: series.id,
      rows: series.values.length,
      start: series.time[0]!,
      end: series.time[series.time.length - 1]!,
      frequency: series.frequency,
    },
    split: data.split,
    warnings,
  };
}

/**
 * Forecasts h steps from every validation origin whose h actuals all lie in validation,
 * and turns the absolute errors per step into interval half-widths.
 */
function calibrateIntervals(
  core: Pick<ForecastModel, 'config' | 'network' | 'scalers'>,
  columns: Float64Array[],
  validation: readonly [number, number],
  warnings: string[],
): { intervals: ConformalWidths; validation: ForecastModel['validation'] } {
  const h = core.config.horizonSteps;
  const origins = originsBetween(Math.max(validation[0], firstOrigin(core.config)), validation[1] - h + 1);
  if (origins.length === 0)
    throw new Error(
      `the validation split (${validation[1] - validation[0]} values) is shorter than the horizon (${h}); use a longer series or a shorter horizon`,
    );
  if (origins.length < FEW_CALIBRATION_ORIGINS)
    warnings.push(
      `prediction intervals rest on only ${origins.length} validation forecasts; treat their width as rough`,
    );
  const predicted = forecastFromOrigins(core, columns, origins, h);
  const actual = new Float64Array(origins.length * h);
  for (let i = 0; i < origins.length; i++)
    actual.set(columns[0]!.subarray(origins[i]!, origins[i]! + h), i * h);
  return {
    intervals: fitConformalWidths(actual, predicted, h),
    validation: { origins: origins.length, mae: mae(actual, predicted) },
  };
}
