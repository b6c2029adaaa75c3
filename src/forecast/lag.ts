// Lag analysis (docs/lessons.md #3): a model that learned "tomorrow ≈ today" draws a line
// that looks right on a chart but sits one step behind the actuals. The lag at which the
// predictions best match the actuals exposes it: 0 is honest, 1 is persistence.

export interface LagReport {
  /** Lag L minimising MAE between prediction_t and actual_{t−L}. */
  bestLag: number;
  /** MAE at each lag 0 … maxLag. */
  maeByLag: number[];
  warning: string | null;
}

export function analyseLag(actual: ArrayLike<number>, predicted: ArrayLike<number>, maxLag = 5): LagReport {
  if (actual.length !== predicted.length)
    throw new Error(`lag analysis: ${actual.length} actuals but ${predicted.length} predictions`);
  const n = actual.length;
  const lags = Math.min(maxLag, n - 2);
  const maeByLag: number[] = [];
  for (let lag = 0; lag <= lags; lag++) {
    let s = 0;
    for (let t = lag; t < n; t++) s += Math.abs(predicted[t]! - actual[t - lag]!);
    maeByLag.push(s / (n - lag));
  }
  let bestLag = 0;
  maeByLag.forEach((v, lag) => {
    if (v < maeByLag[bestLag]!) bestLag = lag;
  });
  const warning =
    bestLag === 0
      ? null
      : `predictions match the actuals best when shifted by ${bestLag} step${bestLag > 1 ? 's' : ''}: the model mostly repeats recent values (compare with the naive forecast)`;
  return { bestLag, maeByLag, warning };
}
