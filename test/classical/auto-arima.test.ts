// Auto ARIMA's choices on series whose generating process is known (seeded), beside the R
// reference checks in arima-reference.test.ts.
import { describe, expect, it } from 'vitest';
import { fitArima } from '../../src/classical/arima.ts';
import { autoArima } from '../../src/classical/auto-arima.ts';
import { classicalFromJSON } from '../../src/classical/index.ts';
import { createRandom } from '../../src/rnn/random.ts';

function simulate(
  n: number,
  seed: number,
  next: (t: number, y: Float64Array, noise: number) => number,
): Float64Array {
  const random = createRandom(seed);
  const y = new Float64Array(n);
  for (let t = 0; t < n; t++) y[t] = next(t, y, random.normal());
  return y;
}

describe('auto ARIMA', () => {
  it('leaves a stationary AR(1) undifferenced and estimates its mean and noise variance', () => {
    // KPSS rejects a stationary series now and then (5 % nominally, more with autocorrelation),
    // so this asserts over ten seeds what holds for nearly all of them.
    let undifferenced = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const y = simulate(400, seed, (t, y, e) => 5 + (t > 0 ? 0.5 * (y[t - 1]! - 5) : 0) + e);
      const { fit } = autoArima(y, 1);
      expect(fit.sigma2, `seed ${seed}`).toBeGreaterThan(0.8);
      expect(fit.sigma2, `seed ${seed}`).toBeLessThan(1.2);
      if (fit.order.d !== 0) continue;
      undifferenced++;
      expect(fit.constant).toBe('mean');
      expect(Math.abs(fit.coefficients.constant - 5), `seed ${seed}`).toBeLessThan(0.5);
      if (fit.order.p === 1 && fit.order.q === 0)
        expect(Math.abs(fit.coefficients.ar[0]! - 0.5), `seed ${seed}`).toBeLessThan(0.1);
    }
    expect(undifferenced).toBeGreaterThanOrEqual(8);
  });

  it('differences a random walk once and gives it a drift', () => {
    const y = simulate(300, 12, (t, y, e) => (t > 0 ? y[t - 1]! : 100) + 0.5 + e);
    const { fit } = autoArima(y, 1);
    expect(fit.order.d).toBe(1);
    expect(fit.constant).toBe('drift');
    expect(Math.abs(fit.coefficients.constant - 0.5)).toBeLessThan(0.25);
  });

  it('takes a seasonal difference for a strong season', () => {
    const y = simulate(240, 13, (t, _y, e) => 50 + 10 * Math.sin((2 * Math.PI * t) / 12) + 0.5 * e);
    const { fit } = autoArima(y, 12);
    expect(fit.order.D).toBe(1);
    expect(fit.order.m).toBe(12);
    // The season carries on: the forecast a year ahead is close to the true curve.
    const forecast = fitArima(y, 12).forecastFrom(y, [y.length], 12);
    for (let k = 0; k < 12; k++) {
      const truth = 50 + 10 * Math.sin((2 * Math.PI * (y.length + k)) / 12);
      expect(Math.abs(forecast[k]! - truth), `step ${k + 1}`).toBeLessThan(2);
    }
  });

  it('continues a straight line exactly, with nothing to estimate', () => {
    const y = Float64Array.from({ length: 30 }, (_, t) => 3 + 2 * t);
    const fit = fitArima(y, 1);
    expect(fit.describe()).toMatch(/^ARIMA\(0,1,0\) with drift/);
    expect(Array.from(fit.forecastFrom(y, [y.length], 3))).toEqual([63, 65, 67]);
    // Its criterion is −∞, which JSON cannot hold: the model file keeps it as a string.
    const again = classicalFromJSON(JSON.parse(JSON.stringify(fit.toJSON())));
    expect(again.describe()).toBe(fit.describe());
    expect(Array.from(again.forecastFrom(y, [y.length], 3))).toEqual([63, 65, 67]);
  });

  it('forecasts the last value from an origin too early for its lags, and only uses the past', () => {
    const y = simulate(200, 14, (t, y, e) => (t > 1 ? 0.5 * y[t - 1]! + 0.3 * y[t - 2]! : 0) + e);
    const fit = fitArima(y, 1);
    expect(Array.from(fit.forecastFrom(y, [1], 2))).toEqual([y[0], y[0]]);
    const changedFuture = Float64Array.from(y);
    changedFuture.fill(1e6, 150);
    expect(Array.from(fit.forecastFrom(changedFuture, [150], 5))).toEqual(
      Array.from(fit.forecastFrom(y, [150], 5)),
    );
  });

  it('is deterministic: the same series gives the same model and forecast bytes', () => {
    const y = simulate(300, 15, (t, y, e) => (t > 0 ? 0.6 * y[t - 1]! : 0) + e + 3 * Math.sin(t / 4));
    const a = fitArima(y, 8);
    const b = fitArima(y, 8);
    expect(JSON.stringify(a.toJSON())).toBe(JSON.stringify(b.toJSON()));
    expect(Array.from(a.forecastFrom(y, [y.length], 8))).toEqual(
      Array.from(b.forecastFrom(y, [y.length], 8)),
    );
  });
});
