// The M4 measures in TypeScript, operation for operation as ../shared/bench/m4/score.py (and
// the organisers' "Benchmarks and Evaluation.R") compute them: sMAPE, MASE with an in-sample
// seasonal-naive scale, the Naive, sNaive and Naive2 benchmarks (Naive2: a 90 % ACF
// seasonality test at lag m, classical multiplicative decomposition, naive on the adjusted
// series) and OWA as M4 defined it over a set: ratios of the set's averages, not averages of
// per-series ratios. Sums run in score.py's order so the two agree to rounding.

/** Mean over the horizon of 200·|y − f| / (|y| + |f|); a step where both are 0 counts 0. */
export function smape(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!,
      f = forecast[i]!;
    const denominator = Math.abs(a) + Math.abs(f);
    sum += denominator > 0 ? (200 * Math.abs(a - f)) / denominator : 0;
  }
  return sum / actual.length;
}

/** MAE over the horizon divided by the in-sample MAE of the seasonal naive at lag m. */
export function mase(
  insample: ArrayLike<number>,
  actual: ArrayLike<number>,
  forecast: ArrayLike<number>,
  m: number,
): number {
  let scale = 0;
  for (let t = m; t < insample.length; t++) scale += Math.abs(insample[t]! - insample[t - m]!);
  scale /= insample.length - m;
  let error = 0;
  for (let i = 0; i < actual.length; i++) error += Math.abs(actual[i]! - forecast[i]!);
  return error / actual.length / scale;
}

/** Autocorrelations at lags 1…nlags, each over n (as R's acf). */
export function acf(x: ArrayLike<number>, nlags: number): number[] {
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i]!;
  mean /= n;
  const d = Float64Array.from({ length: n }, (_, i) => x[i]! - mean);
  let c0 = 0;
  for (const v of d) c0 += v * v;
  c0 /= n;
  const out: number[] = [];
  for (let k = 1; k <= nlags; k++) {
    let s = 0;
    for (let i = 0; i < n - k; i++) s += d[i]! * d[i + k]!;
    out.push(s / n / c0);
  }
  return out;
}

/** M4's SeasonalityTest: |acf_m| > 1.645/√n · √(1 + 2 Σ_{k<m} acf_k²); false for m ≤ 1 or under 3 seasons. */
export function isSeasonal(x: ArrayLike<number>, m: number): boolean {
  if (m <= 1 || x.length < 3 * m) return false;
  const r = acf(x, m);
  let squares = 0;
  for (let k = 0; k < m - 1; k++) squares += r[k]! * r[k]!;
  const limit = (1.645 / Math.sqrt(x.length)) * Math.sqrt(1 + 2 * squares);
  return Math.abs(r[m - 1]!) > limit;
}

/**
 * R's decompose(type = 'multiplicative') seasonal figure: a centred moving average of order
 * m (2×m when m is even), the mean ratio x/trend per position t mod m, normalised to mean 1.
 */
export function seasonalIndices(x: ArrayLike<number>, m: number): Float64Array {
  const n = x.length,
    half = Math.floor(m / 2);
  const sums = new Float64Array(m),
    counts = new Float64Array(m);
  for (let t = half; t < n - half; t++) {
    let s: number;
    if (m % 2 === 0) {
      s = 0.5 * x[t - half]!;
      let inner = 0;
      for (let i = t - half + 1; i < t + half; i++) inner += x[i]!;
      s = s + inner + 0.5 * x[t + half]!;
    } else {
      s = 0;
      for (let i = t - half; i <= t + half; i++) s += x[i]!;
    }
    sums[t % m]! += x[t]! / (s / m);
    counts[t % m]!++;
  }
  const figure = Float64Array.from(sums, (v, i) => v / counts[i]!);
  let mean = 0;
  for (const v of figure) mean += v;
  mean /= m;
  return figure.map((v) => v / mean);
}

export interface M4Benchmarks {
  Naive: Float64Array;
  sNaive: Float64Array;
  Naive2: Float64Array;
}

export const BENCHMARK_NAMES = ['Naive', 'sNaive', 'Naive2'] as const;

/** M4's three naive benchmarks for h steps after x, with m as the scoring season. */
export function benchmarks(x: ArrayLike<number>, h: number, m: number): M4Benchmarks {
  const n = x.length,
    last = x[n - 1]!;
  const naive = new Float64Array(h).fill(last);
  const sNaive = m > 1 ? Float64Array.from({ length: h }, (_, i) => x[n - m + (i % m)]!) : naive;
  let naive2 = naive;
  if (isSeasonal(x, m)) {
    const si = seasonalIndices(x, m);
    const adjustedLast = x[n - 1]! / si[(n - 1) % m]!;
    naive2 = Float64Array.from({ length: h }, (_, i) => adjustedLast * si[(n + i) % m]!);
  }
  return { Naive: naive, sNaive, Naive2: naive2 };
}

export interface M4Case {
  id: string;
  train: ArrayLike<number>;
  test: ArrayLike<number>;
}

export interface SetScore {
  smape: number;
  mase: number;
  /** ½ (sMAPE / sMAPE of Naive2 + MASE / MASE of Naive2), both averaged over the same set. */
  owa: number;
  /** Series with no (finite, full-length) forecast, scored as Naive. */
  failed: string[];
}

/**
 * Scores each named method and the three benchmarks over the same series. A method's
 * forecasts are looked up by series id; a series it lacks counts as failed and is scored as
 * the Naive forecast, as score.py does, so a failure is never free.
 */
export function scoreSet(
  cases: M4Case[],
  h: number,
  m: number,
  methods: Map<string, Map<string, ArrayLike<number>>> = new Map(),
): Map<string, SetScore> {
  const totals = new Map<string, { smape: number; mase: number; failed: string[] }>();
  const add = (name: string, c: M4Case, f: ArrayLike<number>, failed: boolean) => {
    const t = totals.get(name) ?? { smape: 0, mase: 0, failed: [] };
    t.smape += smape(c.test, f);
    t.mase += mase(c.train, c.test, f, m);
    if (failed) t.failed.push(c.id);
    totals.set(name, t);
  };
  for (const c of cases) {
    const b = benchmarks(c.train, h, m);
    for (const name of BENCHMARK_NAMES) add(name, c, b[name], false);
    for (const [name, forecasts] of methods) {
      const f = forecasts.get(c.id);
      const usable = f !== undefined && f.length >= h && Array.from(f).every(Number.isFinite);
      add(name, c, usable ? f : b.Naive, !usable);
    }
  }
  const n = cases.length,
    base = totals.get('Naive2')!;
  const out = new Map<string, SetScore>();
  for (const [name, t] of totals) {
    const s = t.smape / n,
      ms = t.mase / n;
    out.set(name, {
      smape: s,
      mase: ms,
      owa: 0.5 * (s / (base.smape / n) + ms / (base.mase / n)),
      failed: t.failed,
    });
  }
  return out;
}
