// The data layer's front door: CSV in, cleaned series plus a validation report out.
// read (csv.ts) → decide columns (columns.ts) → clean each series (clean.ts) →
// infer its frequency (frequency.ts) → report what was found and what was done.
import { formatTime } from './calendar.ts';
import { cleanSeries, type CleanedSeries } from './clean.ts';
import { planColumns, resolveColumns, type ResolvedColumns } from './columns.ts';
import { readTable } from './csv.ts';
import { inferFrequency } from './frequency.ts';
import { sourceName, type CsvSource } from './source.ts';
import type {
  Frequency,
  IngestOptions,
  IngestResult,
  SeriesReport,
  TimeSeries,
  ValidationReport,
} from './types.ts';

export type * from './types.ts';
export type { CsvSource } from './source.ts';
import { DataError } from './errors.ts';

export { DataError } from './errors.ts';
export { futureTimes, inferFrequency } from './frequency.ts';

export const INGEST_DEFAULTS = {
  missing: 'linear',
  duplicates: 'error',
  nonFinite: 'error',
  maxBytes: 512 * 1024 * 1024,
  maxRows: 5_000_000,
  minRows: 2,
} as const;

/**
 * Reads a CSV (a path, a Buffer or a stream) into cleaned series, one per identifier of a
 * long-format file, and a validation report of what was found and what was done. Bad input
 * throws a DataError naming the file, line and column.
 *
 * @example
 * const { series, report } = await ingestCsv('datasets/seattle-weather.csv', { target: 'temp_max' });
 * series[0].values.length; // 1461 daily values (a Float64Array)
 * report.series[0].frequency.label; // "daily"
 */
export async function ingestCsv(source: CsvSource, options: IngestOptions = {}): Promise<IngestResult> {
  const file = sourceName(source, options.file);
  checkOptions(options, file);
  const missing = options.missing ?? INGEST_DEFAULTS.missing;
  const duplicates = options.duplicates ?? INGEST_DEFAULTS.duplicates;
  const nonFinite = options.nonFinite ?? INGEST_DEFAULTS.nonFinite;
  const table = await readTable(source, {
    file,
    delimiter: options.delimiter,
    maxBytes: options.maxBytes ?? INGEST_DEFAULTS.maxBytes,
    maxRows: options.maxRows ?? INGEST_DEFAULTS.maxRows,
    plan: planColumns(options),
  });
  const resolved = resolveColumns(table, options);
  const cleaned = cleanSeries({
    file,
    time: resolved.time,
    lines: table.lines,
    id: resolved.id,
    values: resolved.values,
    missing,
    duplicates,
    minRows: Math.max(2, options.minRows ?? INGEST_DEFAULTS.minRows),
  });
  const warnings = [...table.warnings, ...resolved.warnings];
  const series: TimeSeries[] = [];
  const seriesReports: SeriesReport[] = [];
  for (const clean of cleaned) {
    const { report, timeSeries } = summariseSeries(clean, resolved, warnings);
    series.push(timeSeries);
    seriesReports.push(report);
  }
  const sum = (pick: (r: SeriesReport) => number): number =>
    seriesReports.reduce((total, r) => total + pick(r), 0);
  const infinite = sum((r) => r.nonFinite);
  if (infinite > 0) {
    warnings.push(
      `${infinite} non-finite value${infinite === 1 ? ' was' : 's were'} (Infinity, 1e309…) read as missing and given to the '${missing}' missing-value policy`,
    );
  }
  const report: ValidationReport = {
    file,
    delimiter: table.delimiter,
    rowsRead: table.rowsRead,
    rowsUsed: sum((r) => r.rowsUsed),
    columns: resolved.infos,
    time: { column: resolved.time.name, format: resolved.time.format },
    id: resolved.id?.name ?? null,
    target: resolved.values[0]!.name,
    features: resolved.values.slice(1).map((c) => c.name),
    frequency: sharedFrequency(series.map((s) => s.frequency)),
    policies: { missing, duplicates, nonFinite },
    duplicates: sum((r) => r.duplicates),
    outOfOrder: sum((r) => r.outOfOrder),
    nonFinite: infinite,
    missingFilled: sum((r) => r.missing.reduce((total, m) => total + m.filled, 0)),
    series: seriesReports,
    warnings,
  };
  return { columns: resolved.infos, series, report };
}

