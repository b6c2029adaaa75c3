// Forecasts for every series of a collection from one global model. A series the model
// cannot read (too short for its window and the seasons its scaling looks back on) gets a
// fit of its own by auto mode instead, which itself falls back to the best baseline when a
// series is too short to learn from: every series gets its rows, and each entry says which
// way its forecast came. The CLI and the benchmarks forecast through it; batch and the web
// app make the same choice series by series.
import type { TimeSeries } from '../../data/types.ts';
import type { ForecastOptions } from '../config.ts';
import { fit } from '../fit.ts';
import type { FitHooks } from '../fit-hooks.ts';
import { forecast } from '../future.ts';
import type { FutureForecast } from '../future.ts';
import { firstOrigin } from '../prepare.ts';
import { forecastGlobal } from './forecast-global.ts';
import type { GlobalModel } from './global-model.ts';

export interface CollectionForecast {
  id: string;
  history: TimeSeries;
  forecast: FutureForecast;
  /** 'global': the shared network; 'own fit': auto mode on this series alone, for the reason given. */
  source: 'global' | 'own fit';
  reason?: string;
  /** From the global model: a static category it was not fitted on, say. */
  warnings?: string[];
}

/**
 * Why the global model cannot forecast this series, or null when it can: a series it left
 * out at fitting, or (unseen) one shorter than the history its window and scaling read.
 */
export function globalCannotRead(model: GlobalModel, series: TimeSeries): string | null {
  const left = model.excluded.find((e) => e.id === series.id);
  if (left) return left.reason;
  if (model.series.some((s) => s.id === series.id)) return null;
  const needed = firstOrigin(model.config);
  return series.values.length < needed
    ? `${series.values.length} values; the global model reads ${needed} before forecasting`
    : null;
}

/**
 * @example
 * const rows = await forecastCollection(model, stores, { horizonSteps: 14 });
 * rows.filter((r) => r.source === 'own fit').map((r) => `${r.id}: ${r.reason}`);
 */
export async function forecastCollection(
  model: GlobalModel,
  collection: readonly TimeSeries[],
  fallback: ForecastOptions,
  steps = model.config.horizonSteps,
  hooks: FitHooks = {},
): Promise<CollectionForecast[]> {
  const entries: CollectionForecast[] = [];
  for (const series of collection) {
    const reason = globalCannotRead(model, series);
    if (reason === null) {
      const { warnings, ...next } = forecastGlobal(model, series, steps);
      entries.push({
        id: series.id,
        history: series,
        forecast: next,
        source: 'global',
        ...(warnings.length > 0 ? { warnings } : {}),
      });
      continue;
    }
    const own = await fit(series, fallback, hooks);
    entries.push({
      id: series.id,
      history: series,
      forecast: forecast(own, series, steps),
      source: 'own fit',
      reason,
    });
  }
  return entries;
}
