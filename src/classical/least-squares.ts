// Ordinary least squares for a handful of regressors (ETS's Fourier start-up regression):
// normal equations solved by Gaussian elimination with partial pivoting.

/**
 * Coefficients β minimising Σ_t (y_t − Σ_j X_tj β_j)², X given column by column. A column that
 * adds nothing (a singular system) gets coefficient 0.
 */
export function leastSquares(columns: readonly Float64Array[], y: Float64Array): Float64Array {
  const p = columns.length;
  const n = y.length;
  const a = new Float64Array(p * (p + 1));
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let t = 0; t < n; t++) s += columns[i]![t]! * columns[j]![t]!;
      a[i * (p + 1) + j] = s;
      a[j * (p + 1) + i] = s;
    }
    let s = 0;
    for (let t = 0; t < n; t++) s += columns[i]![t]! * y[t]!;
    a[i * (p + 1) + p] = s;
  }
  const w = p + 1;
  for (let c = 0; c < p; c++) {
    let pivot = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(a[r * w + c]!) > Math.abs(a[pivot * w + c]!)) pivot = r;
    if (pivot !== c) {
      for (let k = 0; k < w; k++) {
        const tmp = a[c * w + k]!;
        a[c * w + k] = a[pivot * w + k]!;
        a[pivot * w + k] = tmp;
      }
    }
    const d = a[c * w + c]!;
    if (Math.abs(d) < 1e-12) continue;
    for (let r = 0; r < p; r++) {
      if (r === c) continue;
      const f = a[r * w + c]! / d;
      if (f === 0) continue;
      for (let k = c; k < w; k++) a[r * w + k]! -= f * a[c * w + k]!;
    }
  }
  const beta = new Float64Array(p);
  for (let c = 0; c < p; c++) {
    const d = a[c * w + c]!;
    beta[c] = Math.abs(d) < 1e-12 ? 0 : a[c * w + p]! / d;
  }
  return beta;
}
