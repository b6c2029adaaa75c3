// Scales windows cut from raw columns, one window at a time, handing each scaler the anchor
// it needs: for inputs, the value before the window (differences) or the window's last
// observed value (window-relative); for targets, the last observed target value in both
// cases. inverseTargets undoes it with the same anchors, giving forecasts in raw units.
// scaleInputWindows does the input half alone for any origins, including the end of the
// series, where there are no targets yet: that is what forecasting feeds the network.
import { PrepError } from './errors.ts';
import type { FittedScaler } from './scale.ts';
import type { WindowSet } from './window.ts';

export interface ScaledWindows extends WindowSet {
  /** [N]: the raw target value just before each window's first target. */
  anchors: Float64Array;
}

export interface WindowScalers {
  /** One per input feature, in the order of the window's features. */
  inputs: readonly FittedScaler[];
  target: FittedScaler;
}

/**
 * `columns` are the raw columns the windows were cut from (target first). A differenced
 * input needs one value before each window: cut such windows with makeWindows' firstInput: 1.
 */
export function scaleWindows(windows: WindowSet, columns: readonly Float64Array[], scalers: WindowScalers): ScaledWindows {
  const { count, windowLength: T, featureCount: F, horizonSteps: k, targetStart } = windows;
  const offset = F === columns.length ? 0 : F === columns.length - 1 ? 1 : -1;
  if (offset < 0 || scalers.inputs.length !== F) {
    throw new PrepError(`the windows have ${F} features but ${columns.length} columns and ${scalers.inputs.length} input scalers were given`, {
      field: 'scalers', hint: 'Pass the columns the windows were cut from, and one scaler per input feature.',
    });
  }
  const target = columns[0]!;
  const { inputs, anchors } = scaleInputWindows(columns.slice(offset), target, targetStart, T, scalers.inputs);
  const targets = new Float64Array(windows.targets.length);
  for (let w = 0; w < count; w++) {
    const s = targetStart[w]!;
    const anchor = scalers.target.needsAnchor ? anchorAt(target, s - 1) : undefined;
    targets.set(scalers.target.transform(target.subarray(s, s + k), anchor), w * k);
  }
  return { ...windows, inputs, targets, anchors };
}

/**
 * Scaled inputs [N, T, F] of the windowLength steps before each origin (an origin may be
 * the series' length: the window that forecasts past its end), with anchors [N], the last
 * observed target value before each origin.
 */
export function scaleInputWindows(inputColumns: readonly Float64Array[], target: Float64Array, origins: ArrayLike<number>, windowLength: number, scalers: readonly FittedScaler[]): { inputs: Float64Array; anchors: Float64Array } {
  const T = windowLength, F = inputColumns.length, N = origins.length;
  if (scalers.length !== F) {
    throw new PrepError(`${F} input columns but ${scalers.length} input scalers were given`, { field: 'scalers', hint: 'Pass one scaler per input feature.' });
  }
  const inputs = new Float64Array(N * T * F);
  const anchors = new Float64Array(N);
  for (let w = 0; w < N; w++) {
    const s = origins[w]!;
    if (!(Number.isInteger(s) && s >= T && s <= target.length)) {
      throw new PrepError(`origin ${s} leaves no room for a window of ${T} steps in a series of ${target.length}`, { field: 'origins', hint: `Use origins from ${T} to ${target.length}.` });
    }
    anchors[w] = target[s - 1]!;
    for (let f = 0; f < F; f++) {
      const column = inputColumns[f]!;
      const scaler = scalers[f]!;
      const scaled = scaler.transform(column.subarray(s - T, s), inputAnchor(scaler, column, s, T));
      for (let t = 0; t < T; t++) inputs[(w * T + t) * F + f] = scaled[t]!;
    }
  }
  return { inputs, anchors };
}

/** [N, k] scaled targets or predictions → raw units, with the anchors from scaleWindows. */
export function inverseTargets(scaled: Float64Array, anchors: Float64Array, horizonSteps: number, scaler: FittedScaler): Float64Array {
  if (scaled.length !== anchors.length * horizonSteps) {
    throw new PrepError(`${scaled.length} values do not make ${anchors.length} windows of ${horizonSteps}`, { field: 'horizonSteps', hint: 'Pass predictions shaped [N, horizonSteps] with the anchors of the same windows.' });
  }
  const out = new Float64Array(scaled.length);
  for (let w = 0; w < anchors.length; w++) {
    const rows = scaled.subarray(w * horizonSteps, (w + 1) * horizonSteps);
    out.set(scaler.inverse(rows, scaler.needsAnchor ? anchors[w]! : undefined), w * horizonSteps);
  }
  return out;
}

function inputAnchor(scaler: FittedScaler, column: Float64Array, s: number, T: number): number | undefined {
  if (!scaler.needsAnchor) return undefined;
  return scaler.params.relative !== null ? anchorAt(column, s - 1) : anchorAt(column, s - T - 1);
}

function anchorAt(column: Float64Array, index: number): number {
  if (index < 0) {
    throw new PrepError('a differenced window needs the value before it, which is before the start of the series', {
      field: 'firstInput', hint: 'Cut the windows with makeWindows(…, { firstInput: 1 }).',
    });
  }
  return column[index]!;
}
