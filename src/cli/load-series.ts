// Reads one series from a CSV or an Excel workbook (.xlsx) for a CLI command: ingestion
// options from flags, and a clear choice when a long-format file holds several series.
import { Option } from 'commander';
import type { Command } from 'commander';
import { ingestCsv } from '../forecaster.ts';
import type { IngestOptions, TimeSeries, ValidationReport } from '../forecaster.ts';
import { UsageError } from './errors.ts';
import { parseIntegerOption } from './options.ts';

export interface SeriesFlags {
  target?: string;
  time?: string;
  features?: string[];
  /** Known-future columns: rows past the last target value give their values over the horizon. */
  future?: string[];
  /** A second file with the known-future columns' rows (time and those columns). */
  futureFile?: string;
  id?: string;
  /** Static columns of a long-format file (--static): one value per series, read by a global model. */
  static?: string[];
  series?: string;
  dateFormat?: 'MDY' | 'DMY';
  missing?: IngestOptions['missing'];
  duplicates?: IngestOptions['duplicates'];
  nonFinite?: IngestOptions['nonFinite'];
  maxRows?: number;
  maxBytes?: number;
  sheet?: string;
}

/**
 * The ingestion flags beyond a series' columns: what Infinity means, and the size limits
 * that the data layer's messages tell people to raise (--max-rows, --max-bytes).
 *
 * @example
 * addIngestOptions(program.command('inspect <csv>')); // then --non-finite missing --max-rows 8000000
 */
export function addIngestOptions(command: Command): Command {
  return command
    .option('--sheet <name>', 'worksheet of an .xlsx workbook (default: the first)')
    .addOption(
      new Option(
        '--non-finite <policy>',
        'Infinity, -Infinity, inf, 1e309: an error naming the cell, or missing values for --missing',
      ).choices(['error', 'missing']),
    )
    .addOption(
      new Option('--max-rows <rows>', 'data rows to read at most (default 5000000)').argParser(
        parseIntegerOption('--max-rows'),
      ),
    )
    .addOption(
      new Option('--max-bytes <bytes>', 'bytes to read at most (default 536870912, 512 MiB)').argParser(
        parseIntegerOption('--max-bytes'),
      ),
    );
}

/** The ingest options the series flags ask for; those not given keep ingestCsv's defaults. */
export function ingestOptionsFromFlags(flags: SeriesFlags): IngestOptions {
  return {
    target: flags.target,
    time: flags.time,
    features: flags.features,
    future: flags.future,
    id: flags.id,
    statics: flags.static,
    dateFormat: flags.dateFormat,
    missing: flags.missing,
    duplicates: flags.duplicates,
    nonFinite: flags.nonFinite,
    maxRows: flags.maxRows,
    maxBytes: flags.maxBytes,
    sheet: flags.sheet,
  };
}

export async function loadSeries(
  csv: string,
  flags: SeriesFlags,
  minRows?: number,
): Promise<{ series: TimeSeries; report: ValidationReport }> {
  if (flags.static !== undefined)
    throw new UsageError(
      '--static goes with --global: static columns tell the series of one global model apart, and a model of one series has nothing to tell apart',
    );
  const { series, report } = await ingestCsv(csv, {
    ...ingestOptionsFromFlags(flags),
    features: flags.features ?? [],
    minRows,
  });
  // The person chose --non-finite missing; still say how many cells it touched, since the
  // forecast commands print no ingestion report of their own.
  if (report.nonFinite > 0) {
    console.error(
      `recurrent: ${csv}: ${report.nonFinite} non-finite value${report.nonFinite === 1 ? '' : 's'} read as missing (--non-finite missing)`,
    );
  }
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
  if (flags.futureFile === undefined) return { series: only, report };
  return { series: await withFutureFile(only, flags.futureFile, flags), report };
}

/**
 * The series with its known-future rows read from a second file: its time column and the
 * known-future columns, the target nowhere. Those rows replace any the first file gave.
 */
async function withFutureFile(series: TimeSeries, file: string, flags: SeriesFlags): Promise<TimeSeries> {
  const [first, ...rest] = flags.future ?? [];
  if (first === undefined)
    throw new UsageError(
      `--future-file ${file} gives known-future values, but no column is known in the future (--future)`,
    );
  const { series: read } = await ingestCsv(file, {
    time: flags.time,
    target: first,
    features: rest,
    id: null,
    dateFormat: flags.dateFormat,
    missing: 'error',
  });
  const [rows] = read;
  if (!rows) throw new UsageError(`--future-file ${file} holds no rows`);
  return {
    ...series,
    future: { time: rows.time, features: [{ name: first, values: rows.values }, ...rows.features] },
  };
}

/** Every series of a file, and the name of its id column ("id" when the file is one series). */
export async function loadCollection(
  csv: string,
  flags: SeriesFlags,
): Promise<{ series: TimeSeries[]; idColumn: string }> {
  const { series, columns } = await ingestCsv(csv, {
    ...ingestOptionsFromFlags(flags),
    features: flags.features ?? [],
  });
  if (series.length === 0) throw new UsageError(`${csv} holds no series`);
  const idColumn = columns.find((c) => c.role === 'id')?.name ?? flags.id ?? 'id';
  return { series, idColumn };
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
