// Known-future rows: what an analyst already knows about the forecast horizon (a planned
// promotion, a price, a temperature forecast) sits in the same CSV as rows after the last
// target value, with the target cell left empty. Those rows are the series' future, not
// missing targets: they are cut off before the missing-value policy runs, so they are
// never interpolated into the history.
import type { SeriesRows } from './fill.ts';
import type { FutureRows } from './types.ts';

/**
 * Cuts the trailing rows whose target is missing off `rows` (in place) and returns them,
 * with the values of the known-future columns only (indices into rows.columns, the target
 * being 0). Null when there are no such columns or no such rows. Missing cells of a future
 * column stay NaN: the forecast names the first one it needs (src/forecast/future-columns.ts).
 */
/** How many values at the end are missing (NaN). */
export function trailingMissing(values: Float64Array): number {
  let end = values.length;
  while (end > 0 && values[end - 1] !== values[end - 1]) end--;
  return values.length - end;
}

export function splitFutureRows(
  rows: SeriesRows,
  futureColumns: readonly { index: number; name: string }[],
): FutureRows | null {
  if (futureColumns.length === 0) return null;
  const target = rows.columns[0]!;
  const end = target.length - trailingMissing(target);
  if (end === target.length) return null;
  const future: FutureRows = {
    time: rows.time.slice(end),
    lines: rows.lines.slice(end),
    features: futureColumns.map(({ index, name }) => ({ name, values: rows.columns[index]!.slice(end) })),
  };
  rows.time = rows.time.subarray(0, end);
  rows.lines = rows.lines.subarray(0, end);
  rows.columns = rows.columns.map((column) => column.subarray(0, end));
  return future;
}
