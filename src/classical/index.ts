// Entry point of the classical forecasting methods: fit any of them by name, list them, and
// rebuild a fit from its JSON. Every method is a pure function of a Float64Array.

import { arimaFromJSON, fitArima } from './arima.ts';
import { etsFromJSON, fitEts } from './ets.ts';
import { fitDrift } from './drift.ts';
import { fitNaive } from './naive.ts';
import { fitNaive2, naive2FromJSON } from './naive2.ts';
import { fitSeasonalNaive, seasonalNaiveFromJSON } from './seasonal-naive.ts';
import { fitSesMethod, sesFromJSON } from './ses.ts';
import { fitTheta, thetaFromJSON } from './theta.ts';
import type { ClassicalFit, ClassicalJSON, ClassicalOptions } from './types.ts';

export type { ClassicalFit, ClassicalJSON, ClassicalOptions } from './types.ts';

export const CLASSICAL_METHODS = [
  'naive',
  'seasonal-naive',
  'drift',
  'naive2',
  'ses',
  'theta',
  'ets',
  'arima',
] as const;

export type ClassicalMethod = (typeof CLASSICAL_METHODS)[number];

/**
 * The simple benchmarks (a last value, a last season, a straight line), the
 * exponential-smoothing models and ARIMA: families whose errors differ in kind, which is what
 * a combination across families hedges (src/forecast/families.ts).
 */
export const CLASSICAL_FAMILIES: Record<ClassicalMethod, 'benchmark' | 'smoothing' | 'arima'> = {
  naive: 'benchmark',
  'seasonal-naive': 'benchmark',
  drift: 'benchmark',
  naive2: 'benchmark',
  ses: 'smoothing',
  theta: 'smoothing',
  ets: 'smoothing',
  arima: 'arima',
};

export function isClassicalMethod(name: string): name is ClassicalMethod {
  return (CLASSICAL_METHODS as readonly string[]).includes(name);
}

/**
 * Fits a classical method to the series y (finite values, at least 3 of them).
 *
 * @example
 * const y = Float64Array.from({ length: 96 }, (_, t) => 10 + Math.sin((2 * Math.PI * t) / 24) + 0.01 * t);
 * const fit = fitClassical('ets', y, { seasonLength: 24, horizonSteps: 24 });
 * fit.describe();                                   // "ETS(A,A,A) m=24 α=… (AICc …)"
 * const next = fit.forecastFrom(y, [y.length], 24); // the next 24 values
 * const again = classicalFromJSON(JSON.parse(JSON.stringify(fit.toJSON())));
 */
export function fitClassical(method: string, y: Float64Array, options: ClassicalOptions): ClassicalFit {
  if (!isClassicalMethod(method)) {
    throw new Error(`unknown classical method '${method}'; known: ${CLASSICAL_METHODS.join(', ')}`);
  }
  if (y.length < 3)
    throw new RangeError(`classical method '${method}' needs at least 3 values, got ${y.length}`);
  for (let t = 0; t < y.length; t++) {
    if (!Number.isFinite(y[t])) {
      throw new RangeError(`classical method '${method}': value ${t} is not finite (${y[t]})`);
    }
  }
  const m = options.seasonLength;
  if (!Number.isInteger(m) || m < 1)
    throw new RangeError(`seasonLength must be a positive integer, got ${m}`);
  switch (method) {
    case 'naive':
      return fitNaive();
    case 'seasonal-naive':
      return fitSeasonalNaive(y, m);
    case 'drift':
      return fitDrift();
    case 'naive2':
      return fitNaive2(y, m);
    case 'ses':
      return fitSesMethod(y, m);
    case 'theta':
      return fitTheta(y, m);
    case 'ets':
      return fitEts(y, m);
    case 'arima':
      return fitArima(y, m);
  }
}

/** Rebuilds a fit from toJSON()'s output; throws a clear Error on an unknown method or bad fields. */
export function classicalFromJSON(json: ClassicalJSON): ClassicalFit {
  if (typeof json !== 'object' || json === null || typeof json.method !== 'string') {
    throw new Error(`classical JSON must be an object with a string 'method', got ${JSON.stringify(json)}`);
  }
  switch (json.method) {
    case 'naive':
      return fitNaive();
    case 'seasonal-naive':
      return seasonalNaiveFromJSON(json);
    case 'drift':
      return fitDrift();
    case 'naive2':
      return naive2FromJSON(json);
    case 'ses':
      return sesFromJSON(json);
    case 'theta':
      return thetaFromJSON(json);
    case 'ets':
      return etsFromJSON(json);
    case 'arima':
      return arimaFromJSON(json);
    default:
      throw new Error(
        `unknown classical method '${json.method}' in JSON; known: ${CLASSICAL_METHODS.join(', ')}`,
      );
  }
}
