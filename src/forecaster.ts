// The one facade every surface calls — CLI, web server, batch jobs, notebooks — so a
// forecast is the same number whichever surface asked for it. Surfaces reach the
// pipeline's layers through it (docs/architecture.md names the few exceptions).
//
// Each exported function's `@example` runs from the repository root, importing from here,
// given `series` = (await ingestCsv('datasets/seattle-weather.csv', { target: 'temp_max' })).series[0]
// and `model` = await fit(series, { horizonSteps: 14 }).
export { ingestCsv, DataError } from './data/ingest.ts';
export { mayHoldSeveralSeries } from './data/header-peek.ts';
export type { IngestOptions, IngestResult, TimeSeries, ValidationReport, Frequency } from './data/types.ts';
export { describeSeries, seriesToFrame } from './data/frame.ts';
export { formatTime } from './data/calendar.ts';
export { PrepError } from './prep/errors.ts';
export { NonFiniteError } from './train/errors.ts';
export { fit } from './forecast/fit.ts';
export { fitGlobal } from './forecast/global/fit-global.ts';
export { forecastGlobal } from './forecast/global/forecast-global.ts';
export { forecastCollection, globalCannotRead } from './forecast/global/forecast-collection.ts';
export type { CollectionForecast } from './forecast/global/forecast-collection.ts';
export { seriesModelOf, globalModelName } from './forecast/global/series-view.ts';
export { chooseCollectionFit } from './forecast/global/choose-global.ts';
export type { ChosenFit, CollectionChoice } from './forecast/global/choose-global.ts';
export {
  globalModelFromJSON,
  globalModelToJSON,
  loadAnyModel,
  loadGlobalModel,
  saveGlobalModel,
} from './forecast/global/global-model-file.ts';
export type { GlobalModel, GlobalSeriesFit } from './forecast/global/global-model.ts';
export { longForecastCsv } from './forecast/global/global-forecast-csv.ts';
export type { FitHooks, FitProgress } from './forecast/fit.ts';
export { predictNext } from './forecast/fitted-values.ts';
export type { FittedValues } from './forecast/fitted-values.ts';
export { forecast, forecastRows, forecastCsv } from './forecast/future.ts';
export { requireFutureValues } from './forecast/future-columns.ts';
export type { FutureForecast, ForecastRow, IntervalLevel } from './forecast/future.ts';
export { fitInWorker, fitGlobalInWorker } from './forecast/fit-in-worker.ts';
export { searchFit, defaultGrid } from './forecast/search.ts';
export type { SearchResult } from './forecast/search.ts';
export { evaluate } from './forecast/evaluate.ts';
export type { Evaluation } from './forecast/evaluate.ts';
export { backtest } from './forecast/backtest.ts';
export type { BacktestResult } from './forecast/backtest.ts';
export { resolveForecastConfig, describeScaler, ConfigError } from './forecast/auto.ts';
export type { ForecastConfig, ForecastOptions, ForecastStrategy } from './forecast/config.ts';
export {
  forecastSettingsSchema,
  forecastSettingsFields,
  SETTING_NAMES,
  SETTINGS_AUTO_DEFAULTS,
  CELL_KINDS,
  SCALE_CHOICES,
} from './forecast/settings.ts';
export type { ForecastSettings, SettingName, ScaleChoice } from './forecast/settings.ts';
export { settingsToForecastOptions } from './forecast/settings-to-options.ts';
export type { ForecastModel } from './forecast/model.ts';
export { networkOf } from './forecast/rnn-forecaster.ts';
export type { RnnCore } from './forecast/rnn-forecaster.ts';
export type { FittedForecaster } from './forecast/contract.ts';
export type { Leaderboard, LeaderboardEntry } from './forecast/select.ts';
export { saveModel, loadModel, modelToJSON, modelFromJSON, ModelFileError } from './forecast/model-file.ts';
export { runWorkedExample } from './examples/worked-example.ts';
export { unrollGradients } from './examples/unrolled-gradients.ts';
