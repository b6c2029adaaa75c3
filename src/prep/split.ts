// Chronological train / validation / test splits, as half-open index ranges of target
// positions: validation follows train and test follows validation, always. A window whose
// targets sit in one part may look back into the part before it, never forward (pass a
// range as makeWindows' targetRange). There is deliberately no shuffled split (docs/lessons.md #16).
import { PrepError } from './errors.ts';

export interface SplitRanges {
  train: [number, number];
  validation: [number, number];
  test: [number, number];
}

export function splitByFraction(n: number, fractions: { validation: number; test: number }): SplitRanges {
  const { validation, test } = fractions;
  for (const [name, value] of [
    ['validation', validation],
    ['test', test],
  ] as const) {
    if (!(value >= 0 && value < 1)) {
      throw new PrepError(`the fraction must be in [0, 1), got ${value}`, {
        field: name,
        hint: 'Use e.g. 0.15.',
      });
    }
  }
  if (validation + test >= 1) {
    throw new PrepError(`validation ${validation} + test ${test} leave nothing to train on`, {
      field: 'validation',
      hint: 'Keep validation + test below 1, e.g. 0.15 + 0.15.',
    });
  }
  const testSize = Math.round(n * test);
  const validationSize = Math.round(n * validation);
  const trainEnd = n - testSize - validationSize;
  const tooSmall = (validation > 0 && validationSize === 0) || (test > 0 && testSize === 0) || trainEnd < 1;
  if (tooSmall) {
    throw new PrepError(
      `a series of ${n} values is too short to split ${1 - validation - test}/${validation}/${test}`,
      { field: 'validation', hint: 'Supply a longer series, or set the fraction to 0 to skip that part.' },
    );
  }
  return ranges(n, trainEnd, trainEnd + validationSize);
}

/** Validation starts at the first time ≥ validationStart, test at the first time ≥ testStart (epoch ms). */
export function splitByDates(time: Float64Array, validationStart: number, testStart: number): SplitRanges {
  if (!(validationStart <= testStart)) {
    throw new PrepError('the validation part must start no later than the test part', {
      field: 'validationStart',
      hint: 'Give dates in order: validation start, then test start.',
    });
  }
  const validationIndex = lowerBound(time, validationStart);
  const testIndex = lowerBound(time, testStart);
  if (validationIndex === 0) {
    throw new PrepError(
      'the validation start is at or before the first timestamp, leaving nothing to train on',
      { field: 'validationStart', hint: 'Choose a later validation start date.' },
    );
  }
  return ranges(time.length, validationIndex, testIndex);
}

/** Every value a scaler may be fitted on: the series before validation starts. */
export function trainSlice(values: Float64Array, split: SplitRanges): Float64Array {
  return values.subarray(0, split.train[1]);
}

function ranges(n: number, validationIndex: number, testIndex: number): SplitRanges {
  return { train: [0, validationIndex], validation: [validationIndex, testIndex], test: [testIndex, n] };
}

// First index whose time is ≥ value (time is sorted ascending).
function lowerBound(time: Float64Array, value: number): number {
  let low = 0;
  let high = time.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (time[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
