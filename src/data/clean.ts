// Cleans the rows of each series: splits a long-format file by identifier, sorts by time,
// resolves duplicate timestamps (an error unless an aggregation is named), turns
// non-finite values into missing ones and applies the missing-value policy.
// A sorted single series without duplicates is cleaned in place, without copies.
import { DataError, ProblemList, seriesLabel } from './errors.ts';
import { applyMissingPolicy, type SeriesRows } from './fill.ts';
import { formatTime } from './calendar.ts';
import { checkOutlyingGap } from './outlying-gap.ts';
import type { ValueColumn } from './columns.ts';
import { splitFutureRows, trailingMissing } from './future-rows.ts';
import type { DuplicatePolicy, FutureRows, MissingPolicy, MissingReport } from './types.ts';

export interface CleanInput {
  file: string;
  time: ValueColumn;
  /** Line of each row, for messages. */
  lines: Int32Array;
  id: { name: string; codes: Int32Array; labels: string[] } | null;
  /** Target first, then features. */
  values: ValueColumn[];
  missing: MissingPolicy;
  duplicates: DuplicatePolicy;
  minRows: number;
  /** A column that looks like the series id (id-column.ts): the duplicate-timestamps error names it. */
  likelyId?: string;
  /** Known-future columns (index into values, name): trailing rows without a target are their future. */
  future?: { index: number; name: string }[];
}

export interface CleanedSeries {
  id: string;
  time: Float64Array;
  /** Same order as CleanInput.values. */
  columns: Float64Array[];
  rowsRead: number;
  duplicates: number;
  outOfOrder: number;
  nonFinite: number;
  missing: MissingReport[];
  /** Rows after the last target value, for the known-future columns; null when none. */
  future: FutureRows | null;
  /** Rows at the end with no target value, when no known-future column claimed them (the missing-value policy treated them as history). */
  trailingWithoutTarget: number;
}

export function cleanSeries(input: CleanInput): CleanedSeries[] {
  const problems = new ProblemList();
  const id = input.id;
  const cleaned =
    id === null
      ? [cleanGroup(input, '', null, problems)]
      : groupRows(id.codes, id.labels.length).map((rows, code) =>
          cleanGroup(input, id.labels[code] ?? '', rows, problems),
        );
  problems.throwIfAny();
  return cleaned.filter((c) => c !== null);
}

// Row indices of each identifier in file order (a counting sort).
function groupRows(codes: Int32Array, groups: number): Int32Array[] {
  const sizes = new Int32Array(groups);
  for (let i = 0; i < codes.length; i++) sizes[codes[i]!]!++;
  const out = Array.from(sizes, (size) => new Int32Array(size));
  const fill = new Int32Array(groups);
  for (let i = 0; i < codes.length; i++) out[codes[i]!]![fill[codes[i]!]!++] = i;
  return out;
}

// null when the group has duplicate timestamps under the 'error' policy: they go to `problems`.
function cleanGroup(
  input: CleanInput,
  id: string,
  selected: Int32Array | null,
  problems: ProblemList,
): CleanedSeries | null {
  const time = input.time.values;
  let order = selected;
  const rowsRead = order === null ? time.length : order.length;
  const at = (i: number): number => (order === null ? i : order[i]!);
  let nonFinite = 0;
  for (const column of input.values) nonFinite += clearNonFinite(column.values, rowsRead, at);
  let outOfOrder = 0;
  for (let i = 1; i < rowsRead; i++) if (time[at(i)]! < time[at(i - 1)]!) outOfOrder++;
  if (outOfOrder > 0) {
    const sorted = order ?? identity(rowsRead);
    sorted.sort((a, b) => time[a]! - time[b]! || a - b);
    order = sorted;
  }
  let duplicates = 0;
  for (let i = 1; i < rowsRead; i++) {
    if (time[at(i)] !== time[at(i - 1)]) continue;
    // With a likely id column every repeat has the same cause: one error says so.
    const listed = input.likelyId === undefined || duplicates === 0;
    if (input.duplicates === 'error' && listed) problems.add(duplicateError(input, id, at(i - 1), at(i)));
    duplicates++;
  }
  if (duplicates > 0 && input.duplicates === 'error') return null;
  if (duplicates > 0) order ??= identity(rowsRead);
  const rows =
    order === null
      ? { time, lines: input.lines, columns: input.values.map((c) => c.values) }
      : gatherRows(input, order, rowsRead - duplicates);
  const future = splitFutureRows(rows, input.future ?? []);
  const trailingWithoutTarget = future === null ? trailingMissing(rows.columns[0]!) : 0;
  const missing = applyMissingPolicy(rows, input.values, input.missing, { file: input.file, id });
  checkFinite(input, id, rows);
  if (rows.time.length < input.minRows) throw tooShortError(input, id, rows);
  checkOutlyingGap(rows, { file: input.file, id, column: input.time.column, field: input.time.name });
  return {
    id,
    time: rows.time,
    columns: rows.columns,
    rowsRead,
    duplicates,
    outOfOrder,
    nonFinite,
    missing,
    future,
    trailingWithoutTarget,
  };
}

