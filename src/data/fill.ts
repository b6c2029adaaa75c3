// Missing-value policies for the columns of one time-sorted series (NaN = missing):
// `linear` interpolates in time, not by row, so an uneven gap is bridged in proportion;
// `ffill` carries the last value forward; `drop` removes the row; `error` refuses.
// linear and ffill copy the nearest observed value into leading (and, for linear,
// trailing) holes, since there is nothing to interpolate from; the report counts them all.
import { DataError, seriesLabel } from './errors.ts';
import type { MissingPolicy, MissingReport } from './types.ts';

export interface SeriesRows {
  time: Float64Array;
  /** Line of each row, for messages. */
  lines: Int32Array;
  columns: Float64Array[];
}

/** Applies the policy to every column in place (drop replaces the arrays); one report per column. */
export function applyMissingPolicy(
  rows: SeriesRows,
  columns: readonly { name: string; column: number }[],
  policy: MissingPolicy,
  where: { file: string; id: string },
): MissingReport[] {
  const reports = columns.map((column, c): MissingReport => {
    const values = rows.columns[c]!;
    const at = { file: where.file, column: column.column, field: column.name };
    if (firstObserved(values) < 0) {
      throw new DataError(
        `the column has no values${seriesLabel(where.id)}: all ${values.length} rows are missing`,
        {
          ...at,
          line: rows.lines[0],
          hint: 'Fill in the column, or choose another one.',
        },
      );
    }
    let missing = 0;
    for (let i = 0; i < values.length; i++) {
      if (values[i] === values[i]) continue;
      if (policy === 'error') {
        throw new DataError(`this value is missing or not finite${seriesLabel(where.id)}`, {
          ...at,
          line: rows.lines[i],
          hint: "Fill it in, or choose a missing-value policy: 'linear', 'ffill' or 'drop' (CLI: --missing).",
        });
      }
      missing++;
    }
    const filled =
      policy === 'drop' || policy === 'error' || missing === 0 ? 0 : fillMissing(values, rows.time, policy);
    return { column: column.name, missing, filled, dropped: policy === 'drop' ? missing : 0, policy };
  });
  if (policy === 'drop' && reports.some((r) => r.dropped > 0)) dropIncompleteRows(rows);
  return reports;
}

/** Fills `values` in place; returns how many cells were filled. */
export function fillMissing(values: Float64Array, time: Float64Array, policy: 'linear' | 'ffill'): number {
  const n = values.length;
  const first = firstObserved(values);
  if (first < 0) return 0;
  let filled = 0;
  for (let i = 0; i < first; i++, filled++) values[i] = values[first]!;
  let last = first;
  for (let i = first + 1; i < n; i++) {
    if (values[i] === values[i]) {
      if (i - last > 1) filled += bridge(values, time, last, i, policy);
      last = i;
    }
  }
  for (let i = last + 1; i < n; i++, filled++) values[i] = values[last]!;
  return filled;
}

function firstObserved(values: Float64Array): number {
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) return i;
  return -1;
}

// Fills the holes strictly between observed indices `from` and `to`.
function bridge(
  values: Float64Array,
  time: Float64Array,
  from: number,
  to: number,
  policy: 'linear' | 'ffill',
): number {
  const v0 = values[from]!;
  const v1 = values[to]!;
  const t0 = time[from]!;
  const span = time[to]! - t0;
  // v1 − v0 overflows only between values of opposite sign near ±1.8e308; the weighted
  // form is finite there, and is kept for that case so ordinary fills round as before.
  const overflows = !Number.isFinite(v1 - v0);
  for (let i = from + 1; i < to; i++) {
    if (policy === 'ffill') values[i] = v0;
    else if (!overflows) values[i] = v0 + ((v1 - v0) * (time[i]! - t0)) / span;
    else {
      const t = (time[i]! - t0) / span;
      values[i] = v0 * (1 - t) + v1 * t;
    }
  }
  return to - from - 1;
}

function dropIncompleteRows(rows: SeriesRows): void {
  let kept = 0;
  for (let i = 0; i < rows.time.length; i++) {
    if (rows.columns.some((values) => values[i] !== values[i])) continue;
    rows.time[kept] = rows.time[i]!;
    rows.lines[kept] = rows.lines[i]!;
    for (const values of rows.columns) values[kept] = values[i]!;
    kept++;
  }
  rows.time = rows.time.slice(0, kept);
  rows.lines = rows.lines.slice(0, kept);
  rows.columns = rows.columns.map((values) => values.slice(0, kept));
}