function summariseSeries(
  clean: CleanedSeries,
  resolved: ResolvedColumns,
  warnings: string[],
): { report: SeriesReport; timeSeries: TimeSeries } {
  const { frequency, gaps, calendarGaps, irregularSteps } = inferFrequency(clean.time);
  const name = clean.id === '' ? 'the series' : `series "${clean.id}"`;
  const steps = clean.time.length - 1;
  if (irregularSteps > 0) {
    warnings.push(`${name}: ${irregularSteps} of ${steps} steps do not fit its ${frequency.label} frequency`);
  }
  if (gaps.length > 0) {
    const absent = gaps.reduce((total, g) => total + g.missingSteps, 0);
    warnings.push(
      `${name}: ${gaps.length} gaps (${absent} absent ${frequency.label} periods) are left as they are, not filled`,
    );
  }
  const [target, ...features] = clean.columns;
  const timeSeries: TimeSeries = {
    id: clean.id,
    time: clean.time,
    target: resolved.values[0]!.name,
    values: target!,
    features: features.map((values, i) => ({ name: resolved.values[i + 1]!.name, values })),
    frequency,
  };
  const report: SeriesReport = {
    id: clean.id,
    rowsRead: clean.rowsRead,
    rowsUsed: clean.time.length,
    start: formatTime(clean.time[0]!),
    end: formatTime(clean.time[clean.time.length - 1]!),
    frequency,
    gaps,
    calendarGaps,
    irregularSteps,
    duplicates: clean.duplicates,
    outOfOrder: clean.outOfOrder,
    nonFinite: clean.nonFinite,
    missing: clean.missing,
  };
  return { report, timeSeries };
}

// Options often arrive as CLI or JSON strings: refuse a misspelt policy instead of ignoring it.
function checkOptions(options: IngestOptions, file: string): void {
  const choices: [keyof IngestOptions, readonly string[]][] = [
    ['missing', ['linear', 'ffill', 'drop', 'error']],
    ['duplicates', ['error', 'mean', 'last', 'sum']],
    ['nonFinite', ['error', 'missing']],
    ['dateFormat', ['MDY', 'DMY']],
  ];
  for (const [field, allowed] of choices) {
    const value = options[field];
    if (value !== undefined && !allowed.includes(value as string)) {
      throw new DataError(`unknown ${field} option ${JSON.stringify(value)}`, {
        file,
        field,
        hint: `Use one of: ${allowed.join(', ')}.`,
      });
    }
  }
  for (const field of ['maxBytes', 'maxRows', 'minRows'] as const) {
    const value = options[field];
    if (value !== undefined && !(Number.isInteger(value) && value > 0)) {
      throw new DataError(`${field} must be a whole number above 0, got ${value}`, {
        file,
        field,
        hint: `Set ${field} to a positive whole number.`,
      });
    }
  }
  if (options.delimiter !== undefined && options.delimiter.length !== 1) {
    throw new DataError(`the delimiter must be one character, got ${JSON.stringify(options.delimiter)}`, {
      file,
      field: 'delimiter',
      hint: 'Use , ; | or a tab.',
    });
  }
}

function sharedFrequency(frequencies: Frequency[]): Frequency | null {
  const first = frequencies[0];
  if (first === undefined) return null;
  const same = frequencies.every(
    (f) => f.unit === first.unit && f.step === first.step && f.endOfMonth === first.endOfMonth,
  );
  return same ? first : null;
}
