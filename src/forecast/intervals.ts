// Split-conformal prediction intervals: the absolute residuals of held-out (validation)
// forecasts, per horizon step, give a quantile q_h; the interval is ŷ ± q_h. With n
// residuals the level-(1−α) quantile is the ⌈(n+1)(1−α)⌉-th smallest, which guarantees
// coverage ≥ 1−α for exchangeable errors.

export interface ConformalWidths {
  /** Interval levels, e.g. [0.8, 0.95]. */
  levels: number[];
  /** halfWidths[level index][horizon step] */
  halfWidths: number[][];
  /** Residuals per step the widths were computed from. */
  residualCount: number;
}

export const INTERVAL_LEVELS = [0.8, 0.95] as const;

/** The ⌈(n+1)·level⌉-th smallest value, capped at the largest when n is too small. */
export function conformalQuantile(absResiduals: ArrayLike<number>, level: number): number {
  if (!(level > 0 && level < 1)) throw new Error(`interval level must be in (0, 1), got ${level}`);
  const n = absResiduals.length;
  if (n === 0) throw new Error('conformal intervals need at least one held-out residual');
  const sorted = Float64Array.from(absResiduals).sort();
  const rank = Math.min(n, Math.ceil((n + 1) * level));
  return sorted[rank - 1]!;
}

/**
 * actual and predicted are [n, H] row-major: n held-out forecast origins, H steps each.
 */
export function fitConformalWidths(
  actual: Float64Array,
  predicted: Float64Array,
  horizonSteps: number,
  levels: readonly number[] = INTERVAL_LEVELS,
): ConformalWidths {
  if (actual.length !== predicted.length || actual.length % horizonSteps !== 0) {
    throw new Error(
      `conformal intervals: ${actual.length} actuals and ${predicted.length} predictions do not form rows of ${horizonSteps} steps`,
    );
  }
  const n = actual.length / horizonSteps;
  const residuals = new Float64Array(n);
  const halfWidths = levels.map(() => new Array<number>(horizonSteps));
  for (let h = 0; h < horizonSteps; h++) {
    for (let i = 0; i < n; i++)
      residuals[i] = Math.abs(actual[i * horizonSteps + h]! - predicted[i * horizonSteps + h]!);
    levels.forEach((level, li) => {
      halfWidths[li]![h] = conformalQuantile(residuals, level);
    });
  }
  return { levels: [...levels], halfWidths, residualCount: n };
}
