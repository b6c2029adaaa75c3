// Flat-forecast detection (docs/lessons.md #7): a network fed levels outside the range it was
// trained on saturates, and its forecast becomes a nearly straight line while the actuals
// keep moving. It shows as predictions whose spread is a small fraction of the actuals'.

/** Below this share of the actuals' spread, a forecast counts as flat. */
export const FLAT_SPREAD_SHARE = 0.1;

/**
 * Compares the spread (standard deviation) of predictions with that of the actuals they
 * predict; a warning when the predictions barely move. A series that is only noise around
 * a level is rightly forecast flat, which the warning says too.
 */
export function flatForecastWarning(actual: ArrayLike<number>, predicted: ArrayLike<number>): string | null {
  const spreadActual = standardDeviation(actual),
    spreadPredicted = standardDeviation(predicted);
  if (!(spreadActual > 0)) return null;
  const share = spreadPredicted / spreadActual;
  if (share >= FLAT_SPREAD_SHARE) return null;
  return (
    `the one-step predictions over the test split are nearly flat (their spread is ${(100 * share).toFixed(1)} % of the actuals'): ` +
    'a network fed values outside its training range saturates; unless the series is only noise around a level, try window-relative scaling or differences'
  );
}

function standardDeviation(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  const mean = sum / values.length;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i]! - mean) ** 2;
  return Math.sqrt(squares / values.length);
}
