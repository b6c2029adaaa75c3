// Where a scaler finds its anchors in one column: for a window's inputs (the lead values
// before them, or the window's last value for window-relative scaling) and for the values
// from an origin on (targets, forecasts). Each scaler makes one per column, so a scaler
// whose anchors summarise everything before an origin (es-normalise) computes that once
// per column rather than once per window.
import { PrepError } from './errors.ts';

export interface ColumnAnchors {
  /** The anchor for the `length` values just before `origin`: a window's inputs. */
  before(origin: number, length: number): Float64Array | undefined;
  /** The anchor for the values from `origin` on: what transform and inverse get for targets. */
  from(origin: number): Float64Array | undefined;
}

/**
 * Anchors that are raw values: `anchorLength` of them before the values (differences), or,
 * for window-relative scaling, the window's last observed value.
 */
export function rawColumnAnchors(
  column: Float64Array,
  anchorLength: number,
  relative: boolean,
): ColumnAnchors {
  return {
    before: (origin, length) =>
      relative ? valuesBefore(column, origin, 1) : valuesBefore(column, origin - length, anchorLength),
    from: (origin) => valuesBefore(column, origin, anchorLength),
  };
}

/** The `count` raw values just before index `end`; undefined when none are needed. */
export function valuesBefore(column: Float64Array, end: number, count: number): Float64Array | undefined {
  if (count === 0) return undefined;
  if (end - count < 0) {
    throw new PrepError(
      `a differenced window needs the ${count === 1 ? 'value' : `${count} values`} before it, which reach before the start of the series`,
      {
        field: 'firstInput',
        hint: `Cut the windows with makeWindows(…, { firstInput: ${count} }).`,
      },
    );
  }
  return column.subarray(end - count, end);
}
