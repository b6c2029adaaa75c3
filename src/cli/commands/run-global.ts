// `recurrent run data.csv --id store --target sales --horizon 14 --global --out f.csv`: one
// network over every series of a long-format file. Writes h rows per series
// (<id>,time,forecast,lo_80,hi_80,lo_95,hi_95), and ranks the series by how the global
// model did against seasonal naive. A series too short for the global window gets a
// per-series fit instead, and the report says so.
import { forecastCollection, longForecastCsv, saveGlobalModel } from '../../forecaster.ts';
import type { CollectionForecast, ForecastOptions, GlobalModel, TimeSeries } from '../../forecaster.ts';
import { writeFileAtomic } from '../../files/atomic-write.ts';
import { describeGlobal, fitGlobalFromFile, globalReportJson } from '../global-fit.ts';
import type { GlobalFlags } from '../global-fit.ts';
import { toForecastOptions } from '../model-options.ts';
import { forecastJson } from '../write-forecast.ts';
import type { IntervalColumns } from '../write-forecast.ts';

export interface GlobalRunFlags extends GlobalFlags {
  out: string;
  saveModel?: string;
  intervals: IntervalColumns;
}

export async function runGlobal(csv: string, flags: GlobalRunFlags): Promise<void> {
  const { model, series, idColumn } = await fitGlobalFromFile(csv, flags);
  const written = await writeGlobalForecasts(model, series, idColumn, flags, toForecastOptions(flags));
  if (flags.saveModel) await saveGlobalModel(model, flags.saveModel);
  if (flags.json) {
    console.log(JSON.stringify({ out: flags.out, ...globalReportJson(model) }, null, 2));
    return;
  }
  console.log(describeGlobal(model));
  console.log(describeWritten(written, flags.out));
}

/**
 * Forecasts every series with the global model (a series it cannot read, with a fit of its
 * own from `fallback`), written as one long-format CSV or JSON. Returns what was written.
 */
export async function writeGlobalForecasts(
  model: GlobalModel,
  series: readonly TimeSeries[],
  idColumn: string,
  flags: { out: string; intervals?: IntervalColumns; horizon?: number },
  fallback: ForecastOptions,
): Promise<CollectionForecast[]> {
  const entries = await forecastCollection(model, series, fallback, flags.horizon);
  await writeCollection(entries, idColumn, flags);
  return entries;
}

/** Forecasts of many series as one long-format CSV, or JSON (by the file's extension), written atomically. */
export async function writeCollection(
  entries: readonly CollectionForecast[],
  idColumn: string,
  flags: { out: string; intervals?: IntervalColumns },
): Promise<void> {
  const json = flags.out.toLowerCase().endsWith('.json');
  await writeFileAtomic(
    flags.out,
    json
      ? `${JSON.stringify({ series: entries.map((e) => ({ id: e.id, source: e.source, ...forecastJson(e.forecast) })) }, null, 2)}\n`
      : longForecastCsv(idColumn, entries, { intervals: flags.intervals }),
  );
}

/** "N forecast rows written to F", and which series were fitted on their own, and why. */
export function describeWritten(entries: readonly CollectionForecast[], out: string): string {
  const rows = entries.reduce((s, e) => s + e.forecast.forecast.length, 0);
  return [
    ...entries
      .filter((e) => e.source === 'own fit')
      .map((e) => `series "${e.id}" was forecast by a fit of its own (${e.reason})`),
    ...entries.flatMap((e) => (e.warnings ?? []).map((w) => `warning: ${w}`)),
    `${rows} forecast rows written to ${out}`,
  ].join('\n');
}
