// Finds the column that most likely names the series of a long-format file, when nothing
// says so: a column of text (not numbers, not times) whose values split the rows into
// groups that each have their own timestamps. Three stores' daily sales repeat every date
// three times; grouped by `store`, no date repeats. Without this the file reads as one
// series with duplicate timestamps, and merging them (mean/sum) would blend the stores.
import type { ColumnReader } from './column-reader.ts';
import type { Table } from './table.ts';

export interface IdProposal {
  name: string;
  /** Series the column would yield. */
  series: number;
}

/**
 * At least this share of the rows must repeat a timestamp before a column is proposed:
 * one stray duplicate in a wide file is a duplicate, not a sign of several series.
 */
const MIN_REPEATED_SHARE = 0.1;
/** Grouped by the column, at most this share of the repeats may remain. */
const MAX_UNEXPLAINED_SHARE = 0.05;

/**
 * The columns that would make a long-format file of this table, best first: text columns
 * with no missing cell, 2 to rows/2 distinct values, under which (almost) no timestamp
 * repeats within a group. Empty when the timestamps do not repeat.
 *
 * @example
 * // date,store,sales with 3 stores over the same 100 days
 * likelyIdColumns(table, time.values, new Set(['date'])); // [{ name: 'store', series: 3 }]
 */
export function likelyIdColumns(
  table: Table,
  time: Float64Array,
  exclude: ReadonlySet<string | undefined>,
): IdProposal[] {
  const rows = time.length;
  const repeats = repeatedTimestamps(time);
  if (repeats === 0 || repeats < MIN_REPEATED_SHARE * rows) return [];
  const scored: { proposal: IdProposal; unexplained: number; index: number }[] = [];
  for (const reader of table.columns) {
    if (exclude.has(reader.name) || !reader.isIdCandidate) continue;
    const groups = reader.distinctValues;
    if (groups < 2 || groups > rows / 2) continue;
    const codes = codesOf(reader);
    if (codes === null || codes.length !== rows || codes.includes(-1)) continue;
    const unexplained = repeatsWithinGroups(codes, groups, time);
    if (unexplained > MAX_UNEXPLAINED_SHARE * repeats) continue;
    scored.push({ proposal: { name: reader.name, series: groups }, unexplained, index: reader.index });
  }
  scored.sort(
    (a, b) => a.unexplained - b.unexplained || a.proposal.series - b.proposal.series || a.index - b.index,
  );
  return scored.map((s) => s.proposal);
}

function codesOf(reader: ColumnReader): Int32Array | null {
  return reader.takeCodes()?.codes ?? null;
}

/** Rows whose timestamp an earlier row already has. */
function repeatedTimestamps(time: Float64Array): number {
  const sorted = time.slice().sort();
  let repeats = 0;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) repeats++;
  return repeats;
}

// Rows whose timestamp repeats within their own group: a counting sort by group, then each
// group's times sorted on their own.
function repeatsWithinGroups(codes: Int32Array, groups: number, time: Float64Array): number {
  const starts = new Int32Array(groups + 1);
  for (let i = 0; i < codes.length; i++) starts[codes[i]! + 1]!++;
  for (let g = 0; g < groups; g++) starts[g + 1]! += starts[g]!;
  const fill = starts.slice(0, groups);
  const grouped = new Float64Array(codes.length);
  for (let i = 0; i < codes.length; i++) grouped[fill[codes[i]!]!++] = time[i]!;
  let repeats = 0;
  for (let g = 0; g < groups; g++) {
    const times = grouped.subarray(starts[g]!, starts[g + 1]!).sort();
    for (let i = 1; i < times.length; i++) if (times[i] === times[i - 1]) repeats++;
  }
  return repeats;
}
