// The data layer's front door: CSV (or an Excel .xlsx) in, cleaned series plus a validation
// report out. read (csv.ts, or xlsx.ts: both fill the same table.ts) → decide columns
// (columns.ts, id-column.ts) → clean each series (clean.ts) → infer its frequency
// (frequency.ts) → report what was found and what was done.
import { cleanSeries } from './clean.ts';
import { planColumns, resolveColumns } from './columns.ts';
import { readTable, type Table } from './csv.ts';
import { detectFormat } from './format.ts';
import { summariseSeries } from './series-summary.ts';
import { readStaticColumns } from './static-columns.ts';
import { readChunks, sourceName, type CsvSource } from './source.ts';
import { openWorkbook, readSheetTable } from './xlsx.ts';
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

export { DataError, MAX_LISTED_PROBLEMS } from './errors.ts';
export { futureTimes, inferFrequency } from './frequency.ts';

export const INGEST_DEFAULTS = {
  missing: 'linear',
  duplicates: 'error',
  nonFinite: 'error',
  maxBytes: 512 * 1024 * 1024,
  maxRows: 5_000_000,
  minRows: 2,
} as const;

/** A workbook's XML parts run to several times its data: they may unpack to 8× maxBytes, at most 1 GiB. */
const UNPACKED_PER_BYTE = 8;
const MAX_UNPACKED_BYTES = 1024 ** 3;

/**
 * Reads a CSV (a path, a Buffer or a stream) or an Excel workbook (.xlsx, a path or a
 * Buffer) into cleaned series, one per identifier of a long-format file, and a validation
 * report of what was found and what was done. Bad input throws a DataError naming the file,
 * line and column (a workbook's sheet, row and column letter), listing up to
 * MAX_LISTED_PROBLEMS problems of one kind at once.
 *
 * @example
 * const { series, report } = await ingestCsv('datasets/seattle-weather.csv', { target: 'temp_max' });
 * series[0].values.length; // 1461 daily values (a Float64Array)
 * report.series[0].frequency.label; // "daily"
 */
export async function ingestCsv(source: CsvSource, given: IngestOptions = {}): Promise<IngestResult> {
  const options = withFutureAsFeatures(given);
  const file = sourceName(source, options.file);
  checkOptions(options, file);
  const maxBytes = options.maxBytes ?? INGEST_DEFAULTS.maxBytes;
  const maxRows = options.maxRows ?? INGEST_DEFAULTS.maxRows;
  const plan = planColumns(options);
  if ((await detectFormat(source, file)) === 'csv') {
    const table = await readTable(source, { file, delimiter: options.delimiter, maxBytes, maxRows, plan });
    return ingestTable(table, options, {});
  }
  return ingestWorkbook(await readAll(source, file, maxBytes), options, { file, maxBytes, maxRows, plan });
}

async function ingestWorkbook(
  bytes: Buffer,
  options: IngestOptions,
  {
    file,
    maxBytes,
    maxRows,
    plan,
  }: { file: string; maxBytes: number; maxRows: number; plan: ReturnType<typeof planColumns> },
): Promise<IngestResult> {
  const maxUnpackedBytes = Math.min(MAX_UNPACKED_BYTES, UNPACKED_PER_BYTE * maxBytes);
  const book = await openWorkbook(bytes, file, maxUnpackedBytes);
  // A named sheet is read or refused. Otherwise the first sheet that holds a series is read,
  // so a workbook opening on a cover sheet still reads; with none, the first sheet's error.
  const tried = options.sheet !== undefined ? [options.sheet] : book.readable;
  let firstError: unknown;
  for (const sheet of tried) {
    let columnOffset = 0;
    try {
      const read = readSheetTable(book, sheet, { file, maxRows, plan });
      columnOffset = read.columnOffset;
      const result = ingestTable(read.table, options, { sheet, sheets: book.sheets });
      const skipped = tried.slice(0, tried.indexOf(sheet));
      if (skipped.length > 0) {
        result.report.notes.push(
          `sheet${skipped.length > 1 ? 's' : ''} ${skipped.join(', ')} ${skipped.length > 1 ? 'hold' : 'holds'} no series this reader understands: sheet ${sheet} was read`,
        );
      }
      return result;
    } catch (error) {
      const located = error instanceof DataError ? inSheet(error, sheet, columnOffset) : error;
      if (!(located instanceof DataError)) throw located;
      firstError ??= located;
    }
  }
  throw firstError;
}

