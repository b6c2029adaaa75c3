// ARIMA against R 4.2.2 (stats::arima, method = "CSS"; forecast 8.20's ndiffs and nsdiffs;
// urca's ur.kpss), values in fixtures/arima-reference.ts from reference/r-arima-reference.R.
// The recursion is deterministic given the coefficients, so at R's coefficients it must give
// R's σ² to rounding; the fits come from different optimisers (R's BFGS on raw coefficients,
// our Nelder–Mead on partial autocorrelations), so ours must reach a sum of squares no worse
// than R's wherever R's estimate is stationary and invertible (we never leave that region).
import { describe, expect, it } from 'vitest';
import { arimaFilter, cssResiduals, fitArimaOrder } from '../../src/classical/arima-css.ts';
import {
  kpssStatistic,
  ordinaryDifferences,
  seasonalDifferences,
  difference,
} from '../../src/classical/arima-differencing.ts';
import { arimaForecastFrom } from '../../src/classical/arima.ts';
import { smallestRootModulus } from '../../src/classical/arima-roots.ts';
import type { ArimaCoefficients, ArimaConstant, ArimaOrder } from '../../src/classical/arima-spec.ts';
import { allowedConstant } from '../../src/classical/arima-spec.ts';
import { R_ARIMA_REFERENCE } from './fixtures/arima-reference.ts';
import { expectClose, series } from './reference-access.ts';
import type { SeriesName } from './reference-access.ts';

type Case = (typeof R_ARIMA_REFERENCE)[keyof typeof R_ARIMA_REFERENCE];
type RFit = Case['fits'][number];

const cases = Object.entries(R_ARIMA_REFERENCE) as [SeriesName, Case][];

function orderOf(fit: RFit, m: number): ArimaOrder {
  const [p, d, q, P, D, Q] = fit.order;
  return { p, d, q, P, D, Q, m: P + D + Q > 0 ? m : 1 };
}

/** R's coefficient vector by its names: ar1…, ma1…, sar1…, sma1…, then intercept or the drift 1:n. */
function coefficientsOf(fit: RFit): ArimaCoefficients {
  const pick = (prefix: string) =>
    Float64Array.from(
      fit.names.flatMap((name, i) => (name.match(new RegExp(`^${prefix}\\d+$`)) ? [fit.coef[i]!] : [])),
    );
  const constantAt = fit.names.findIndex((name) => name === 'intercept' || name === '1:n');
  return {
    ar: pick('ar'),
    ma: pick('ma'),
    sar: pick('sar'),
    sma: pick('sma'),
    constant: constantAt >= 0 ? fit.coef[constantAt]! : 0,
  };
}

function sigma2At(y: Float64Array, order: ArimaOrder, constant: ArimaConstant, c: ArimaCoefficients): number {
  const n = y.length;
  const filter = arimaFilter(order, c);
  const sse = cssResiduals(
    y,
    n,
    filter,
    constant,
    c.constant,
    new Float64Array(n),
    new Float64Array(n),
    new Float64Array(n),
  );
  return sse / (n - filter.ncond);
}

/** Stationary AR and invertible MA parts, seasonal ones included: the region our fits stay in. */
function inside(c: ArimaCoefficients): boolean {
  const roots = [
    smallestRootModulus(Array.from(c.ar, (v) => -v)),
    smallestRootModulus(c.ma),
    smallestRootModulus(Array.from(c.sar, (v) => -v)),
    smallestRootModulus(c.sma),
  ];
  return roots.every((r) => r > 1.001);
}

const fits = cases.flatMap(([name, r]) => r.fits.map((f) => ({ name, r, f, order: orderOf(f, r.m) })));

describe("the CSS recursion at R's coefficients", () => {
  it("gives R's σ² to 1e-9 relative for every order", () => {
    expect(fits.length).toBeGreaterThanOrEqual(10);
    for (const { name, f, order } of fits) {
      const y = series(name);
      const sigma2 = sigma2At(y, order, allowedConstant(order), coefficientsOf(f));
      expect(Math.abs(sigma2 - f.sigma2) / f.sigma2, `${name} ${f.order}`).toBeLessThan(1e-9);
    }
  });

  it("forecasts as R's predict() does: exactly without a slow MA, else within the start-up's weight", () => {
    // R forecasts from the Kalman filter's state, ours from the conditional residuals (0 before
    // ncond). The two differ only by how the start-up residuals are treated, whose weight at
    // the end of n values is about (1 / r)^n for the MA part's smallest root r: negligible for
    // pure AR models and roots well outside 1, visible for roots close to 1.
    let exact = 0;
    for (const { name, f, order } of fits) {
      const c = coefficientsOf(f);
      if (!inside(c)) continue;
      const y = series(name);
      const scale = Math.max(...Array.from(y, Math.abs));
      const ours = arimaForecastFrom(
        {
          order,
          constant: allowedConstant(order),
          coefficients: c,
          sigma2: f.sigma2,
          used: 0,
          parameterCount: 0,
        },
        y,
        [y.length],
        f.forecast.length,
      );
      const root = Math.min(smallestRootModulus(c.ma), smallestRootModulus(c.sma) ** (1 / order.m));
      const startUpWeight = (1 / root) ** (y.length / 2);
      const tolerance = Math.max(1e-12, startUpWeight);
      if (tolerance === 1e-12) exact++;
      expectClose(
        Array.from(ours, (v) => v / scale),
        f.forecast.map((v) => v / scale),
        tolerance,
        `${name} ${f.order}`,
      );
    }
    expect(exact).toBeGreaterThanOrEqual(4);
  });
});

describe('CSS fits against R', () => {
  it("reach R's sum of squares or better where R's estimate is stationary and invertible", () => {
    let compared = 0;
    for (const { name, f, order } of fits) {
      if (!inside(coefficientsOf(f))) continue;
      const ours = fitArimaOrder(series(name), order);
      expect(ours.sigma2, `${name} ${f.order}`).toBeLessThanOrEqual(f.sigma2 * (1 + 1e-5));
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(6);
  });
});

describe('how many differences, as auto.arima decides', () => {
  it("computes urca's KPSS statistic to 1e-9", () => {
    for (const [name, r] of cases) {
      expect(Math.abs(kpssStatistic(series(name)) - r.kpss) / r.kpss, name).toBeLessThan(1e-9);
    }
  });

  it("takes R's seasonal (nsdiffs) and ordinary (ndiffs) differences", () => {
    for (const [name, r] of cases) {
      const y = series(name);
      const D = r.m > 1 ? seasonalDifferences(y, r.m) : 0;
      expect(D, `${name} D`).toBe(r.D);
      expect(ordinaryDifferences(D > 0 ? difference(y, r.m) : y), `${name} d`).toBe(r.d);
    }
  });
});
