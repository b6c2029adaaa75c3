// Cuts aligned columns into supervised windows: `windowLength` past steps of every input
// feature → the next `horizonSteps` target values. Laid out batch-major as the engine reads
// them — inputs [N, T, F], targets [N, k] — so nothing is copied again before training.
// The last window always ends at the end of its range: with a stride, the oldest data is
// the part left out, never the most recent.
import { PrepError } from './errors.ts';

export interface WindowSet {
  /** [N, T, F]: inputs[(n * T + t) * F + f]. */
  inputs: Float64Array;
  /** [N, k]: targets[n * k + j] is the target at targetStart[n] + j. */
  targets: Float64Array;
  count: number;
  windowLength: number;
  featureCount: number;
  horizonSteps: number;
  /** Index in the series of each window's first target; its inputs are the windowLength indices before it. */
  targetStart: Int32Array;
}

export interface WindowOptions {
  windowLength: number;
  horizonSteps: number;
  /** Steps between consecutive windows' first targets. Default 1. */
  stride?: number;
  /** The target column (columns[0]) is also input feature 0. Default true. */
  targetInInputs?: boolean;
  /** Every target of every window lies in [start, end): pass a split's range. Inputs may reach back before start. Default: the whole series. */
  targetRange?: readonly [number, number];
  /** Inputs never use an index below this (1 when a differenced scaler needs the value before each window). Default 0. */
  firstInput?: number;
}

/** Where the windows of a set sit, once its options are checked. */
export interface WindowSpan {
  /** The first target index of the first (earliest) and of the last window. */
  earliest: number;
  latest: number;
  stride: number;
  /** The columns the inputs read, in feature order. */
  inputColumns: readonly Float64Array[];
}

/**
 * Checks the columns and options and says where the windows sit: what makeWindows cuts,
 * and what a source that cuts windows on demand (window-source.ts) reads.
 */
export function windowSpan(columns: readonly Float64Array[], options: WindowOptions): WindowSpan {
  const { windowLength: T, horizonSteps: k } = options;
  const stride = options.stride ?? 1;
  const targetInInputs = options.targetInInputs ?? true;
  positiveInteger(T, 'windowLength');
  positiveInteger(k, 'horizonSteps');
  positiveInteger(stride, 'stride');
  const target = columns[0];
  if (target === undefined)
    throw new PrepError('no columns were given', {
      field: 'columns',
      hint: 'Pass the target column first, then any features.',
    });
  const n = target.length;
  columns.forEach((column, c) => {
    if (column.length !== n) {
      throw new PrepError(`column ${c} has ${column.length} values but the target has ${n}`, {
        field: 'columns',
        hint: 'Pass columns of one series, aligned in time.',
      });
    }
  });
  const inputColumns = targetInInputs ? columns : columns.slice(1);
  const F = inputColumns.length;
  if (F === 0) {
    throw new PrepError('there are no input features', {
      field: 'targetInInputs',
      hint: 'Keep the target among the inputs, or add feature columns.',
    });
  }
  const [rangeStart, rangeEnd] = options.targetRange ?? [0, n];
  if (!(rangeStart >= 0 && rangeStart <= rangeEnd && rangeEnd <= n)) {
    throw new PrepError(
      `the target range [${rangeStart}, ${rangeEnd}) is not inside the series of ${n} values`,
      { field: 'targetRange', hint: 'Use a range from splitByFraction or splitByDates on this series.' },
    );
  }
  const earliest = Math.max(rangeStart, (options.firstInput ?? 0) + T);
  const latest = rangeEnd - k;
  if (latest < earliest) {
    const available = rangeEnd - Math.max(0, rangeStart - T);
    throw new PrepError(
      `a window needs ${T + k} consecutive values (windowLength ${T} + horizonSteps ${k}), but only ${Math.max(0, available)} are available here`,
      {
        field: 'windowLength',
        hint: 'Shorten windowLength or horizonSteps, or supply a longer series.',
      },
    );
  }
  return { earliest, latest, stride, inputColumns };
}

/** columns: target first, then features, all the same length n. */
export function makeWindows(columns: readonly Float64Array[], options: WindowOptions): WindowSet {
  const { windowLength: T, horizonSteps: k } = options;
  const { earliest, latest, stride, inputColumns } = windowSpan(columns, options);
  const target = columns[0]!;
  const F = inputColumns.length;
  const count = Math.floor((latest - earliest) / stride) + 1;
  const inputs = new Float64Array(count * T * F);
  const targets = new Float64Array(count * k);
  const targetStart = new Int32Array(count);
  for (let w = 0; w < count; w++) {
    const s = latest - (count - 1 - w) * stride;
    targetStart[w] = s;
    for (let t = 0; t < T; t++) {
      const row = (w * T + t) * F;
      for (let f = 0; f < F; f++) inputs[row + f] = finiteAt(inputColumns[f]!, s - T + t);
    }
    for (let j = 0; j < k; j++) targets[w * k + j] = finiteAt(target, s + j);
  }
  return { inputs, targets, count, windowLength: T, featureCount: F, horizonSteps: k, targetStart };
}

export function finiteAt(column: Float64Array, index: number): number {
  const value = column[index]!;
  if (!Number.isFinite(value)) {
    throw new PrepError(`the value at index ${index} is ${value}`, {
      field: 'columns',
      hint: 'Clean the series first (ingestCsv fills or drops missing values).',
    });
  }
  return value;
}

function positiveInteger(value: number, field: string): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new PrepError(`must be a whole number of at least 1, got ${value}`, {
      field,
      hint: `Set ${field} to 1 or more.`,
    });
  }
}