// Every value read was finite (or was refused, or made missing), but merging duplicates
// with 'sum' can still overflow past ±1.8e308: say so at the row, rather than hand on Infinity.
function checkFinite(input: CleanInput, id: string, rows: SeriesRows): void {
  rows.columns.forEach((values, c) => {
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v === Infinity || v === -Infinity) {
        const column = input.values[c]!;
        throw new DataError(
          `merging the rows with this timestamp (duplicates: '${input.duplicates}') gives a number beyond ±1.8e308${seriesLabel(id)}`,
          {
            file: input.file,
            line: rows.lines[i],
            column: column.column,
            field: column.name,
            hint: "Use duplicates: 'mean' or 'last' (CLI: --duplicates), or rescale the column.",
          },
        );
      }
    }
  });
}

function identity(n: number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order;
}

function clearNonFinite(values: Float64Array, count: number, at: (i: number) => number): number {
  let found = 0;
  for (let i = 0; i < count; i++) {
    const v = values[at(i)]!;
    if (v === Infinity || v === -Infinity) {
      values[at(i)] = NaN;
      found++;
    }
  }
  return found;
}

// Copies rows in time order, merging each run of equal timestamps with the duplicate policy.
function gatherRows(input: CleanInput, order: Int32Array, size: number): SeriesRows {
  const time = input.time.values;
  const rows: SeriesRows = {
    time: new Float64Array(size),
    lines: new Int32Array(size),
    columns: input.values.map(() => new Float64Array(size)),
  };
  let out = 0;
  for (let start = 0; start < order.length; out++) {
    let end = start + 1;
    while (end < order.length && time[order[end]!] === time[order[start]!]) end++;
    rows.time[out] = time[order[start]!]!;
    rows.lines[out] = input.lines[order[end - 1]!]!;
    input.values.forEach((column, c) => {
      rows.columns[c]![out] =
        end - start === 1
          ? column.values[order[start]!]!
          : aggregate(column.values, order, start, end, input.duplicates);
    });
    start = end;
  }
  return rows;
}

// Missing values are skipped; a run with none observed stays missing.
function aggregate(
  values: Float64Array,
  order: Int32Array,
  start: number,
  end: number,
  policy: DuplicatePolicy,
): number {
  let sum = 0;
  let count = 0;
  let last = NaN;
  for (let i = start; i < end; i++) {
    const v = values[order[i]!]!;
    if (v !== v) continue;
    sum += v;
    count++;
    last = v;
  }
  if (count === 0) return NaN;
  if (policy === 'mean' && !Number.isFinite(sum)) return meanOfHuge(values, order, start, end, count);
  return policy === 'sum' ? sum : policy === 'last' ? last : sum / count;
}

// Two values near ±1.8e308 overflow their sum but not their mean: divide first. Only for
// such sums, so the mean of ordinary values keeps its usual rounding.
function meanOfHuge(
  values: Float64Array,
  order: Int32Array,
  start: number,
  end: number,
  count: number,
): number {
  let mean = 0;
  for (let i = start; i < end; i++) {
    const v = values[order[i]!]!;
    if (v === v) mean += v / count;
  }
  return mean;
}

function duplicateError(input: CleanInput, id: string, first: number, second: number): DataError {
  const [a, b] = [input.lines[first]!, input.lines[second]!].sort((x, y) => x - y);
  const likelyId = input.likelyId;
  // Merging would blend the series of a long-format file into one: name the id column first.
  const problem = `lines ${a} and ${b} have the same timestamp ${formatTime(input.time.values[first]!)}${seriesLabel(id)}${likelyId === undefined ? '' : `; column "${likelyId}" looks like a series id: use --id ${likelyId}`}`;
  const hint =
    likelyId === undefined
      ? "Remove the duplicate row, or merge duplicates with duplicates: 'mean', 'last' or 'sum' (CLI: --duplicates)."
      : `If the file holds one series per ${likelyId}, read it with id: '${likelyId}' (CLI: --id ${likelyId}); merging duplicates (--duplicates mean or sum) would blend those series into one.`;
  return new DataError(problem, {
    file: input.file,
    line: b,
    column: input.time.column,
    field: input.time.name,
    hint,
  });
}

function tooShortError(input: CleanInput, id: string, rows: SeriesRows): DataError {
  const target = input.values[0]!;
  const count = rows.time.length;
  return new DataError(
    `the series${seriesLabel(id)} has ${count} row${count === 1 ? '' : 's'} after cleaning, fewer than the ${input.minRows} it needs`,
    {
      file: input.file,
      line: count > 0 ? rows.lines[0] : input.lines[0],
      column: target.column,
      field: target.name,
      hint:
        input.minRows > 2
          ? `Supply at least ${input.minRows} rows, or shorten the window (windowLength + horizonSteps).`
          : 'A series needs at least 2 timestamps so that its frequency can be inferred; supply more rows.',
    },
  );
}
