// Refuses a series whose timestamps hold one step far longer than everything else it
// covers: a daily series whose last row is dated 9999-12-31 would otherwise be "cleaned"
// into a 2.9-million-day gap and trained on. Such a step is almost always a typo in a
// year or a row from another file, so the error names the rows on both sides of it.
import { formatTime } from './calendar.ts';
import { DataError, seriesLabel } from './errors.ts';

/** A step this many times longer than the rest of the series' span together is refused. */
export const OUTLYING_GAP_RATIO = 100;

export interface TimedRows {
  /** Strictly increasing epoch ms. */
  time: Float64Array;
  /** Line of each row, for messages. */
  lines: Int32Array;
}

/**
 * Throws a DataError when one step between consecutive rows is longer than
 * OUTLYING_GAP_RATIO times the span of the rest of the series (and than its shortest step,
 * so a two-row series, whose one step is its whole span, passes).
 *
 * @example
 * const time = Float64Array.of(Date.UTC(2020, 0, 1), Date.UTC(2020, 0, 2), Date.UTC(9999, 11, 31));
 * checkOutlyingGap({ time, lines: Int32Array.of(2, 3, 4) }, { file: 'f.csv', id: '', column: 1, field: 'date' });
 * // throws a DataError: "f.csv, line 4, column 1 ("date"): lines 3 and 4 are 2914633 days apart …"
 */
export function checkOutlyingGap(
  rows: TimedRows,
  where: { file: string; id: string; column: number; field: string },
): void {
  const { time, lines } = rows;
  const n = time.length;
  if (n < 2) return;
  let longest = 1;
  let shortest = Infinity;
  for (let i = 1; i < n; i++) {
    const step = time[i]! - time[i - 1]!;
    if (step > time[longest]! - time[longest - 1]!) longest = i;
    if (step < shortest) shortest = step;
  }
  const gap = time[longest]! - time[longest - 1]!;
  const rest = time[n - 1]! - time[0]! - gap;
  if (gap <= OUTLYING_GAP_RATIO * Math.max(rest, shortest)) return;
  const before = lines[longest - 1]!;
  const after = lines[longest]!;
  // The side with fewer rows is the odd one out; point at the row there that borders the gap.
  const lonely = n - longest < longest ? after : before;
  throw new DataError(
    `lines ${Math.min(before, after)} and ${Math.max(before, after)} are ${describeSpan(gap)} apart (${formatTime(time[longest - 1]!)} to ${formatTime(time[longest]!)})${seriesLabel(where.id)}, more than ${OUTLYING_GAP_RATIO} times the ${describeSpan(rest)} the other rows cover`,
    {
      file: where.file,
      line: lonely,
      column: where.column,
      field: where.field,
      hint: `Check the timestamp on line ${lonely} (a mistyped year?), or remove the rows on one side of the gap.`,
    },
  );
}

function describeSpan(ms: number): string {
  const days = ms / 86_400_000;
  if (days >= 1) return `${Math.round(days)} day${Math.round(days) === 1 ? '' : 's'}`;
  const seconds = ms / 1000;
  return `${Math.round(seconds)} second${Math.round(seconds) === 1 ? '' : 's'}`;
}
