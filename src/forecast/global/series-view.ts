// One series of a global model, seen as a model of that series (a ForecastModel): the
// shared network read through this series' own scalers, with its own interval widths and
// validation score. It is what lets every surface made for one series (the web app's model
// page and chart, its downloads, `forecast`, evaluate) show a series of a global fit, with
// forecasts identical to forecastGlobal's.
//
// A global fit keeps no test split (each series' last values validate it), so the view's
// test split is empty and evaluate() reports none; its held-out forecaster is the refitted
// network, which is what one-step fitted values are drawn from.
import type { TimeSeries } from '../../data/types.ts';
import { dataSummary } from '../data-summary.ts';
import type { ForecastModel } from '../model.ts';
import { LEADERBOARD_METRIC } from '../select.ts';
import { globalSplit } from './global-config.ts';
import type { GlobalModel } from './global-model.ts';
import { seriesForecaster } from './series-forecaster.ts';

/** The leaderboard's one entry: the global network, named with how many series share it. */
export function globalModelName(model: GlobalModel): string {
  const net = model.config.network;
  const seasons = [model, ...(model.members ?? [])].map((m) => m.config.seasonLength);
  const networks =
    seasons.length > 1
      ? `median of ${seasons.length} global networks (m = ${seasons.join(', ')}): `
      : 'global ';
  return `${networks}${net.cell} ${net.layers}×${net.hiddenSize} over ${model.series.length} series`;
}

/**
 * @example
 * const view = seriesModelOf(model, stores[2]);
 * forecast(view, stores[2]).forecast; // the same values as forecastGlobal(model, stores[2]).forecast
 */
export function seriesModelOf(model: GlobalModel, series: TimeSeries): ForecastModel {
  const fitted = model.series.find((s) => s.id === series.id);
  if (!fitted) throw new Error(`series "${series.id}" is not one the global model was fitted on`);
  // The view forecasts through the one-series path, which reads inputs from the series'
  // own columns; static inputs come from the global model (forecastGlobal adds them).
  if (model.statics.length > 0)
    throw new Error(
      `the global model reads static columns (${model.statics.map((s) => s.name).join(', ')}): forecast its series with forecastGlobal`,
    );
  const { config } = model;
  const forecaster = seriesForecaster(model, series);
  const name = globalModelName(model);
  const v = fitted.validation;
  return {
    createdAt: model.createdAt,
    config,
    heldOut: forecaster,
    final: forecaster,
    training: model.training,
    intervals: fitted.intervals,
    nonNegative: fitted.nonNegative,
    validation: { origins: v.origins, mae: v.mae ?? Number.NaN, smape: v.smape, mase: v.mase },
    leaderboard: {
      metric: LEADERBOARD_METRIC,
      horizonSteps: config.horizonSteps,
      seasonLength: config.seasonLength,
      origins: v.origins,
      entries: [
        {
          name,
          kind: 'rnn',
          smape: v.smape,
          mase: v.mase,
          mae: v.mae ?? Number.NaN,
          score: v.score,
          // This series' share of the one training the series shared.
          fitSeconds: model.training.elapsedMs / 1000 / model.series.length,
          kept: true,
        },
      ],
      kept: name,
      failed: [],
    },
    data: dataSummary({ ...series, target: config.target }, config),
    split: globalSplit(series.values.length, config.horizonSteps, config.split).split,
    warnings: [
      `one network shared by ${model.series.length} series forecasts this one; its validation score is on this series' last values (a global fit holds no test split out)`,
      ...model.warnings,
    ],
  };
}
