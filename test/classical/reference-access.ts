// Typed access to the reference fixtures shared by the classical tests.

import { R_REFERENCE } from './fixtures/r-reference.ts';
import { REFERENCE_SERIES } from './fixtures/reference-series.ts';

export type SeriesName = keyof typeof REFERENCE_SERIES;

export function series(name: SeriesName): Float64Array {
  return Float64Array.from(REFERENCE_SERIES[name]);
}

/** |a − b| ≤ tol·max(1, |b|) elementwise, with a message naming the first index that fails. */
export function expectClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tol: number,
  what: string,
): void {
  if (actual.length !== expected.length)
    throw new Error(`${what}: length ${actual.length} ≠ ${expected.length}`);
  for (let i = 0; i < expected.length; i++) {
    // In range: the lengths are equal.
    const a = actual[i]!;
    const e = expected[i]!;
    const err = Math.abs(a - e);
    if (!(err <= tol * Math.max(1, Math.abs(e)))) {
      const relative = err / Math.abs(e);
      throw new Error(`${what}[${i}]: ${a} vs reference ${e} (relative error ${relative})`);
    }
  }
}

export interface REtsFit {
  model: string;
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
  initstate: number[];
  lik: number;
  aicc: number;
  forecast: number[];
}

/** One series' R reference (fields present only where R computed them, e.g. no M4 benchmarks for y ≤ 0). */
export interface RCase {
  name: SeriesName;
  m: number;
  h: number;
  seasonal?: boolean;
  acf?: number[];
  figure?: number[];
  figureAdditive?: number[];
  benchmarks?: { naive: number[]; snaive: number[]; naive2: number[]; ses: number[]; theta: number[] };
  thetaSes?: { alpha: number; l0: number; sse: number; intercept: number; slope: number };
  ses?: { alpha: number; l0: number; sse: number };
  ets: REtsFit[];
  autoEts: { method: string; aicc: number; lik: number; forecast: number[] };
}

export const R_CASES = Object.values(R_REFERENCE) as RCase[];

/** The field, or a thrown Error naming the series that lacks it. */
export function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`reference lacks ${what}`);
  return value;
}
