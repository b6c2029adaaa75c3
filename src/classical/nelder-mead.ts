// Nelder–Mead simplex minimisation, as forecast::ets fits its models (R's nmmin). Infeasible
// points are handled as R does: the objective returns +Infinity (or NaN) there and the simplex
// moves away. Differences from nmmin, each to reach a better optimum in the same budget:
// per-coordinate initial steps (nmmin steps every coordinate by 10 % of the largest one, so a
// level of 5000 moves α by 500), the dimension-adaptive coefficients of Gao & Han (2012), and
// restarts from the best point after convergence until a restart no longer improves it.
// Deterministic: no random choices.

export interface NelderMeadOptions {
  /** First step along each coordinate when building a simplex. */
  readonly initialStep: ArrayLike<number>;
  /** Budget of objective evaluations over all restarts. */
  readonly maxEvaluations: number;
  /** Converged when the simplex's values spread by at most relativeTolerance·(|best| + 1). */
  readonly relativeTolerance: number;
  /** Fresh simplices built around the best point after convergence. */
  readonly restarts: number;
}

export interface NelderMeadResult {
  readonly x: Float64Array;
  readonly value: number;
  readonly evaluations: number;
}

export function nelderMead(
  objective: (x: Float64Array) => number,
  start: ArrayLike<number>,
  options: NelderMeadOptions,
): NelderMeadResult {
  const n = start.length;
  const rows = n + 1;
  const simplex = new Float64Array(rows * n);
  const values = new Float64Array(rows);
  const centroid = new Float64Array(n);
  const reflected = new Float64Array(n);
  const trial = new Float64Array(n);
  const best = Float64Array.from(start);
  // Gao & Han's coefficients; for n = 2 they are the classic 1, 2, 0.5, 0.5.
  const expansion = 1 + 2 / n;
  const contraction = 0.75 - 1 / (2 * n);
  const shrinkage = 1 - 1 / n;
  let evaluations = 0;
  const evaluate = (x: Float64Array): number => {
    evaluations++;
    const v = objective(x);
    return Number.isNaN(v) ? Infinity : v;
  };
  let bestValue = evaluate(best);

  const build = (stepScale: number): void => {
    simplex.set(best, 0);
    values[0] = bestValue;
    for (let i = 0; i < n; i++) {
      const row = (i + 1) * n;
      simplex.set(best, row);
      let step = options.initialStep[i]! * stepScale;
      if (step === 0) step = 0.1 * stepScale;
      // Step forward, else backward, else ever shorter: a vertex in the feasible region.
      let value = Infinity;
      for (let attempt = 0; attempt < 12 && value === Infinity; attempt++) {
        const delta = attempt % 2 === 0 ? step : -step;
        simplex[row + i] = best[i]! + delta;
        value = evaluate(simplex.subarray(row, row + n));
        if (attempt % 2 === 1) step *= 0.25;
      }
      values[i + 1] = value;
    }
  };

  const setRow = (r: number, x: Float64Array, v: number): void => {
    simplex.set(x, r * n);
    values[r] = v;
  };

  for (let round = 0; round <= options.restarts; round++) {
    const before = bestValue;
    build(round === 0 ? 1 : 0.5);
    while (evaluations < options.maxEvaluations) {
      let lo = 0;
      let hi = 0;
      for (let r = 1; r < rows; r++) {
        if (values[r]! < values[lo]!) lo = r;
        if (values[r]! > values[hi]!) hi = r;
      }
      let second = lo;
      for (let r = 0; r < rows; r++) if (r !== hi && values[r]! > values[second]!) second = r;
      const spread = values[hi]! - values[lo]!;
      if (values[hi] !== Infinity && spread <= options.relativeTolerance * (Math.abs(values[lo]!) + 1)) break;
      centroid.fill(0);
      for (let r = 0; r < rows; r++) {
        if (r === hi) continue;
        for (let i = 0; i < n; i++) centroid[i]! += simplex[r * n + i]! / n;
      }
      for (let i = 0; i < n; i++) reflected[i] = 2 * centroid[i]! - simplex[hi * n + i]!;
      const fr = evaluate(reflected);
      if (fr < values[lo]!) {
        for (let i = 0; i < n; i++) trial[i] = centroid[i]! + expansion * (reflected[i]! - centroid[i]!);
        const fe = evaluate(trial);
        if (fe < fr) setRow(hi, trial, fe);
        else setRow(hi, reflected, fr);
        continue;
      }
      if (fr < values[second]!) {
        setRow(hi, reflected, fr);
        continue;
      }
      const outside = fr < values[hi]!;
      for (let i = 0; i < n; i++) {
        const toward = outside ? reflected[i]! : simplex[hi * n + i]!;
        trial[i] = centroid[i]! + contraction * (toward - centroid[i]!);
      }
      const fc = evaluate(trial);
      if (fc < (outside ? fr : values[hi]!)) {
        setRow(hi, trial, fc);
        continue;
      }
      // Shrink every vertex toward the best one.
      for (let r = 0; r < rows; r++) {
        if (r === lo) continue;
        for (let i = 0; i < n; i++) {
          const k = r * n + i;
          simplex[k] = simplex[lo * n + i]! + shrinkage * (simplex[k]! - simplex[lo * n + i]!);
        }
        values[r] = evaluate(simplex.subarray(r * n, r * n + n));
      }
    }
    let lo = 0;
    for (let r = 1; r < rows; r++) if (values[r]! < values[lo]!) lo = r;
    if (values[lo]! < bestValue) {
      bestValue = values[lo]!;
      best.set(simplex.subarray(lo * n, lo * n + n));
    }
    const improved = before - bestValue > options.relativeTolerance * (Math.abs(bestValue) + 1);
    if (round > 0 && !improved) break;
    if (evaluations >= options.maxEvaluations) break;
  }
  return { x: best, value: bestValue, evaluations };
}
