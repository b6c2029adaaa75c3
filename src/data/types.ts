// The shapes the data layer hands to everything downstream: ingest options, cleaned
// series, and the validation report that says what cleaning did to them.

export type MissingPolicy = 'linear' | 'ffill' | 'drop' | 'error';
export type DuplicatePolicy = 'error' | 'mean' | 'last' | 'sum';
export type DateOrder = 'MDY' | 'DMY';
/** What a value of Infinity, -Infinity, 1e309 or a 400-digit number means: a data error, or a missing value. */
export type NonFinitePolicy = 'error' | 'missing';

export interface IngestOptions {
  /** Name used in error messages; defaults to the path, or "input". */
  file?: string;
  /** Time column; detected when absent. */
  time?: string;
  /** Target column; when absent the first numeric column is used and all numeric columns become features. */
  target?: string;
  /** Extra input columns. */
  features?: string[];
  /**
   * Known-future columns (read as features too): rows after the last target value, with the
   * target cell empty, give their values over the forecast horizon (TimeSeries.future).
   */
  future?: string[];
  /**
   * Static columns of a long-format file: one value per series (a store's region, a meter's
   * type), text or numbers, kept as TimeSeries.statics for a global model to tell series apart.
   * A series whose rows disagree is an error naming both lines.
   */
  statics?: string[];
  /**
   * Identifier column of a long-format file; a text column named symbol, location, id, series
   * or ticker is used when absent. null: the file is one series, whatever its columns are called.
   */
  id?: string | null;
  /**
   * When no id is given and the timestamps repeat, a text column that splits the rows into
   * series (id-column.ts) is 'suggest'ed in the duplicate-timestamps error (the default), or
   * 'use'd as the id, as an upload does, so the person sees the series and can change it.
   */
  idDetection?: 'suggest' | 'use';
  /** Worksheet of an Excel workbook (.xlsx); the first when absent. */
  sheet?: string;
  /** How to read ambiguous slash dates such as 03/04/2020. */
  dateFormat?: DateOrder;
  /** Delimiter; detected among , ; tab | when absent. */
  delimiter?: string;
  missing?: MissingPolicy;
  duplicates?: DuplicatePolicy;
  /** Default 'error': a non-finite value names its line and column; 'missing' hands it to the missing-value policy. */
  nonFinite?: NonFinitePolicy;
  /** Default 512 MiB. */
  maxBytes?: number;
  /** Data rows, header excluded. Default 5,000,000. */
  maxRows?: number;
  /** Each series needs at least this many rows after cleaning (e.g. windowLength + horizonSteps). Default 2. */
  minRows?: number;
}

export type FrequencyUnit =
  | 'second'
  | 'minute'
  | 'hour'
  | 'day'
  | 'business-day'
  | 'week'
  | 'month'
  | 'quarter'
  | 'year';

export interface Frequency {
  unit: FrequencyUnit;
  step: number;
  /** Human wording: "daily", "business days", "every 15 minutes". */
  label: string;
  /** Month-based units only: timestamps sit on the last day of their month. */
  endOfMonth?: boolean;
}

export interface TimeSeries {
  /** '' for a single series, else the identifier value. */
  id: string;
  /** Epoch milliseconds UTC, strictly increasing. */
  time: Float64Array;
  target: string;
  /** Target values, all finite. */
  values: Float64Array;
  features: { name: string; values: Float64Array }[];
  frequency: Frequency;
  /** Rows after the last target value that give known-future columns' values; absent when none. */
  future?: FutureRows;
  /** The static columns asked for (IngestOptions.statics), each series' one value as written (trimmed). */
  statics?: StaticValue[];
}

export interface StaticValue {
  name: string;
  value: string;
}

/** Known-future values past the end of a series' history (src/data/future-rows.ts). */
export interface FutureRows {
  /** Epoch milliseconds UTC, increasing, all after the series' last time. */
  time: Float64Array;
  /** Line of each row in its file, for messages; absent for rows built in code. */
  lines?: Int32Array;
  /** One entry per known-future column; NaN where a cell was empty. */
  features: { name: string; values: Float64Array }[];
}

export type ColumnType = 'number' | 'time' | 'text';
export type ColumnRole = 'time' | 'target' | 'feature' | 'id';

export interface ColumnInfo {
  name: string;
  type: ColumnType;
  /** Cells holding a missing-value token ("", NA, NaN, null, N/A, -, ?). */
  missing: number;
  role?: ColumnRole;
}

/** A run of absent periods between two consecutive timestamps. */
export interface Gap {
  /** Last timestamp before the gap (epoch ms). */
  after: number;
  /** First timestamp after the gap (epoch ms). */
  before: number;
  /** Periods of the series' frequency that are absent. */
  missingSteps: number;
}

export interface MissingReport {
  column: string;
  /** Missing cells plus non-finite values, before the policy ran. */
  missing: number;
  filled: number;
  /** Rows removed by the 'drop' policy because of this column. */
  dropped: number;
  policy: MissingPolicy;
}

export interface SeriesReport {
  id: string;
  rowsRead: number;
  rowsUsed: number;
  start: string;
  end: string;
  frequency: Frequency;
  /** Periods absent from the data: not filled, only reported. */
  gaps: Gap[];
  /** Business-day series only: weekdays with no trading (market holidays). Not missing data. */
  calendarGaps: Gap[];
  /** Steps that are not a whole multiple of the frequency. */
  irregularSteps: number;
  duplicates: number;
  outOfOrder: number;
  nonFinite: number;
  missing: MissingReport[];
}

export interface ValidationReport {
  file: string;
  delimiter: string;
  rowsRead: number;
  rowsUsed: number;
  columns: ColumnInfo[];
  time: { column: string; format: string };
  id: string | null;
  target: string;
  features: string[];
  /** Shared by every series, or null when they differ. */
  frequency: Frequency | null;
  policies: { missing: MissingPolicy; duplicates: DuplicatePolicy; nonFinite: NonFinitePolicy };
  duplicates: number;
  outOfOrder: number;
  /** Non-finite values read as missing (nonFinite: 'missing'); 0 otherwise, since they are refused. */
  nonFinite: number;
  missingFilled: number;
  series: SeriesReport[];
  /** What looks wrong or was changed: gaps, irregular steps, renamed columns… */
  warnings: string[];
  /** What was decided with nothing wrong: the target chosen, the id column proposed. */
  notes: string[];
  /** Text columns that would split the rows into series, best first (when the timestamps repeat). */
  idCandidates: string[];
  /** The id column was proposed by detection, not given or named as one (see idDetection). */
  idProposed: boolean;
  /** An Excel workbook's sheet that was read, and every sheet it holds; absent for a CSV. */
  sheet?: string;
  sheets?: string[];
}

export interface IngestResult {
  columns: ColumnInfo[];
  series: TimeSeries[];
  report: ValidationReport;
}
