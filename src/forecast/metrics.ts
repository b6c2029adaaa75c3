// Forecast accuracy metrics over paired actuals and forecasts. Percentage metrics are in
// percent. MASE scales by the in-sample seasonal-naive MAE (period m) of the training
// series, so 1.0 means "as good as seasonal naive was in sample".

export interface MetricSet {
  mae: number;
  rmse: number;
  /** Mean absolute percentage error, skipping actuals of 0 (NaN when every actual is 0). */
  mape: number;
  /** Symmetric MAPE: 200·|a − f| / (|a| + |f|), skipping pairs where both are 0. */
  smape: number;
  /** NaN when no scale could be computed (training series shorter than m + 1, or constant). */
  mase: number;
}

function checkPairs(actual: ArrayLike<number>, forecast: ArrayLike<number>): void {
  if (actual.length !== forecast.length)
    throw new Error(`metrics: ${actual.length} actuals but ${forecast.length} forecasts`);
  if (actual.length === 0) throw new Error('metrics: no values to score');
}

export function mae(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  checkPairs(actual, forecast);
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += Math.abs(actual[i]! - forecast[i]!);
  return s / actual.length;
}

export function rmse(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  checkPairs(actual, forecast);
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += (actual[i]! - forecast[i]!) ** 2;
  return Math.sqrt(s / actual.length);
}

export function mape(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  checkPairs(actual, forecast);
  let s = 0,
    n = 0;
  for (let i = 0; i < actual.length; i++) {
    if (actual[i] === 0) continue;
    s += Math.abs((actual[i]! - forecast[i]!) / actual[i]!);
    n++;
  }
  return n === 0 ? NaN : (100 * s) / n;
}

export function smape(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  checkPairs(actual, forecast);
  let s = 0,
    n = 0;
  for (let i = 0; i < actual.length; i++) {
    const denominator = Math.abs(actual[i]!) + Math.abs(forecast[i]!);
    if (denominator === 0) continue;
    s += (2 * Math.abs(actual[i]! - forecast[i]!)) / denominator;
    n++;
  }
  return n === 0 ? NaN : (100 * s) / n;
}

/** In-sample MAE of the seasonal-naive forecast y_t = y_{t−m} over the training series. */
export function seasonalNaiveScale(train: ArrayLike<number>, m: number): number {
  if (!Number.isInteger(m) || m < 1)
    throw new Error(`MASE: season length m must be a positive integer, got ${m}`);
  if (train.length <= m) return NaN;
  let s = 0;
  for (let t = m; t < train.length; t++) s += Math.abs(train[t]! - train[t - m]!);
  return s / (train.length - m);
}

export function mase(
  actual: ArrayLike<number>,
  forecast: ArrayLike<number>,
  train: ArrayLike<number>,
  m: number,
): number {
  const scale = seasonalNaiveScale(train, m);
  return scale > 0 ? mae(actual, forecast) / scale : NaN;
}

/** Fraction of actuals inside [lower, upper]. */
export function coverage(
  actual: ArrayLike<number>,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
): number {
  checkPairs(actual, lower);
  checkPairs(actual, upper);
  let inside = 0;
  for (let i = 0; i < actual.length; i++) if (actual[i]! >= lower[i]! && actual[i]! <= upper[i]!) inside++;
  return inside / actual.length;
}

export function scoreForecast(
  actual: ArrayLike<number>,
  forecast: ArrayLike<number>,
  train: ArrayLike<number>,
  m: number,
): MetricSet {
  return {
    mae: mae(actual, forecast),
    rmse: rmse(actual, forecast),
    mape: mape(actual, forecast),
    smape: smape(actual, forecast),
    mase: mase(actual, forecast, train, m),
  };
}

/** Skill versus a reference on MAE: 1 − MAE_model / MAE_reference; > 0 means the model is better. */
export function skillScore(modelMae: number, referenceMae: number): number {
  return referenceMae > 0 ? 1 - modelMae / referenceMae : NaN;
}
