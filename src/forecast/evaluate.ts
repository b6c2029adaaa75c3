// evaluate: how a model forecasts the test split of a series, beside the baselines
// (LESSONS 2), with skill versus naive, interval coverage, the lag at which its one-step
// predictions best match the actuals (LESSONS 3), and a warning when they are flat (LESSONS 7). Every origin in the test split
// forecasts h steps from data before it only.
import type { TimeSeries } from '../data/types.ts';
import { splitByFraction } from '../prep/split.ts';
import { BASELINE_KINDS, baselineForecast } from './baselines.ts';
import type { BaselineKind } from './baselines.ts';
import { flatForecastWarning } from './flat.ts';
import { analyseLag } from './lag.ts';
import type { LagReport } from './lag.ts';
import { coverage, scoreForecast, skillScore } from './metrics.ts';
import type { MetricSet } from './metrics.ts';
import type { ForecastModel } from './model.ts';
import { forecastFromOrigins, originsBetween } from './predict.ts';
import { columnsOf, firstOrigin } from './prepare.ts';

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

export function evaluate(model: ForecastModel, series: TimeSeries): Evaluation {
  const { config } = model;
  const h = config.horizonSteps,
    m = config.seasonLength;
  const columns = columnsOf(series, config);
  const target = columns[0]!;
  const split = splitByFraction(target.length, config.split);
  const [testStart, testEnd] = split.test;
  const origins = originsBetween(Math.max(testStart, firstOrigin(config), m), testEnd - h + 1);
  if (origins.length === 0)
    throw new Error(
      `the test split (${testEnd - testStart} values) is too short to score ${h}-step forecasts`,
    );

  const actual = new Float64Array(origins.length * h);
  origins.forEach((s, i) => actual.set(target.subarray(s, s + h), i * h));
  const predicted = forecastFromOrigins(model, columns, origins, h);
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
    const lower = predicted.map((v, k) => v - width[k % h]!);
    const upper = predicted.map((v, k) => v + width[k % h]!);
    return { level, observed: coverage(actual, lower, upper) };
  });

  const oneStepOrigins = originsBetween(Math.max(testStart, firstOrigin(config)), testEnd);
  const oneStep = forecastFromOrigins(model, columns, oneStepOrigins, 1);
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
