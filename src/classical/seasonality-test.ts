// The M4 organisers' seasonality test ("Benchmarks and Evaluation.R", SeasonalityTest, and
// the score.py kept beside the M4 data, see CONTRIBUTING.md): the autocorrelation at lag m
// must exceed the 90 % one-sided limit 1.645/√n · √(1 + 2 Σ_{k<m} r_k²). Series shorter
// than three seasons are never seasonal.
//
// One deliberate difference from running the R code on short series: R's acf() stops at lag
// floor(10·log10(n)), so for m = 24 the R test returns FALSE for every n < 252 (the lag-24 value
// is NA). We compute the lag-m autocorrelation whatever n is, as score.py does; on the M4 Hourly
// and Weekly series (n ≥ 700 for m = 24) both give the same answer.

/** Sample autocorrelations r_1 … r_maxLag as R's acf computes them (mean-centred, divided by n·c0). */
export function autocorrelations(x: Float64Array, maxLag: number): Float64Array {
  const n = x.length;
  let mean = 0;
  for (let t = 0; t < n; t++) mean += x[t]!;
  mean /= n;
  let c0 = 0;
  for (let t = 0; t < n; t++) c0 += (x[t]! - mean) * (x[t]! - mean);
  const r = new Float64Array(maxLag);
  for (let k = 1; k <= maxLag; k++) {
    let s = 0;
    for (let t = 0; t + k < n; t++) s += (x[t]! - mean) * (x[t + k]! - mean);
    r[k - 1] = s / c0;
  }
  return r;
}

/** M4's SeasonalityTest at 90 %: true when the series shows seasonality of period m. */
export function isSeasonal(x: Float64Array, m: number): boolean {
  const n = x.length;
  if (!Number.isInteger(m) || m <= 1 || n < 3 * m) return false;
  const r = autocorrelations(x, m);
  let sumSquares = 0;
  for (let k = 0; k < m - 1; k++) sumSquares += r[k]! * r[k]!;
  const limit = (1.645 / Math.sqrt(n)) * Math.sqrt(1 + 2 * sumSquares);
  const rm = Math.abs(r[m - 1]!);
  // A constant series has c0 = 0 and NaN autocorrelations: R's test then answers FALSE.
  return Number.isFinite(rm) && Number.isFinite(limit) && rm > limit;
}
