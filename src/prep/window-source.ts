// Scaled windows cut on demand, a minibatch at a time, from their indices: what a series of
// millions of values trains on instead of makeWindows + scaleWindows, which hold every
// window at once (two million windows of 64 steps are 1 GB per copy). Each window comes out
// exactly as scaleWindows scales it: the same transforms with the same anchors, which are
// computed once per column up front.
import type { Floats } from '../rnn/floats.ts';
import type { ColumnAnchors } from './column-anchors.ts';
import { valuesBefore } from './column-anchors.ts';
import { PrepError } from './errors.ts';
import { finiteAt, windowSpan } from './window.ts';
import type { WindowOptions } from './window.ts';
import type { WindowScalers } from './window-scale.ts';

export interface ScaledWindowSource {
  count: number;
  windowLength: number;
  featureCount: number;
  horizonSteps: number;
  /** Index in the series of window w's first target. */
  targetStartOf(w: number): number;
  /** Fills inputs [n, T, F] and targets [n, k] with the windows indices[from], …, indices[from + n − 1]. */
  gather(indices: Uint32Array, from: number, n: number, inputs: Floats, targets: Floats): void;
}

/**
 * Consecutive windows (stride 1) over `options.targetRange`, target among the inputs.
 *
 * @example
 * const source = scaledWindowSource(columns, { windowLength: 64, horizonSteps: 1, targetRange: [0, n] }, scalers);
 * source.gather(Uint32Array.of(7, 3), 0, 2, inputs, targets); // windows 7 and 3
 */
export function scaledWindowSource(
  columns: readonly Float64Array[],
  options: Omit<WindowOptions, 'stride' | 'targetInInputs'>,
  scalers: WindowScalers,
): ScaledWindowSource {
  const { windowLength: T, horizonSteps: k } = options;
  const { earliest, latest, inputColumns } = windowSpan(columns, options);
  const target = columns[0]!;
  const F = inputColumns.length;
  if (scalers.inputs.length !== F) {
    throw new PrepError(`${F} input columns but ${scalers.inputs.length} input scalers were given`, {
      field: 'scalers',
      hint: 'Pass one scaler per input feature.',
    });
  }
  // The same check makeWindows makes value by value, once over everything a window reads.
  for (const column of inputColumns) for (let i = earliest - T; i < latest; i++) finiteAt(column, i);
  for (let i = earliest; i < latest + k; i++) finiteAt(target, i);
  const inputAnchors = inputColumns.map((column, f) => scalers.inputs[f]!.anchorsIn(column));
  const shared = inputColumns.findIndex(
    (column, f) => column === target && scalers.inputs[f] === scalers.target,
  );
  const targetAnchors: ColumnAnchors = shared >= 0 ? inputAnchors[shared]! : scalers.target.anchorsIn(target);
  return {
    count: latest - earliest + 1,
    windowLength: T,
    featureCount: F,
    horizonSteps: k,
    targetStartOf: (w) => earliest + w,
    gather(indices, from, n, inputs, targets) {
      for (let r = 0; r < n; r++) {
        const s = earliest + indices[from + r]!;
        for (let f = 0; f < F; f++) {
          const column = inputColumns[f]!;
          const scaled = scalers.inputs[f]!.transform(
            column.subarray(s - T, s),
            inputAnchors[f]!.before(s, T),
          );
          for (let t = 0; t < T; t++) inputs[(r * T + t) * F + f] = scaled[t]!;
        }
        const anchor = scalers.target.needsAnchor
          ? (targetAnchors.from(s) ?? valuesBefore(target, s, 1))
          : undefined;
        targets.set(scalers.target.transform(target.subarray(s, s + k), anchor), r * k);
      }
    },
  };
}
