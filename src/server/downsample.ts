// Largest-Triangle-Three-Buckets downsampling (Steinarsson 2013): keeps the points that
// carry a line's visual shape, so a 100,000-point series draws as ~5,000 points that look
// the same (docs/lessons.md #15: browsers choke on long traces).

/** Indices (ascending) of at most `threshold` points of (x, y) chosen by LTTB. */
function lttbIndices(x: ArrayLike<number>, y: ArrayLike<number>, threshold: number): Int32Array {
  const n = x.length;
  if (threshold >= n || threshold < 3)
    return Int32Array.from({ length: Math.min(n, Math.max(threshold, n)) }, (_, i) => i);
  const out = new Int32Array(threshold);
  const bucket = (n - 2) / (threshold - 2);
  let a = 0;
  out[0] = 0;
  for (let i = 0; i < threshold - 2; i++) {
    // Average of the next bucket: the third corner of the triangle.
    const nextStart = Math.floor((i + 1) * bucket) + 1,
      nextEnd = Math.min(n, Math.floor((i + 2) * bucket) + 1);
    let avgX = 0,
      avgY = 0;
    for (let j = nextStart; j < nextEnd; j++) {
      avgX += x[j]!;
      avgY += y[j]!;
    }
    const count = Math.max(1, nextEnd - nextStart);
    avgX /= count;
    avgY /= count;
    const start = Math.floor(i * bucket) + 1,
      end = Math.floor((i + 1) * bucket) + 1;
    let best = start,
      bestArea = -1;
    for (let j = start; j < end; j++) {
      const area = Math.abs((x[a]! - avgX) * (y[j]! - y[a]!) - (x[a]! - x[j]!) * (avgY - y[a]!));
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    out[i + 1] = best;
    a = best;
  }
  out[threshold - 1] = n - 1;
  return out;
}

/** Index range [start, end) of the points with from ≤ x ≤ to (x ascending). */
function rangeIndices(x: ArrayLike<number>, from = -Infinity, to = Infinity): [number, number] {
  let start = 0,
    end = x.length;
  while (start < end && x[start]! < from) start++;
  while (end > start && x[end - 1]! > to) end--;
  return [start, end];
}

export interface Trace {
  time: number[];
  values: number[];
  downsampled: boolean;
}

/** The points of (time, values) within [from, to], downsampled to at most `points`. */
export function traceWindow(
  time: ArrayLike<number>,
  values: ArrayLike<number>,
  points: number,
  from?: number,
  to?: number,
): Trace {
  const [start, end] = rangeIndices(time, from, to);
  const t = Array.prototype.slice.call(time, start, end) as number[];
  const v = Array.prototype.slice.call(values, start, end) as number[];
  if (t.length <= points) return { time: t, values: v, downsampled: false };
  const keep = lttbIndices(t, v, points);
  return { time: Array.from(keep, (i) => t[i]!), values: Array.from(keep, (i) => v[i]!), downsampled: true };
}
