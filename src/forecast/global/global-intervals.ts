// Intervals for a series the global model never saw: each seen series' widths divided by
// its scale (the mean absolute one-step change of its history), pooled by the median over
// the series per level and step, and multiplied back by the new series' own scale. Seen
// series keep their own widths, calibrated on their own validation errors.
import type { ConformalWidths } from '../intervals.ts';

/** The mean absolute one-step change: a scale every series has, whatever its season. */
export function stepScale(values: Float64Array): number {
  let sum = 0;
  for (let t = 1; t < values.length; t++) sum += Math.abs(values[t]! - values[t - 1]!);
  const scale = values.length > 1 ? sum / (values.length - 1) : 0;
  return scale > 0 ? scale : 1;
}

/** The median over series of widths / scale, per level and step. */
export function pooledRelativeWidths(
  widths: readonly ConformalWidths[],
  scales: readonly number[],
): ConformalWidths {
  const first = widths[0]!;
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const mid = s.length >> 1;
    return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  };
  return {
    levels: [...first.levels],
    halfWidths: first.levels.map((_, li) =>
      first.halfWidths[li]!.map((_, step) =>
        median(widths.map((w, i) => w.halfWidths[li]![step]! / scales[i]!)),
      ),
    ),
    residualCount: widths.reduce((s, w) => s + w.residualCount, 0),
  };
}

export function scaledWidths(relative: ConformalWidths, scale: number): ConformalWidths {
  return { ...relative, halfWidths: relative.halfWidths.map((row) => row.map((w) => w * scale)) };
}
