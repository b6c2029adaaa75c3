// ETS against R's forecast::ets (forecast 8.20) and statsmodels 0.13.5 ETSModel. The recursion
// and likelihood are deterministic given the parameters, so at R's fitted parameters and initial
// states they must agree to rounding; the fits themselves come from different optimisers, so
// ours must reach a criterion (−2·log-likelihood) no worse than the reference's.
import { describe, expect, it } from 'vitest';
import { etsCriterionAt, fitEtsModel } from '../../src/classical/ets-fit.ts';
import type { EtsSpec } from '../../src/classical/ets-model.ts';
import { selectEts } from '../../src/classical/ets-select.ts';
import { classicalFromJSON } from '../../src/classical/index.ts';
import { STATSMODELS_REFERENCE } from './fixtures/statsmodels-reference.ts';
import { expectClose, R_CASES, series } from './reference-access.ts';
import type { SeriesName } from './reference-access.ts';

/** "AAdA" → ETS(A,Ad,A) with season length m. */
function specOf(code: string, m: number): EtsSpec {
  const damped = code.includes('d');
  const plain = code.replace('d', '');
  const season = plain[2] as EtsSpec['season'];
  return {
    error: plain[0] as EtsSpec['error'],
    trend: plain[1] === 'N' ? 'N' : damped ? 'Ad' : 'A',
    season,
    m: season === 'N' ? 1 : m,
  };
}

/** A statsmodels reference key is "series:model": "trendSeasonalM12:AAdA" → ["trendSeasonalM12", "AAdA"]. */
function splitKey(key: string): [string, string] {
  const [name, code] = key.split(':');
  if (name === undefined || code === undefined)
    throw new Error(`reference key "${key}" is not "series:model"`);
  return [name, code];
}

const fits = R_CASES.flatMap((r) => r.ets.map((f) => ({ r, f, spec: specOf(f.model, r.m) })));

describe("ETS recursion at R's fitted parameters", () => {
  it("gives R's −2·log-likelihood (etscalc.c lik) to 1e-9 relative for every model", () => {
    expect(fits.length).toBeGreaterThan(40);
    for (const { r, f, spec } of fits) {
      const y = series(r.name);
      const lik = etsCriterionAt(y, spec, f, f.initstate);
      expect(Math.abs(lik - f.lik) / Math.abs(f.lik), `${r.name} ${f.model}`).toBeLessThan(1e-9);
    }
  });

  // For models with multiplicative error and season ("class 3"), R's forecast() returns the
  // analytic mean (class3() in etsforecast.R), which adds σ²-order terms to the recursion's point
  // forecast (etsforecast in etscalc.c, what statsforecast and we return). Those agree to 2e-3.
  const class3 = (spec: EtsSpec) => spec.error === 'M' && spec.season === 'M';

  it("forecasts R's forecast(fit, h)$mean to 1e-9 relative through forecastFrom (2e-3 for class 3)", () => {
    for (const { r, f, spec } of fits) {
      const y = series(r.name);
      const fit = classicalFromJSON({
        method: 'ets',
        error: spec.error,
        trend: spec.trend,
        season: spec.season,
        m: spec.m,
        alpha: f.alpha,
        beta: f.beta,
        gamma: f.gamma,
        phi: f.phi,
        initialState: [...f.initstate],
        criterion: f.lik,
        parameterCount: 1,
        aic: 0,
        aicc: f.aicc,
        bic: 0,
        seasonal: null,
      });
      const tolerance = class3(spec) ? 2e-3 : 1e-9;
      expectClose(fit.forecastFrom(y, [y.length], r.h), f.forecast, tolerance, `${r.name} ${f.model}`);
    }
  });
});

describe('ETS maximum likelihood', () => {
  it("reaches a criterion no worse than R's ets() for every model (tolerance 0.01 on −2·log L)", () => {
    let better = 0;
    for (const { r, f, spec } of fits) {
      const fit = fitEtsModel(series(r.name), spec);
      expect(fit, `${r.name} ${f.model}`).not.toBeNull();
      expect(fit!.criterion, `${r.name} ${f.model}`).toBeLessThanOrEqual(f.lik + 0.01);
      if (fit!.criterion < f.lik - 1) better++;
    }
    // R's Nelder–Mead stops far from the optimum on most seasonal models; ours should not.
    expect(better).toBeGreaterThan(fits.length / 3);
  });

  it("counts parameters as R does: AICc from our criterion reproduces R's AICc at R's optimum", () => {
    for (const { r, f, spec } of fits) {
      const fit = fitEtsModel(series(r.name), spec)!;
      const n = series(r.name).length;
      const k = fit.parameterCount;
      const aicc = f.lik + 2 * k + (2 * k * (k + 1)) / (n - k - 1);
      expect(aicc, `${r.name} ${f.model}`).toBeCloseTo(f.aicc, 6);
    }
  });

  it("matches statsmodels ETSModel's log-likelihood on non-seasonal models (to 1e-3)", () => {
    for (const [key, ref] of Object.entries(STATSMODELS_REFERENCE.ets)) {
      const [name, code] = splitKey(key);
      const spec = specOf(code, 1);
      if (spec.season !== 'N') continue;
      const y = series(name as SeriesName);
      const n = y.length;
      const fit = fitEtsModel(y, spec)!;
      const llf = -0.5 * (fit.criterion - n * Math.log(n) + n * (1 + Math.log(2 * Math.PI)));
      expect(llf, key).toBeGreaterThan(ref.llf - 1e-3);
    }
  });

  // statsmodels' seasonal space is larger (all m seasonal states free, β and γ down to 0).
  it('stays within 1 % of statsmodels on seasonal models', () => {
    for (const [key, ref] of Object.entries(STATSMODELS_REFERENCE.ets)) {
      const [name, code] = splitKey(key);
      const m = name.endsWith('M12') ? 12 : name.endsWith('M24') ? 24 : 4;
      const spec = specOf(code, m);
      if (spec.season === 'N') continue;
      const y = series(name as SeriesName);
      const n = y.length;
      const fit = fitEtsModel(y, spec)!;
      const llf = -0.5 * (fit.criterion - n * Math.log(n) + n * (1 + Math.log(2 * Math.PI)));
      expect(llf, key).toBeGreaterThan(ref.llf - 0.01 * Math.abs(ref.llf));
    }
  });

  it("automatic selection in R's model space finds an AICc no worse than R's ets(y) on every series", () => {
    for (const r of R_CASES) {
      const y = series(r.name);
      const selection = selectEts(y, r.m, { fullModelSpace: true });
      const label = `${r.name}: R chose ${r.autoEts.method}`;
      expect(selection.model.aicc, label).toBeLessThanOrEqual(r.autoEts.aicc + 0.01);
    }
  });

  it('by default leaves out ETS(M,A,M) (undamped trend × multiplicative season) and keeps ETS(M,Ad,M)', () => {
    const y = series('H1');
    const names = selectEts(y, 24).candidates.map((c) => c.name);
    expect(names).not.toContain('MAM');
    expect(names).toContain('MAdM');
    expect(names.length).toBe(14);
    expect(selectEts(y, 24, { fullModelSpace: true }).candidates.map((c) => c.name)).toContain('MAM');
  });
});
