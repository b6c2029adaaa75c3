// The M4 seasonality test, R's classical decomposition and Naive2 against their references:
// R's acf/decompose and the M4 organisers' R functions (forecast 8.20), and the M4 scorer
// score.py, which reproduces the published Naive2 figures exactly.
import { describe, expect, it } from 'vitest';
import { decompose } from '../../src/classical/decompose.ts';
import { fitClassical } from '../../src/classical/index.ts';
import { chooseSeasonalAdjustment } from '../../src/classical/seasonal-adjustment.ts';
import { autocorrelations, isSeasonal } from '../../src/classical/seasonality-test.ts';
import { M4_SCORE_REFERENCE } from './fixtures/m4-score-reference.ts';
import { expectClose, R_CASES, required, series } from './reference-access.ts';
import type { SeriesName } from './reference-access.ts';

const seasonalCases = R_CASES.filter((r) => r.m > 1);
const dailyCycle = R_CASES.find((r) => r.name === 'dailyCycleM24')!;
const additiveNegative = R_CASES.find((r) => r.name === 'additiveNegativeM4')!;

describe('seasonality test (M4 SeasonalityTest)', () => {
  it("autocorrelations equal R's acf(y, lag.max = m) to 1e-10", () => {
    for (const r of seasonalCases) {
      expectClose(autocorrelations(series(r.name), r.m), required(r.acf, 'acf'), 1e-10, `${r.name} acf`);
    }
  });

  it("decides as the M4 R code does when R's acf reaches lag m (n ≥ 252 for m = 24)", () => {
    for (const r of seasonalCases) {
      if (r.name === 'dailyCycleM24') continue;
      expect(isSeasonal(series(r.name), r.m), r.name).toBe(required(r.seasonal, 'seasonal'));
    }
  });

  it("finds the daily cycle of 240 hourly values that R's test misses only because acf stops at lag 23", () => {
    const r = dailyCycle;
    const acf = required(r.acf, 'acf');
    expect(r.seasonal).toBe(false);
    expect(Math.floor(10 * Math.log10(240))).toBe(23);
    // The same statistic, computed at lag 24 from R's own autocorrelations, says seasonal.
    const sum = acf.slice(0, 23).reduce((a, v) => a + v * v, 0);
    expect(Math.abs(acf[23]!)).toBeGreaterThan((1.645 / Math.sqrt(240)) * Math.sqrt(1 + 2 * sum));
    expect(isSeasonal(series('dailyCycleM24'), 24)).toBe(true);
  });

  it('agrees with score.py on M4 series, including the one non-seasonal Hourly series and W1 at m = 52', () => {
    for (const [id, ref] of Object.entries(M4_SCORE_REFERENCE)) {
      expect(isSeasonal(series(id as SeriesName), ref.m), id).toBe(ref.seasonal);
    }
    expect(M4_SCORE_REFERENCE.H272.seasonal).toBe(false);
  });

  it('is false for m < 2, fewer than 3 seasons, and a constant series', () => {
    const y = series('H1');
    expect(isSeasonal(y, 1)).toBe(false);
    expect(isSeasonal(y.subarray(0, 71), 24)).toBe(false);
    expect(isSeasonal(new Float64Array(100).fill(3), 4)).toBe(false);
  });
});

describe("classical decomposition (R's decompose)", () => {
  it("multiplicative and additive figures equal R's to 1e-10", () => {
    for (const r of seasonalCases) {
      const y = series(r.name);
      if (r.figure) expectClose(decompose(y, r.m, 'multiplicative').figure, r.figure, 1e-10, `${r.name} ×`);
      const additive = required(r.figureAdditive, 'figureAdditive');
      expectClose(decompose(y, r.m, 'additive').figure, additive, 1e-10, `${r.name} +`);
    }
  });

  it('seasonal indices equal score.py to 1e-12 (odd window not needed; even m = 24 and 52)', () => {
    for (const [id, ref] of Object.entries(M4_SCORE_REFERENCE)) {
      if (!ref.indices) continue;
      const choice = chooseSeasonalAdjustment(series(id as SeriesName), ref.m);
      expect(choice.adjustment?.kind).toBe('multiplicative');
      expectClose(choice.adjustment!.figure, ref.indices, 1e-12, `${id} indices`);
    }
  });

  it('handles odd m the way R does (centred window of m values)', () => {
    const y = Float64Array.from({ length: 21 }, (_, t) => 10 + [1, -2, 1][t % 3]! + 0.5 * t);
    const { trend, figure } = decompose(y, 3, 'additive');
    expect(Number.isNaN(trend[0])).toBe(true);
    expect(trend[1]).toBeCloseTo(10.5, 12);
    expectClose(figure, [1, -2, 1], 1e-12, 'odd figure');
  });
});

describe('Naive2 and seasonal naive', () => {
  it('Naive2 forecasts equal score.py to 1e-12 and the M4 R Benchmarks to 1e-9', () => {
    for (const [id, ref] of Object.entries(M4_SCORE_REFERENCE)) {
      const y = series(id as SeriesName);
      const fit = fitClassical('naive2', y, { seasonLength: ref.m });
      expectClose(fit.forecastFrom(y, [y.length], ref.h), ref.naive2, 1e-12, `${id} naive2`);
      const snaive = fitClassical('seasonal-naive', y, { seasonLength: ref.m });
      expectClose(snaive.forecastFrom(y, [y.length], ref.h), ref.snaive, 0, `${id} snaive`);
    }
    for (const r of R_CASES) {
      if (!r.benchmarks || r.name === 'dailyCycleM24') continue;
      const y = series(r.name);
      const fit = fitClassical('naive2', y, { seasonLength: r.m });
      expectClose(fit.forecastFrom(y, [y.length], r.h), r.benchmarks.naive2, 1e-9, `${r.name} naive2 vs R`);
      const snaive = fitClassical('seasonal-naive', y, { seasonLength: r.m });
      expectClose(snaive.forecastFrom(y, [y.length], r.h), r.benchmarks.snaive, 0, `${r.name} snaive vs R`);
    }
  });

  it('adjusts additively when the series has values ≤ 0 (multiplicative indices cannot be used)', () => {
    const y = series('additiveNegativeM4');
    const choice = chooseSeasonalAdjustment(y, 4);
    expect(choice.adjustment?.kind).toBe('additive');
    const figure = required(additiveNegative.figureAdditive, 'figureAdditive');
    expectClose(choice.adjustment!.figure, figure, 1e-10, 'additive figure');
  });
});
