// The ClassicalFit contract every method keeps: never throws on a finite series of 3+ values,
// finite forecasts, forecastFrom re-runs states with fit-time parameters from any origin (one
// pass, any order of origins), JSON round trip, and graceful seasonal degradation.
import { describe, expect, it } from 'vitest';
import { CLASSICAL_METHODS, classicalFromJSON, fitClassical } from '../../src/classical/index.ts';
import type { ClassicalFit } from '../../src/classical/index.ts';
import { series } from './reference-access.ts';

const awkward = {
  'three points': Float64Array.of(1, 2, 4),
  'all equal': new Float64Array(60).fill(7),
  'with zeros': Float64Array.from({ length: 80 }, (_, t) => (t % 5 === 0 ? 0 : 3 + Math.sin(t))),
  negative: Float64Array.from(
    { length: 80 },
    (_, t) => -50 + 10 * Math.sin((2 * Math.PI * t) / 12) - 0.1 * t,
  ),
  'tiny and huge': Float64Array.from({ length: 50 }, (_, t) => (t % 2 ? 1e-9 : 1e9)),
  'one spike': Float64Array.from({ length: 40 }, (_, t) => (t === 20 ? 1e6 : 1)),
  'four points m=12': Float64Array.of(5, 6, 5, 7),
} satisfies Record<string, Float64Array>;

function allFinite(a: Float64Array): boolean {
  return a.every((v) => Number.isFinite(v));
}

describe('every method on awkward series', () => {
  for (const method of CLASSICAL_METHODS) {
    it(`${method}: fits, describes and forecasts finite values`, () => {
      for (const [name, y] of Object.entries(awkward)) {
        for (const m of [1, 4, 12]) {
          const fit = fitClassical(method, y, { seasonLength: m, horizonSteps: 6 });
          expect(fit.method).toBe(method);
          expect(fit.describe().length, name).toBeGreaterThan(3);
          const f = fit.forecastFrom(y, [y.length, Math.max(1, y.length - 1)], 6);
          expect(allFinite(f), `${method} on ${name} m=${m}: ${Array.from(f)}`).toBe(true);
        }
      }
    });
  }

  it('a constant series is forecast as that constant by every method', () => {
    const y = awkward['all equal'];
    for (const method of CLASSICAL_METHODS) {
      const f = fitClassical(method, y, { seasonLength: 12 }).forecastFrom(y, [y.length], 5);
      for (const v of f) expect(v, method).toBeCloseTo(7, 9);
    }
  });
});

describe('forecastFrom', () => {
  const y = series('trendSeasonalM12');
  const train = y.subarray(0, 96);

  for (const method of CLASSICAL_METHODS) {
    it(`${method}: rows for unsorted origins equal single-origin calls, and origins past the fit are allowed`, () => {
      const fit = fitClassical(method, train, { seasonLength: 12 });
      const origins = [110, 96, 50, 120, 96];
      const all = fit.forecastFrom(y, origins, 7);
      expect(all.length).toBe(origins.length * 7);
      origins.forEach((s, i) => {
        expect(Array.from(all.subarray(i * 7, i * 7 + 7))).toEqual(Array.from(fit.forecastFrom(y, [s], 7)));
      });
    });

    it(`${method}: uses only y[0 .. origin)`, () => {
      const fit = fitClassical(method, train, { seasonLength: 12 });
      const poisoned = Float64Array.from(y);
      poisoned.fill(1e6, 100);
      expect(Array.from(fit.forecastFrom(poisoned, [100], 5))).toEqual(
        Array.from(fit.forecastFrom(y, [100], 5)),
      );
    });

    it(`${method}: JSON round trip forecasts identically`, () => {
      const fit = fitClassical(method, train, { seasonLength: 12 });
      const again = classicalFromJSON(JSON.parse(JSON.stringify(fit.toJSON())));
      expect(again.method).toBe(method);
      expect(Array.from(again.forecastFrom(y, [96, 120], 9))).toEqual(
        Array.from(fit.forecastFrom(y, [96, 120], 9)),
      );
    });
  }

  it('rejects origins outside [1, y.length] and non-integer steps', () => {
    const fit = fitClassical('ets', train, { seasonLength: 12 });
    expect(() => fit.forecastFrom(y, [0], 3)).toThrow(/origin/);
    expect(() => fit.forecastFrom(y, [y.length + 1], 3)).toThrow(/origin/);
    expect(() => fit.forecastFrom(y, [10.5], 3)).toThrow(/origin/);
    expect(() => fit.forecastFrom(y, [10], 0)).toThrow(/steps/);
  });

  it('ETS from a later origin is the fitted model filtered through the new values (not refitted)', () => {
    const fit = fitClassical('ets', train, { seasonLength: 12 });
    const json = fit.toJSON();
    const refit = fitClassical('ets', y, { seasonLength: 12 }).toJSON();
    // Same parameters at any origin…
    expect(classicalFromJSON(json).toJSON()).toEqual(json);
    // …which differ from a fit on all the data, so the forecasts from origin 120 differ too.
    expect(refit.alpha).not.toBe(json.alpha);
  });
});

