// evaluate: how a model forecasts the test split of a series, beside the baselines
// (docs/lessons.md #2), with skill versus naive, interval coverage, the lag at which its
// one-step predictions best match the actuals (#3), and a warning when they are flat (#7).
// Every origin in the test split forecasts h steps from data before it only.
import type { TimeSeries } from '../data/types.ts';
import { BASELINE_KINDS, baselineForecast } from './baselines.ts';
import type { BaselineKind } from './baselines.ts';
import { flatForecastWarning } from './flat.ts';
import { analyseLag } from './lag.ts';
import type { LagReport } from './lag.ts';
import { coverage, scoreForecast, skillScore } from './metrics.ts';
import type { MetricSet } from './metrics.ts';
import type { ForecastModel } from './model.ts';
import { nonNegativeBands } from './non-negative.ts';
import { MAX_SCORED_ORIGINS, originsBetween } from './predict.ts';
import { columnsOf } from './prepare.ts';

export interface Evaluation {
  /** 'forecast': h steps from the model's own predictions at each test origin. */
  kind: 'forecast';
  horizonSteps: number;
  seasonLength: number;
  origins: number;
  model: MetricSet;
  baselines: Record<BaselineKind, MetricSet>;
  /** 1 − MAE_model / MAE_naive. */
  skillVsNaive: number;
  hasSkill: boolean;
  coverage: { level: number; observed: number }[];
  /** From one-step predictions (predictNext) over the test split. */
  lag: LagReport;
  warnings: string[];
}

/**
 * The held-out forecaster's test-split report; null when the series was too short to hold
 * a test split out (model.split.test is empty), which the model's warnings say.
 *
 * @example
 * const report = evaluate(model, series);
 * if (report && !report.hasSkill) console.warn('no skill over naive');
 */
export function evaluate(model: ForecastModel, series: TimeSeries): Evaluation | null {
  const { config } = model;
  const h = config.horizonSteps,
    m = config.seasonLength;
  const columns = columnsOf(series, config);
  const target = columns[0]!;
  const { split, heldOut } = model;
  const [testStart, testEnd] = split.test;
  if (testEnd - testStart < h) return null;
  const origins = originsBetween(
    Math.max(testStart, heldOut.firstOrigin, m),
    testEnd - h + 1,
    MAX_SCORED_ORIGINS,
  );
  if (origins.length === 0)
    throw new Error(
      `the test split (${testEnd - testStart} values) is too short to score ${h}-step forecasts`,
    );

  const actual = new Float64Array(origins.length * h);
  origins.forEach((s, i) => actual.set(target.subarray(s, s + h), i * h));
  const predicted = heldOut.forecastFrom(columns, origins, h);
  const trainValues = target.subarray(0, split.train[1]);
  const score = (f: Float64Array) => scoreForecast(actual, f, trainValues, m);

  const baselines = {} as Record<BaselineKind, MetricSet>;
  for (const kind of BASELINE_KINDS) {
    const f = new Float64Array(origins.length * h);
    origins.forEach((s, i) =>
      f.set(baselineForecast(kind, target.subarray(0, s), h, { seasonLength: m, averageWindow: m }), i * h),
    );
    baselines[kind] = score(f);
  }
  const modelScore = score(predicted);
  const skillVsNaive = skillScore(modelScore.mae, baselines.naive.mae);

  const intervalCoverage = model.intervals.levels.map((level, li) => {
    const width = model.intervals.halfWidths[li]!;
    const bands = nonNegativeBands(
      predicted,
      predicted.map((v, k) => v - width[k % h]!),
      predicted.map((v, k) => v + width[k % h]!),
      model.nonNegative,
    );
    const { lower, upper } = bands;
    return { level, observed: coverage(actual, lower, upper) };
  });

  // The lag check needs consecutive one-step forecasts: the last MAX_SCORED_ORIGINS of the test split.
  const oneStepOrigins = originsBetween(
    Math.max(testStart, heldOut.firstOrigin, testEnd - MAX_SCORED_ORIGINS),
    testEnd,
  );
  const oneStep = heldOut.forecastFrom(columns, oneStepOrigins, 1);
  const oneStepActual = target.subarray(oneStepOrigins[0]!, testEnd);
  const lag = analyseLag(oneStepActual, oneStep);
  const flat = flatForecastWarning(oneStepActual, oneStep);

  const warnings: string[] = [];
  if (!(skillVsNaive > 0))
    warnings.push(
      `no skill: the model's MAE (${fmt(modelScore.mae)}) does not beat the naive forecast's (${fmt(baselines.naive.mae)})`,
    );
  if (lag.warning) warnings.push(lag.warning);
  if (flat) warnings.push(flat);
  return {
    kind: 'forecast',
    horizonSteps: h,
    seasonLength: m,
    origins: origins.length,
    model: modelScore,
    baselines,
    skillVsNaive,
    hasSkill: skillVsNaive > 0,
    coverage: intervalCoverage,
    lag,
    warnings,
  };
}

function fmt(v: number): string {
  return Number.isFinite(v) ? v.toPrecision(4) : String(v);
}
