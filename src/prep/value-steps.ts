// The invertible steps a scaler applies before its affine map, in this order:
//   log                  x → ln x                      (x > 0)
//   difference           x_i → x_i − x_{i−1}           the anchor is the one value before values[0]
//   seasonal-difference  x_i → x_i − x_{i−m}           the anchor is the m values before values[0]
//   relative             x → x / anchor − 1 (ratio)    or x − anchor (offset; after log, a log-return)
// The anchor is always raw values: for (seasonal) differences, the actual values just before
// values[0], oldest first; for window-relative scaling, the window's last observed value.
// A seasonal difference forecasts how this season differs from the last one, so a series
// whose cycle barely changes (hourly temperature normals) becomes small, learnable noise.
// 'es-normalise' is no value step: its anchor is a smoother's state (es-normalise.ts); it is
// named here because a spec's transform is one of these, and only its anchor sizes are.
import { INITIAL_SEASONS } from './es-smoother.ts';
import { PrepError } from './errors.ts';

export type ValueTransform = 'none' | 'log' | 'difference' | 'seasonal-difference' | 'es-normalise';
export type RelativeMode = 'ratio' | 'offset';
/** One raw value, or several (oldest first) for a seasonal difference. */
export type Anchor = number | ArrayLike<number>;

export interface Steps {
  transform: ValueTransform;
  relative: RelativeMode | null;
  /** Seasonal difference only: m, the lag the difference is taken over. */
  seasonLength?: number;
}

/** How many values the anchor holds: 0 when the steps need none; es-normalise's is [level, m factors]. */
export function anchorLength(steps: Steps): number {
  if (steps.transform === 'seasonal-difference') return steps.seasonLength ?? 1;
  if (steps.transform === 'es-normalise') return 1 + (steps.seasonLength ?? 1);
  return steps.transform === 'difference' || steps.relative !== null ? 1 : 0;
}

/**
 * Raw values a window needs before its first input beyond the window itself: the anchor of
 * a (seasonal) difference, or the seasons es-normalise starts its smoother from.
 * Window-relative anchors lie inside the window.
 */
export function leadValues(spec: { transform?: ValueTransform; seasonLength?: number }): number {
  if (spec.transform === 'es-normalise') return INITIAL_SEASONS * (spec.seasonLength ?? 1);
  return anchorLength({
    transform: spec.transform ?? 'none',
    relative: null,
    seasonLength: spec.seasonLength,
  });
}

export function needsAnchor(steps: Steps): boolean {
  return anchorLength(steps) > 0;
}

/** Raw values → the domain the affine map sees. */
export function applySteps(values: Float64Array, steps: Steps, anchor: Anchor | undefined): Float64Array {
  notASmoother(steps);
  const out = new Float64Array(values.length);
  const log = steps.transform === 'log';
  for (let i = 0; i < values.length; i++) out[i] = log ? logOf(values[i]!) : values[i]!;
  if (!needsAnchor(steps)) return out;
  const a = checkedAnchor(anchor, steps);
  if (steps.relative === null) {
    // (Seasonal) differences, lag L: walk backwards so each x_{i−L} is still unchanged.
    const L = a.length;
    for (let i = out.length - 1; i >= 0; i--) out[i] = out[i]! - (i >= L ? out[i - L]! : a[i]!);
  } else if (steps.relative === 'ratio') {
    for (let i = 0; i < out.length; i++) out[i] = out[i]! / a[0]! - 1;
  } else {
    for (let i = 0; i < out.length; i++) out[i] = out[i]! - a[0]!;
  }
  return out;
}

/** Exact inverse of applySteps for the same anchor (up to floating-point rounding). */
export function undoSteps(y: Float64Array, steps: Steps, anchor: Anchor | undefined): Float64Array {
  notASmoother(steps);
  const out = Float64Array.from(y);
  const log = steps.transform === 'log';
  if (needsAnchor(steps)) {
    const a = checkedAnchor(anchor, steps);
    if (steps.relative === null) {
      // Past the anchor, a step builds on the level this inverse has just rebuilt.
      const L = a.length;
      for (let i = 0; i < out.length; i++) out[i] = out[i]! + (i >= L ? out[i - L]! : a[i]!);
    } else if (steps.relative === 'ratio') {
      for (let i = 0; i < out.length; i++) out[i] = (out[i]! + 1) * a[0]!;
    } else {
      for (let i = 0; i < out.length; i++) out[i] = out[i]! + a[0]!;
    }
  }
  if (log) for (let i = 0; i < out.length; i++) out[i] = Math.exp(out[i]!);
  return out;
}

// The anchor's values in the domain after the log step.
function checkedAnchor(anchor: Anchor | undefined, steps: Steps): Float64Array {
  const wanted = anchorLength(steps);
  const values = typeof anchor === 'number' ? [anchor] : anchor;
  const ratio = steps.relative === 'ratio';
  const bad =
    values === undefined ||
    values.length !== wanted ||
    Array.prototype.some.call(values, (v: number) => !Number.isFinite(v) || (ratio && v <= 0));
  if (bad) {
    const shown =
      values === undefined
        ? 'undefined'
        : typeof anchor === 'number'
          ? String(anchor)
          : `${values.length} values`;
    const what =
      wanted > 1
        ? `the ${wanted} finite values before the first one (a season)`
        : `a finite${ratio ? ', positive' : ''} anchor`;
    throw new PrepError(`this scaler needs ${what}, got ${shown}`, {
      field: 'anchor',
      hint: "Pass the actual values just before the values (differences) or the window's last observed value (window-relative).",
    });
  }
  const out = Float64Array.from(values!);
  if (steps.transform === 'log') for (let i = 0; i < out.length; i++) out[i] = logOf(out[i]!);
  return out;
}

// A programming error, not bad data: es-normalise scalers never reach the value steps.
function notASmoother(steps: Steps): void {
  if (steps.transform === 'es-normalise')
    throw new Error('es-normalise is not a value step (see es-normalise.ts)');
}

function logOf(value: number): number {
  if (!(value > 0)) {
    throw new PrepError(`the log transform needs values above 0, got ${value}`, {
      field: 'transform',
      hint: "Use transform 'none' or 'difference' for data with zeros or negatives.",
    });
  }
  return Math.log(value);
}
