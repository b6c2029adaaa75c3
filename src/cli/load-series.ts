// Reads one series from a CSV for a CLI command: ingestion options from flags, and a
// clear choice when a long-format file holds several series.
import { ingestCsv } from '../forecaster.ts';
import type { IngestOptions, TimeSeries, ValidationReport } from '../forecaster.ts';
import { UsageError } from './errors.ts';

export interface SeriesFlags {
  target?: string;
  time?: string;
  features?: string[];
  id?: string;
  series?: string;
  dateFormat?: 'MDY' | 'DMY';
  missing?: IngestOptions['missing'];
  duplicates?: IngestOptions['duplicates'];
}

export async function loadSeries(
  csv: string,
  flags: SeriesFlags,
  minRows?: number,
): Promise<{ series: TimeSeries; report: ValidationReport }> {
  const { series, report } = await ingestCsv(csv, {
    target: flags.target,
    time: flags.time,
    features: flags.features ?? [],
    id: flags.id,
    dateFormat: flags.dateFormat,
    missing: flags.missing,
    duplicates: flags.duplicates,
    minRows,
  });
  if (flags.series !== undefined) {
    const chosen = series.find((s) => s.id === flags.series);
    if (!chosen)
      throw new UsageError(
        `${csv} has no series "${flags.series}" (series: ${series.map((s) => s.id).join(', ')})`,
      );
    return { series: chosen, report };
  }
  if (series.length > 1) {
    throw new UsageError(
      `${csv} holds ${series.length} series (${series.map((s) => s.id).join(', ')}); pick one with --series <id>, or use "recurrent batch" for all`,
    );
  }
  const [only] = series;
  if (!only) throw new UsageError(`${csv} holds no series`);
  return { series: only, report };
}

/** Commander collector for comma-separated lists: --features a,b --features c. */
export function collectList(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  ];
}
