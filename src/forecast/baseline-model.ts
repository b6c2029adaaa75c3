// The model of a series too short to validate anything on: the seasonal naive forecast
// when a full season has been seen twice, else the naive one, with the random-walk
// intervals of the textbook (σ of one-step changes × √step), since no held-out errors
// exist to calibrate on. Plainly labelled, so the analyst knows what they got.
import type { TimeSeries } from '../data/types.ts';
import { classicalCandidate } from './classical-forecaster.ts';
import type { ForecastConfig } from './config.ts';
import { dataSummary } from './data-summary.ts';
import { INTERVAL_LEVELS } from './intervals.ts';
import type { ForecastModel } from './model.ts';
import { LEADERBOARD_METRIC } from './select.ts';

/** Standard normal quantiles of the two interval levels. */
const Z: Record<number, number> = { 0.8: 1.2815515655446004, 0.95: 1.959963984540054 };

export async function baselineModel(
  series: TimeSeries,
  config: ForecastConfig,
  notes: string[],
): Promise<ForecastModel> {
  const n = series.values.length;
  const h = config.horizonSteps;
  const m = config.seasonLength;
  const method = m >= 2 && n >= 2 * m ? 'seasonal-naive' : 'naive';
  const all = { train: [0, n], validation: [n, n], test: [n, n] } satisfies ForecastModel['split'];
  const forecaster = await classicalCandidate(method, { seasonLength: m, horizonSteps: h }).fit(
    series,
    all,
    {},
  );
  const sigma = oneStepSpread(series.values);
  return {
    createdAt: new Date().toISOString(),
    config,
    heldOut: forecaster,
    final: forecaster,
    training: null,
    intervals: {
      levels: [...INTERVAL_LEVELS],
      halfWidths: INTERVAL_LEVELS.map((level) =>
        Array.from({ length: h }, (_, j) => Z[level]! * sigma * Math.sqrt(j + 1)),
      ),
      residualCount: 0,
    },
    nonNegative: series.values.every((v) => v >= 0),
    validation: { origins: 0, mae: 0, smape: 0, mase: 0 },
    leaderboard: {
      metric: `${LEADERBOARD_METRIC}; no validation was possible`,
      horizonSteps: h,
      seasonLength: m,
      origins: 0,
      entries: [],
      kept: method,
      failed: [],
    },
    data: dataSummary(series, config),
    split: all,
    warnings: [
      ...notes,
      `only ${n} values for a ${h}-step horizon: too few to fit and validate a model, so the forecast is the ${method} forecast (the best a baseline can do without validation); intervals assume a random walk`,
    ],
  };
}

/** Standard deviation of one-step changes, the random walk's step size. */
function oneStepSpread(values: Float64Array): number {
  if (values.length < 2) return 0;
  let s = 0;
  let ss = 0;
  for (let i = 1; i < values.length; i++) {
    const d = values[i]! - values[i - 1]!;
    s += d;
    ss += d * d;
  }
  const k = values.length - 1;
  return Math.sqrt(Math.max(0, ss / k - (s / k) ** 2));
}