describe('simple methods', () => {
  const y = Float64Array.of(1, 3, 2, 5, 4, 7, 6, 9);

  it('naive repeats the value before the origin', () => {
    expect(Array.from(fitClassical('naive', y, { seasonLength: 1 }).forecastFrom(y, [3, 8], 2))).toEqual([
      2, 2, 9, 9,
    ]);
  });

  it("drift extrapolates the line from y[0] to y[s−1] of each origin's history", () => {
    const f = fitClassical('drift', y, { seasonLength: 1 }).forecastFrom(y, [4, 8], 2);
    expect(Array.from(f)).toEqual([5 + 4 / 3, 5 + 8 / 3, 9 + 8 / 7, 9 + 16 / 7]);
  });

  it('seasonal naive repeats the last season, and falls back to naive with m < 2 or fewer than m values', () => {
    const fit = fitClassical('seasonal-naive', y, { seasonLength: 3 });
    expect(Array.from(fit.forecastFrom(y, [8], 4))).toEqual([7, 6, 9, 7]);
    expect(Array.from(fit.forecastFrom(y, [2], 2))).toEqual([3, 3]);
    const short = fitClassical('seasonal-naive', y.subarray(0, 3), { seasonLength: 4 });
    expect(short.describe()).toMatch(/naive forecast \(fewer than m=4 values\)/);
    expect(fitClassical('seasonal-naive', y, { seasonLength: 1 }).describe()).toMatch(/m<2/);
  });
});

describe('seasonal degradation is stated in describe()', () => {
  const fitOf = (method: string, y: Float64Array, m: number): ClassicalFit =>
    fitClassical(method, y, { seasonLength: m });
  const y = series('trendSeasonalM12');

  it('m < 2', () => {
    for (const method of ['naive2', 'ses', 'theta', 'ets'])
      expect(fitOf(method, y, 1).describe()).toMatch(/m<2/);
  });

  it('fewer than 2 (ETS) or 3 (M4 test) seasons', () => {
    expect(fitOf('ets', y.subarray(0, 20), 12).describe()).toMatch(/fewer than 2 seasons of m=12/);
    expect(fitOf('theta', y.subarray(0, 30), 12).describe()).toMatch(/fewer than 3 seasons of m=12/);
  });

  it('the seasonality test fails', () => {
    const noise = Float64Array.from({ length: 120 }, (_, t) => 100 + ((t * 7919) % 13) - 6);
    expect(fitOf('theta', noise, 12).describe()).toMatch(/seasonality test failed at m=12/);
  });

  it('ETS with m > 24 adjusts by the M4 decomposition, else ignores the season', () => {
    const w = series('W1');
    expect(fitOf('ets', w, 52).describe()).toMatch(/m=52>24: seasonally adjusted \(multiplicative/);
    expect(fitOf('ets', w.subarray(0, 100), 52).describe()).toMatch(/m=52>24: non-seasonal/);
  });

  it('ETS seasonal when it can be: trend + multiplicative season of m = 12 picks a seasonal model', () => {
    expect(fitOf('ets', y, 12).describe()).toMatch(/^ETS\(.,.+,[AM]\) m=12/);
  });
});

describe('fitClassical and classicalFromJSON errors', () => {
  it('throw clear errors', () => {
    const y = series('dampedTrend');
    expect(() => fitClassical('prophet', y, { seasonLength: 1 })).toThrow(
      /unknown classical method 'prophet'/,
    );
    expect(() => fitClassical('ses', y.subarray(0, 2), { seasonLength: 1 })).toThrow(/at least 3 values/);
    expect(() => fitClassical('ses', Float64Array.of(1, Number.NaN, 3), { seasonLength: 1 })).toThrow(
      /not finite/,
    );
    expect(() => classicalFromJSON({ method: 'prophet' })).toThrow(/unknown classical method 'prophet'/);
    expect(() =>
      classicalFromJSON({ method: 'ses', alpha: 'high', initialLevel: 1, seasonal: null }),
    ).toThrow(/field 'alpha' must be a finite number/);
    const ets = fitClassical('ets', y, { seasonLength: 1 }).toJSON();
    expect(() => classicalFromJSON({ ...ets, initialState: [1, 2, 3, 4, 5] })).toThrow(/initialState/);
    expect(() => classicalFromJSON({ ...ets, trend: 'M' })).toThrow(/field 'trend' must be one of N\|A\|Ad/);
    const theta = fitClassical('theta', series('H1'), { seasonLength: 24 }).toJSON();
    expect(() =>
      classicalFromJSON({ ...theta, seasonal: { kind: 'multiplicative', figure: [1, -1] } }),
    ).toThrow(/positive/);
  });
});
