// The simple forecasts every model is shown beside (docs/lessons.md #2): naive (last value),
// seasonal naive, drift and moving average. Each forecasts h steps from a history.

export type BaselineKind = 'naive' | 'seasonal-naive' | 'drift' | 'moving-average';

export const BASELINE_KINDS: readonly BaselineKind[] = ['naive', 'seasonal-naive', 'drift', 'moving-average'];

export interface BaselineOptions {
  /** Season length for seasonal naive. */
  seasonLength: number;
  /** Window of the moving average. */
  averageWindow: number;
}

function requireHistory(history: ArrayLike<number>, need: number, what: string): void {
  if (history.length < need)
    throw new Error(`${what} needs at least ${need} past values, got ${history.length}`);
}

/** y_{T+h} = y_T */
export function naiveForecast(history: ArrayLike<number>, h: number): Float64Array {
  requireHistory(history, 1, 'naive forecast');
  return new Float64Array(h).fill(history[history.length - 1]!);
}

/** y_{T+h} = y_{T+h−m·⌈h/m⌉}: the value one (or more) seasons back. */
export function seasonalNaiveForecast(history: ArrayLike<number>, h: number, m: number): Float64Array {
  requireHistory(history, m, `seasonal naive forecast (m = ${m})`);
  const n = history.length;
  return Float64Array.from({ length: h }, (_, i) => history[n - m + (i % m)]!);
}

/** y_{T+h} = y_T + h·(y_T − y_1)/(T − 1): the line through the first and last values. */
export function driftForecast(history: ArrayLike<number>, h: number): Float64Array {
  requireHistory(history, 2, 'drift forecast');
  const n = history.length;
  const slope = (history[n - 1]! - history[0]!) / (n - 1);
  return Float64Array.from({ length: h }, (_, i) => history[n - 1]! + (i + 1) * slope);
}

/** y_{T+h} = mean of the last w values. */
export function movingAverageForecast(history: ArrayLike<number>, h: number, w: number): Float64Array {
  requireHistory(history, w, `moving average forecast (window ${w})`);
  let s = 0;
  for (let i = history.length - w; i < history.length; i++) s += history[i]!;
  return new Float64Array(h).fill(s / w);
}

export function baselineForecast(
  kind: BaselineKind,
  history: ArrayLike<number>,
  h: number,
  options: BaselineOptions,
): Float64Array {
  switch (kind) {
    case 'naive':
      return naiveForecast(history, h);
    case 'seasonal-naive':
      return seasonalNaiveForecast(history, h, options.seasonLength);
    case 'drift':
      return driftForecast(history, h);
    case 'moving-average':
      return movingAverageForecast(history, h, options.averageWindow);
  }
}
