// The invertible steps a scaler applies before its affine map, in this order:
//   log         x → ln x                     (x > 0)
//   difference  x_i → x_i − x_{i−1}          with x_{−1} = anchor
//   relative    x → x / anchor − 1 (ratio)   or x − anchor (offset; after log, a log-return)
// The anchor is always a raw value: for differences, the actual value just before values[0];
// for window-relative scaling, the window's last observed value.
import { PrepError } from './errors.ts';

export type ValueTransform = 'none' | 'log' | 'difference';
export type RelativeMode = 'ratio' | 'offset';

export interface Steps {
  transform: ValueTransform;
  relative: RelativeMode | null;
}

export function needsAnchor(steps: Steps): boolean {
  return steps.transform === 'difference' || steps.relative !== null;
}

/** Raw values → the domain the affine map sees. */
export function applySteps(values: Float64Array, steps: Steps, anchor: number | undefined): Float64Array {
  const out = new Float64Array(values.length);
  const log = steps.transform === 'log';
  for (let i = 0; i < values.length; i++) out[i] = log ? logOf(values[i]!) : values[i]!;
  if (!needsAnchor(steps)) return out;
  const a = checkedAnchor(anchor, steps);
  if (steps.transform === 'difference') {
    for (let i = out.length - 1; i > 0; i--) out[i] = out[i]! - out[i - 1]!;
    if (out.length > 0) out[0] = out[0]! - a;
  } else if (steps.relative === 'ratio') {
    for (let i = 0; i < out.length; i++) out[i] = out[i]! / a - 1;
  } else {
    for (let i = 0; i < out.length; i++) out[i] = out[i]! - a;
  }
  return out;
}

/** Exact inverse of applySteps for the same anchor (up to floating-point rounding). */
export function undoSteps(y: Float64Array, steps: Steps, anchor: number | undefined): Float64Array {
  const out = Float64Array.from(y);
  const log = steps.transform === 'log';
  if (needsAnchor(steps)) {
    const a = checkedAnchor(anchor, steps);
    if (steps.transform === 'difference') {
      let level = a;
      for (let i = 0; i < out.length; i++) out[i] = level = level + out[i]!;
    } else if (steps.relative === 'ratio') {
      for (let i = 0; i < out.length; i++) out[i] = (out[i]! + 1) * a;
    } else {
      for (let i = 0; i < out.length; i++) out[i] = out[i]! + a;
    }
  }
  if (log) for (let i = 0; i < out.length; i++) out[i] = Math.exp(out[i]!);
  return out;
}

// The anchor in the domain after the log step.
function checkedAnchor(anchor: number | undefined, steps: Steps): number {
  if (anchor === undefined || !Number.isFinite(anchor) || (steps.relative === 'ratio' && anchor <= 0)) {
    throw new PrepError(`this scaler needs a finite${steps.relative === 'ratio' ? ', positive' : ''} anchor, got ${anchor}`, {
      field: 'anchor', hint: "Pass the last actual value before the values (differences) or the window's last observed value (window-relative).",
    });
  }
  return steps.transform === 'log' ? logOf(anchor) : anchor;
}

function logOf(value: number): number {
  if (!(value > 0)) {
    throw new PrepError(`the log transform needs values above 0, got ${value}`, { field: 'transform', hint: "Use transform 'none' or 'difference' for data with zeros or negatives." });
  }
  return Math.log(value);
}
