// Scales windows cut from raw columns, one window at a time, handing each scaler the anchor
// it needs: for inputs, the values before the window (one for differences, a season for
// seasonal differences) or the window's last observed value (window-relative); for
// targets, the last observed target values (as many as the anchor holds). es-normalise's
// anchors are its smoother's state instead, which each scaler's anchorsIn(column) reads off
// one pass over the column. inverseTargets undoes it with the same anchors, giving
// forecasts in raw units.
// scaleInputWindows does the input half alone for any origins, including the end of the
// series, where there are no targets yet: that is what forecasting feeds the network.
import { valuesBefore, type ColumnAnchors } from './column-anchors.ts';
import { PrepError } from './errors.ts';
import type { FittedScaler } from './scale.ts';
import type { WindowSet } from './window.ts';

export interface ScaledWindows extends WindowSet {
  /**
   * [N, A]: each window's target anchor (the raw target values just before its first target,
   * or es-normalise's state), A = anchorStride(target scaler).
   */
  anchors: Float64Array;
}

export interface WindowScalers {
  /** One per input feature, in the order of the window's features. */
  inputs: readonly FittedScaler[];
  target: FittedScaler;
}

/**
 * `columns` are the raw columns the windows were cut from (target first), whole: anchors
 * may summarise everything before a window. A differenced input needs one value before each
 * window: cut such windows with makeWindows' firstInput: 1 (leadValues(spec) in general).
 */
export function scaleWindows(
  windows: WindowSet,
  columns: readonly Float64Array[],
  scalers: WindowScalers,
): ScaledWindows {
  const { count, windowLength: T, featureCount: F, horizonSteps: k, targetStart } = windows;
  const offset = F === columns.length ? 0 : F === columns.length - 1 ? 1 : -1;
  if (offset < 0 || scalers.inputs.length !== F) {
    throw new PrepError(
      `the windows have ${F} features but ${columns.length} columns and ${scalers.inputs.length} input scalers were given`,
      {
        field: 'scalers',
        hint: 'Pass the columns the windows were cut from, and one scaler per input feature.',
      },
    );
  }
  const target = columns[0]!;
  const { inputs, anchors } = scaleInputWindows(
    columns.slice(offset),
    target,
    targetStart,
    T,
    scalers.inputs,
    scalers.target,
  );
  // Targets are scaled with the very anchors inverseTargets will undo them with.
  const A = anchorStride(scalers.target);
  const targets = new Float64Array(windows.targets.length);
  for (let w = 0; w < count; w++) {
    const s = targetStart[w]!;
    const anchor = scalers.target.needsAnchor ? anchors.subarray(w * A, (w + 1) * A) : undefined;
    targets.set(scalers.target.transform(target.subarray(s, s + k), anchor), w * k);
  }
  return { ...windows, inputs, targets, anchors };
}

/** Values per window in an anchors array for this target scaler (at least 1). */
export function anchorStride(targetScaler: FittedScaler): number {
  return Math.max(1, targetScaler.anchorLength);
}

/**
 * Scaled inputs [N, T, F] of the windowLength steps before each origin (an origin may be
 * the series' length: the window that forecasts past its end), with anchors [N, A], the
 * target scaler's anchor for the values from each origin on (for a scaler without one, the
 * last observed value), A = anchorStride(targetScaler). Columns are whole, from the start.
 */
export function scaleInputWindows(
  inputColumns: readonly Float64Array[],
  target: Float64Array,
  origins: ArrayLike<number>,
  windowLength: number,
  scalers: readonly FittedScaler[],
  targetScaler: FittedScaler,
): { inputs: Float64Array; anchors: Float64Array } {
  const T = windowLength,
    F = inputColumns.length,
    N = origins.length,
    A = anchorStride(targetScaler);
  if (scalers.length !== F) {
    throw new PrepError(`${F} input columns but ${scalers.length} input scalers were given`, {
      field: 'scalers',
      hint: 'Pass one scaler per input feature.',
    });
  }
  // Once per column; the target's own input scaler is usually the target scaler: share its pass.
  const inputAnchors = inputColumns.map((column, f) => scalers[f]!.anchorsIn(column));
  const shared = inputColumns.findIndex((column, f) => column === target && scalers[f] === targetScaler);
  const targetAnchors: ColumnAnchors = shared >= 0 ? inputAnchors[shared]! : targetScaler.anchorsIn(target);
  const inputs = new Float64Array(N * T * F);
  const anchors = new Float64Array(N * A);
  for (let w = 0; w < N; w++) {
    const s = origins[w]!;
    if (!(Number.isInteger(s) && s >= T && s <= target.length)) {
      throw new PrepError(
        `origin ${s} leaves no room for a window of ${T} steps in a series of ${target.length}`,
        { field: 'origins', hint: `Use origins from ${T} to ${target.length}.` },
      );
    }
    anchors.set(targetAnchors.from(s) ?? valuesBefore(target, s, 1)!, w * A);
    for (let f = 0; f < F; f++) {
      const column = inputColumns[f]!;
      const scaled = scalers[f]!.transform(column.subarray(s - T, s), inputAnchors[f]!.before(s, T));
      for (let t = 0; t < T; t++) inputs[(w * T + t) * F + f] = scaled[t]!;
    }
  }
  return { inputs, anchors };
}

/** [N, k] scaled targets or predictions → raw units, with the anchors [N, A] from scaleWindows. */
export function inverseTargets(
  scaled: Float64Array,
  anchors: Float64Array,
  horizonSteps: number,
  scaler: FittedScaler,
): Float64Array {
  const A = anchorStride(scaler),
    N = anchors.length / A;
  if (!Number.isInteger(N) || scaled.length !== N * horizonSteps) {
    throw new PrepError(
      `${scaled.length} values do not make ${N} windows of ${horizonSteps} (anchors hold ${anchors.length} values, ${A} per window)`,
      {
        field: 'horizonSteps',
        hint: 'Pass predictions shaped [N, horizonSteps] with the anchors of the same windows.',
      },
    );
  }
  const out = new Float64Array(scaled.length);
  for (let w = 0; w < N; w++) {
    const rows = scaled.subarray(w * horizonSteps, (w + 1) * horizonSteps);
    out.set(
      scaler.inverse(rows, scaler.needsAnchor ? anchors.subarray(w * A, (w + 1) * A) : undefined),
      w * horizonSteps,
    );
  }
  return out;
}
