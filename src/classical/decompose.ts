// Classical decomposition as R's stats::decompose computes it: a centred moving average of
// order m (2×m for even m) as the trend, then the mean detrended value at each position of the
// season, normalised to mean 1 (multiplicative) or mean 0 (additive). The M4 benchmarks take
// their seasonal indices from it; ETS takes its initial seasonal states from it.

export type DecompositionType = 'multiplicative' | 'additive';

export interface Decomposition {
  /** Centred moving average; NaN for the first and last ⌊m/2⌋ values, as in R. */
  readonly trend: Float64Array;
  /** Seasonal figure: figure[t mod m] is the index of time t (t counted from 0). */
  readonly figure: Float64Array;
}

/** Centred moving average of order m (for even m the 2×m average with half weights at the ends). */
export function centredMovingAverage(x: Float64Array, m: number): Float64Array {
  const n = x.length;
  const half = Math.floor(m / 2);
  const trend = new Float64Array(n).fill(Number.NaN);
  const even = m % 2 === 0;
  for (let t = half; t < n - half; t++) {
    let s = 0;
    if (even) {
      s = 0.5 * x[t - half]! + 0.5 * x[t + half]!;
      for (let j = t - half + 1; j < t + half; j++) s += x[j]!;
    } else {
      for (let j = t - half; j <= t + half; j++) s += x[j]!;
    }
    trend[t] = s / m;
  }
  return trend;
}

/** R's decompose(x, type): needs at least two full seasons (m ≥ 2). */
export function decompose(x: Float64Array, m: number, type: DecompositionType): Decomposition {
  const n = x.length;
  if (!Number.isInteger(m) || m < 2 || n < 2 * m) {
    throw new RangeError(`decomposition needs m ≥ 2 and two full seasons (m = ${m}, n = ${n})`);
  }
  const trend = centredMovingAverage(x, m);
  const sums = new Float64Array(m);
  const counts = new Float64Array(m);
  for (let t = 0; t < n; t++) {
    if (Number.isNaN(trend[t])) continue;
    const detrended = type === 'multiplicative' ? x[t]! / trend[t]! : x[t]! - trend[t]!;
    sums[t % m]! += detrended;
    counts[t % m]! += 1;
  }
  const figure = new Float64Array(m);
  let mean = 0;
  for (let i = 0; i < m; i++) {
    figure[i] = sums[i]! / counts[i]!;
    mean += figure[i]! / m;
  }
  for (let i = 0; i < m; i++) figure[i] = type === 'multiplicative' ? figure[i]! / mean : figure[i]! - mean;
  return { trend, figure };
}
