// What a model records of the data it was fitted on: a fingerprint, the size and the span.
import type { TimeSeries } from '../data/types.ts';
import type { ForecastConfig } from './config.ts';
import { fingerprintSeries } from './fingerprint.ts';
import type { DataSummary } from './model.ts';

export function dataSummary(
  series: TimeSeries,
  config: Pick<ForecastConfig, 'target' | 'features'>,
): DataSummary {
  return {
    fingerprint: fingerprintSeries(series, [config.target, ...config.features]),
    id: series.id,
    rows: series.values.length,
    start: series.time[0]!,
    end: series.time[series.time.length - 1]!,
    frequency: series.frequency,
  };
}
