// Least-squares straight line through x_t against t = 1 … n (R's lm(x ~ t), numpy's polyfit
// of degree 1), computed about the means for accuracy.

export interface Line {
  readonly intercept: number;
  readonly slope: number;
}

/** Fits x_t ≈ intercept + slope·t for t = 1 … n. A single point gives a flat line. */
export function fitLine(x: Float64Array, n = x.length): Line {
  const meanT = (n + 1) / 2;
  let meanX = 0;
  for (let t = 0; t < n; t++) meanX += x[t]!;
  meanX /= n;
  let sxy = 0;
  let sxx = 0;
  for (let t = 0; t < n; t++) {
    const dt = t + 1 - meanT;
    sxy += dt * (x[t]! - meanX);
    sxx += dt * dt;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  return { intercept: meanX - slope * meanT, slope };
}