async function readAll(source: CsvSource, file: string, maxBytes: number): Promise<Buffer> {
  if (Buffer.isBuffer(source)) return source;
  const chunks: Buffer[] = [];
  for await (const chunk of readChunks(source, file, maxBytes)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/**
 * A DataError located in a worksheet: "sheet Data, row 12, column C (sales)" instead of
 * "line 12, column 3", with its other problems moved the same way.
 */
function inSheet(error: DataError, sheet: string, columnOffset: number): DataError {
  if (error.sheet !== undefined) return error;
  const move = (e: DataError): DataError =>
    new DataError(rowWords(e.problem), {
      ...e.details,
      hint: rowWords(e.hint),
      sheet,
      column: e.column === undefined ? undefined : e.column + columnOffset,
    });
  return new DataError(rowWords(error.problem), move(error).details, {
    others: error.others.map(move),
    unlisted: error.unlisted,
  });
}

// A worksheet has rows where a CSV has lines.
function rowWords(text: string): string {
  return text.replace(/\blines (\d+) and (\d+)/g, 'rows $1 and $2').replace(/\bline (\d+)/g, 'row $1');
}

/** Known-future columns are inputs too: read with the features, their future rows kept apart. */
function withFutureAsFeatures(options: IngestOptions): IngestOptions {
  if (options.future === undefined || options.future.length === 0) return options;
  const features = [...(options.features ?? [])];
  for (const name of options.future) if (!features.includes(name)) features.push(name);
  return { ...options, features };
}

function ingestTable(
  table: Table,
  options: IngestOptions,
  workbook: { sheet?: string; sheets?: string[] },
): IngestResult {
  const { file } = table;
  const missing = options.missing ?? INGEST_DEFAULTS.missing;
  const duplicates = options.duplicates ?? INGEST_DEFAULTS.duplicates;
  const nonFinite = options.nonFinite ?? INGEST_DEFAULTS.nonFinite;
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
    likelyId: resolved.idCandidates[0],
    future: (options.future ?? []).map((name) => ({
      index: resolved.values.findIndex((c) => c.name === name),
      name,
    })),
  });
  const warnings = [...table.warnings, ...resolved.warnings];
  const statics =
    options.statics && options.statics.length > 0
      ? readStaticColumns(table, resolved.id, options.statics)
      : null;
  const series: TimeSeries[] = [];
  const seriesReports: SeriesReport[] = [];
  for (const clean of cleaned) {
    const { report, timeSeries } = summariseSeries(clean, resolved, warnings);
    const values = statics?.get(timeSeries.id);
    series.push(values ? { ...timeSeries, statics: values } : timeSeries);
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
    notes: resolved.notes,
    idCandidates: resolved.idCandidates,
    idProposed: resolved.idProposed,
    ...workbook,
  };
  return { columns: resolved.infos, series, report };
}

// Options often arrive as CLI or JSON strings: refuse a misspelt policy instead of ignoring it.
function checkOptions(options: IngestOptions, file: string): void {
  const choices: [keyof IngestOptions, readonly string[]][] = [
    ['missing', ['linear', 'ffill', 'drop', 'error']],
    ['duplicates', ['error', 'mean', 'last', 'sum']],
    ['nonFinite', ['error', 'missing']],
    ['dateFormat', ['MDY', 'DMY']],
    ['idDetection', ['suggest', 'use']],
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
