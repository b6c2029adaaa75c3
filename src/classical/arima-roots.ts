// The smallest root modulus of an AR or MA polynomial, for auto ARIMA's check that a fit is
// not close to a unit root (forecast::myarima refuses a model with a root inside 1.01).

/** Roots of 1 + c₁z + … + c_k z^k by Durand–Kerner; returns the smallest modulus (∞ for k = 0). */
export function smallestRootModulus(coefficients: ArrayLike<number>): number {
  let k = coefficients.length;
  while (k > 0 && Math.abs(coefficients[k - 1]!) < 1e-12) k--;
  if (k === 0) return Number.POSITIVE_INFINITY;
  // Monic form z^k + a_{k−1} z^{k−1} + … + a₀ with a_i = c_i / c_k (c₀ = 1).
  const lead = coefficients[k - 1]!;
  const a = new Float64Array(k);
  a[0] = 1 / lead;
  for (let i = 1; i < k; i++) a[i] = coefficients[i - 1]! / lead;
  const re = new Float64Array(k);
  const im = new Float64Array(k);
  // The customary start: powers of 0.4 + 0.9i, none on a symmetry line of the polynomial.
  let pr = 1;
  let pi = 0;
  for (let i = 0; i < k; i++) {
    re[i] = pr;
    im[i] = pi;
    [pr, pi] = [pr * 0.4 - pi * 0.9, pr * 0.9 + pi * 0.4];
  }
  for (let iteration = 0; iteration < 500; iteration++) {
    let moved = 0;
    for (let i = 0; i < k; i++) {
      // p(z) by Horner.
      let vr = 1;
      let vi = 0;
      for (let j = k - 1; j >= 0; j--) {
        [vr, vi] = [vr * re[i]! - vi * im[i]! + a[j]!, vr * im[i]! + vi * re[i]!];
      }
      // ∏_{j≠i} (z_i − z_j)
      let dr = 1;
      let di = 0;
      for (let j = 0; j < k; j++) {
        if (j === i) continue;
        const xr = re[i]! - re[j]!;
        const xi = im[i]! - im[j]!;
        [dr, di] = [dr * xr - di * xi, dr * xi + di * xr];
      }
      const den = dr * dr + di * di;
      if (den === 0) continue;
      const sr = (vr * dr + vi * di) / den;
      const si = (vi * dr - vr * di) / den;
      re[i]! -= sr;
      im[i]! -= si;
      moved = Math.max(moved, Math.hypot(sr, si));
    }
    if (moved < 1e-12) break;
  }
  let smallest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < k; i++) smallest = Math.min(smallest, Math.hypot(re[i]!, im[i]!));
  return smallest;
}
