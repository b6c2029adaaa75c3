// ARIMA as a ClassicalFit: the model auto-arima.ts selects, forecasting from any origin with its
// fitted coefficients. One pass of the residual recursion over the history gives every
// origin's past residuals (the recursion only looks back), then each origin's forecast runs
// the ARMA forward with future shocks 0 and undoes the differencing.
//
// An origin too early for the model's lags (before ncond + 1 values) gets the last value, the
// naive forecast: there is no history for the model to condition on yet.

import { arimaFilter, cssResiduals } from './arima-css.ts';
import type { ArimaModelFit } from './arima-css.ts';
import { constantAt, describeOrder } from './arima-spec.ts';
import type { ArimaConstant } from './arima-spec.ts';
import { autoArima } from './auto-arima.ts';
import { planOrigins } from './forecast-origins.ts';
import { readChoice, readFinite, readFiniteArray, readInteger, readRecord } from './json-fields.ts';
import type { ClassicalFit, ClassicalJSON } from './types.ts';

export function arimaForecastFrom(
  model: ArimaModelFit,
  y: Float64Array,
  origins: ArrayLike<number>,
  steps: number,
): Float64Array {
  const plan = planOrigins(y, origins, steps);
  const c = model.coefficients;
  const filter = arimaFilter(model.order, c);
  const { phi, theta, delta, ncond } = filter;
  const n = plan.last;
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  const e = new Float64Array(n);
  cssResiduals(y, n, filter, model.constant, c.constant, x, w, e);
  const back = Math.max(phi.length + delta.length, theta.length, 1);
  // Scratch: `back` values before the origin, then the steps ahead, for x, w and e alike.
  const fx = new Float64Array(back + steps);
  const fw = new Float64Array(back + steps);
  const fe = new Float64Array(back + steps);
  const out = new Float64Array(plan.origins.length * steps);
  for (let row = 0; row < plan.origins.length; row++) {
    const s = plan.origins[row]!;
    const offset = row * steps;
    if (s <= ncond) {
      out.fill(y[s - 1]!, offset, offset + steps);
      continue;
    }
    for (let i = 0; i < back; i++) {
      const t = s - back + i;
      fx[i] = t >= 0 ? x[t]! : 0;
      fw[i] = t >= 0 ? w[t]! : 0;
      fe[i] = t >= ncond ? e[t]! : 0;
    }
    for (let k = 0; k < steps; k++) {
      const at = back + k;
      let wv = 0;
      for (let j = 0; j < phi.length; j++) wv += phi[j]! * fw[at - j - 1]!;
      for (let j = 0; j < theta.length; j++) wv += theta[j]! * fe[at - j - 1]!;
      fw[at] = wv;
      fe[at] = 0;
      let xv = wv;
      for (let j = 0; j < delta.length; j++) xv += delta[j]! * fx[at - j - 1]!;
      fx[at] = xv;
      out[offset + k] = xv + constantAt(model.constant, c.constant, s + k);
    }
  }
  return out;
}

/** How the model was fitted, for describe(): its criterion, or why it has none. */
function fitNote(aicc: number): string {
  if (aicc === Number.NEGATIVE_INFINITY) return 'exact: constant after differencing';
  if (aicc === Number.POSITIVE_INFINITY)
    return 'CSS; every model searched had a root within 1.01 of the unit circle';
  return `CSS, AICc ${aicc.toFixed(1)}`;
}

function build(model: ArimaModelFit, aicc: number): ClassicalFit {
  const c = model.coefficients;
  const list = (name: string, v: Float64Array) =>
    Array.from(v, (x, i) => `${name}${i + 1}=${x.toPrecision(3)}`).join(' ');
  const coefficients = [list('ar', c.ar), list('ma', c.ma), list('sar', c.sar), list('sma', c.sma)]
    .filter((s) => s !== '')
    .join(' ');
  return {
    method: 'arima',
    describe: () =>
      `${describeOrder(model.order, model.constant)}${coefficients ? ` ${coefficients}` : ''} (${fitNote(aicc)})`,
    forecastFrom: (y, origins, steps) => arimaForecastFrom(model, y, origins, steps),
    toJSON: (): ClassicalJSON => ({
      method: 'arima',
      order: { ...model.order },
      constant: model.constant,
      constantValue: c.constant,
      ar: Array.from(c.ar),
      ma: Array.from(c.ma),
      sar: Array.from(c.sar),
      sma: Array.from(c.sma),
      sigma2: model.sigma2,
      used: model.used,
      parameterCount: model.parameterCount,
      // ±∞ (exact model; every model at a unit root) as a string: JSON has no ∞.
      aicc: Number.isFinite(aicc) ? aicc : String(aicc),
    }),
  };
}

export function fitArima(y: Float64Array, seasonLength: number): ClassicalFit {
  const { fit, aicc } = autoArima(y, seasonLength);
  return build(fit, aicc);
}

const CONSTANTS: readonly ArimaConstant[] = ['none', 'mean', 'drift'];

export function arimaFromJSON(json: ClassicalJSON): ClassicalFit {
  const orderJson = readRecord(json, 'order', false) as ClassicalJSON;
  const order = {
    p: readInteger(orderJson, 'p', 0),
    d: readInteger(orderJson, 'd', 0),
    q: readInteger(orderJson, 'q', 0),
    P: readInteger(orderJson, 'P', 0),
    D: readInteger(orderJson, 'D', 0),
    Q: readInteger(orderJson, 'Q', 0),
    m: readInteger(orderJson, 'm', 1),
  };
  const model: ArimaModelFit = {
    order,
    constant: readChoice(json, 'constant', CONSTANTS),
    coefficients: {
      ar: readFiniteArray(json, 'ar', order.p),
      ma: readFiniteArray(json, 'ma', order.q),
      sar: readFiniteArray(json, 'sar', order.P),
      sma: readFiniteArray(json, 'sma', order.Q),
      constant: readFinite(json, 'constantValue'),
    },
    sigma2: readFinite(json, 'sigma2'),
    used: readInteger(json, 'used', 0),
    parameterCount: readInteger(json, 'parameterCount', 0),
  };
  const aicc =
    json.aicc === 'Infinity' || json.aicc === '-Infinity' ? Number(json.aicc) : readFinite(json, 'aicc');
  return build(model, aicc);
}
