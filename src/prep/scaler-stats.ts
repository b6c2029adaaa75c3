// What a scaler learns from its training slice: the values its affine map will see
// (after log / differences / window-relative steps) and their centre and spread.
import { PrepError } from './errors.ts';
import { anchorLength, applySteps, type Steps } from './value-steps.ts';

export type ScalerKind = 'minmax' | 'zscore' | 'robust' | 'none';

export interface AffineStats {
  center: number;
  scale: number;
  min: number;
  max: number;
  count: number;
}

/** Caps the window samples (window-relative, es-normalise) of a long series; windows are then strided. */
export const MAX_WINDOW_SAMPLES = 2_000_000;

/**
 * The training values in the scaler's own domain. (Seasonal) differences come from the
 * training values themselves, the first lag of them serving as the anchor; window-relative values are every input and target of every training
 * window, relative to that window's last observed value.
 */
export function trainingSamples(
  train: Float64Array,
  steps: Steps,
  window: { length: number; horizon: number },
): Float64Array {
  if (steps.relative === null) {
    const lag = anchorLength(steps);
    if (train.length <= lag) {
      throw new PrepError(
        `the training slice of ${train.length} values is too short for a difference over ${lag} steps`,
        { field: 'trainSlice', hint: 'Train on more data or use a shorter season.' },
      );
    }
    return applySteps(train.subarray(lag), steps, lag === 0 ? undefined : train.subarray(0, lag));
  }
  const { length: T, horizon: k } = window;
  const anchors = Math.max(0, train.length - T - k + 1);
  if (anchors === 0) {
    throw new PrepError(`the training slice of ${train.length} values holds no window of ${T + k}`, {
      field: 'windowLength',
      hint: 'Shorten the window or train on more data.',
    });
  }
  const stride = Math.max(1, Math.ceil((anchors * (T + k)) / MAX_WINDOW_SAMPLES));
  const parts: Float64Array[] = [];
  for (let t = T - 1; t < train.length - k; t += stride) {
    parts.push(applySteps(train.subarray(t - T + 1, t + k + 1), steps, train[t]!));
  }
  const out = new Float64Array(parts.reduce((total, p) => total + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function affineStats(samples: Float64Array, kind: ScalerKind): AffineStats {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    const v = samples[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  const count = samples.length;
  let center = 0;
  let scale = 1;
  if (kind === 'minmax') {
    center = min;
    scale = max - min;
  } else if (kind === 'zscore') {
    center = sum / count;
    let squares = 0;
    for (let i = 0; i < count; i++) squares += (samples[i]! - center) ** 2;
    scale = Math.sqrt(squares / count);
  } else if (kind === 'robust') {
    const sorted = Float64Array.from(samples).sort();
    center = quantile(sorted, 0.5);
    scale = quantile(sorted, 0.75) - quantile(sorted, 0.25);
  }
  // A constant slice has no spread to divide by; nor does one whose spread is subnormal or
  // mere rounding noise of its values. Leave those unscaled rather than blow them up.
  const noise = Number.EPSILON * Math.max(Math.abs(min), Math.abs(max));
  if (!(scale > Math.max(noise, 1e-300)) || !Number.isFinite(scale)) scale = 1;
  return { center, scale, min, max, count };
}

/** Linear interpolation between order statistics (type 7, as NumPy's default). */
export function quantile(sorted: Float64Array, q: number): number {
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}
