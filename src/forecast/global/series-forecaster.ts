// The forecaster of one series under a global model: the shared network read through the
// series' own scalers (fitted on its history when the model has not seen it), or, for an
// ensemble, the median of every network that can read the series (the mean of two).
import type { TimeSeries } from '../../data/types.ts';
import { combine } from '../combination.ts';
import type { FittedForecaster } from '../contract.ts';
import { firstOrigin } from '../prepare.ts';
import { rnnForecaster } from '../rnn-forecaster.ts';
import type { GlobalModel } from './global-model.ts';
import { globalScalers } from './static-inputs.ts';

/**
 * `series` carries its static inputs as feature columns (withStaticInputs) when the model
 * reads any. The main network must be able to read it (forecastGlobal checks); a further
 * network that cannot (it left the series out, or the series is too short for its season)
 * is left out of the combination.
 *
 * @example
 * seriesForecaster(model, store).forecastFrom([store.values], [store.values.length], 14);
 */
export function seriesForecaster(model: GlobalModel, series: TimeSeries): FittedForecaster {
  const n = series.values.length;
  const networks = [model, ...(model.members ?? [])].filter(
    (m, i) =>
      i === 0 ||
      m.series.some((s) => s.id === series.id) ||
      (!m.excluded.some((e) => e.id === series.id) && n >= firstOrigin(m.config)),
  );
  const forecasters = networks.map((m) =>
    rnnForecaster({
      config: m.config,
      network: m.network,
      scalers:
        m.series.find((s) => s.id === series.id)?.scalers ??
        globalScalers(series, { train: [0, n], validation: [n, n], test: [n, n] }, m.config),
      training: m.training,
      warnings: [],
    }),
  );
  return forecasters.length === 1
    ? forecasters[0]!
    : combine(
        forecasters,
        `median of ${forecasters.length} global networks (m = ${networks.map((m) => m.config.seasonLength).join(', ')})`,
      );
}
