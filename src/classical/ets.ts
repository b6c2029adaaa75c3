// ETS as a ClassicalFit: the model selected by ets-select.ts, forecasting from any origin by
// running the fitted recursion (fixed parameters and initial state) through the history, and
// its JSON form.

import { describeEtsModel } from './ets-fit.ts';
import type { EtsModelFit } from './ets-fit.ts';
import { stateLength } from './ets-model.ts';
import type { EtsSpec } from './ets-model.ts';
import { EtsState } from './ets-recursion.ts';
import { ETS_MAX_SEASON, selectEts } from './ets-select.ts';
import { planOrigins } from './forecast-origins.ts';
import { readChoice, readFinite, readFiniteArray, readInteger, readRecord } from './json-fields.ts';
import type { SeasonalAdjustment } from './seasonal-adjustment.ts';
import { seasonalAdjustmentFromJSON } from './seasonal-adjustment-json.ts';
import type { ClassicalFit, ClassicalJSON } from './types.ts';

/** Forecasts with a fixed model from the given origins, one pass of the filter over y. */
export function etsForecastFrom(
  model: EtsModelFit,
  adjustment: SeasonalAdjustment | null,
  y: Float64Array,
  origins: ArrayLike<number>,
  steps: number,
): Float64Array {
  const plan = planOrigins(y, origins, steps);
  const out = new Float64Array(plan.origins.length * steps);
  const state = new EtsState(model.spec);
  state.setSmoothing(model.smoothing);
  state.load(model.initialState);
  let t = 0;
  for (let j = 0; j < plan.order.length; j++) {
    const row = plan.order[j]!;
    const s = plan.origins[row]!;
    for (; t < s; t++) state.update(adjustment ? adjustment.remove(y[t]!, t) : y[t]!);
    const offset = row * steps;
    state.forecast(out, offset, steps);
    let finite = true;
    for (let k = 0; k < steps; k++) {
      if (adjustment) out[offset + k] = adjustment.restore(out[offset + k]!, s + k);
      if (!Number.isFinite(out[offset + k])) finite = false;
    }
    // Safety net: a multiplicative model driven through values ≤ 0 after the fit can overflow.
    if (!finite) out.fill(y[s - 1]!, offset, offset + steps);
  }
  return out;
}

function build(model: EtsModelFit, adjustment: SeasonalAdjustment | null, note: string): ClassicalFit {
  return {
    method: 'ets',
    describe: () => `${describeEtsModel(model)}${note ? ` [${note}]` : ''}`,
    forecastFrom: (y, origins, steps) => etsForecastFrom(model, adjustment, y, origins, steps),
    toJSON: (): ClassicalJSON => ({
      method: 'ets',
      error: model.spec.error,
      trend: model.spec.trend,
      season: model.spec.season,
      m: model.spec.m,
      alpha: model.smoothing.alpha,
      beta: model.smoothing.beta,
      gamma: model.smoothing.gamma,
      phi: model.smoothing.phi,
      initialState: Array.from(model.initialState),
      criterion: model.criterion,
      parameterCount: model.parameterCount,
      aic: model.aic,
      aicc: Number.isFinite(model.aicc) ? model.aicc : null,
      bic: model.bic,
      note,
      seasonal: adjustment ? adjustment.toJSON() : null,
    }),
  };
}

export function fitEts(y: Float64Array, seasonLength: number): ClassicalFit {
  const selection = selectEts(y, seasonLength);
  return build(selection.model, selection.adjustment, selection.note);
}

export function etsFromJSON(json: ClassicalJSON): ClassicalFit {
  const error = readChoice(json, 'error', ['A', 'M'] as const);
  const trend = readChoice(json, 'trend', ['N', 'A', 'Ad'] as const);
  const season = readChoice(json, 'season', ['N', 'A', 'M'] as const);
  const m = readInteger(json, 'm', 1);
  if (season !== 'N' && (m < 2 || m > ETS_MAX_SEASON)) {
    throw new Error(`classical 'ets' JSON: seasonal model needs 2 ≤ m ≤ ${ETS_MAX_SEASON}, got ${m}`);
  }
  const spec: EtsSpec = { error, trend, season, m: season === 'N' ? 1 : m };
  const smoothing = {
    alpha: readFinite(json, 'alpha'),
    beta: readFinite(json, 'beta'),
    gamma: readFinite(json, 'gamma'),
    phi: readFinite(json, 'phi'),
  };
  if (!(smoothing.alpha > 0 && smoothing.alpha <= 1)) {
    throw new Error(`classical 'ets' JSON: alpha must lie in (0, 1], got ${smoothing.alpha}`);
  }
  const initialState = readFiniteArray(json, 'initialState', stateLength(spec));
  const criterion = readFinite(json, 'criterion');
  const parameterCount = readInteger(json, 'parameterCount', 1);
  const aicc = json.aicc === null ? Infinity : readFinite(json, 'aicc');
  const model: EtsModelFit = {
    spec,
    smoothing,
    initialState,
    criterion,
    parameterCount,
    aic: readFinite(json, 'aic'),
    aicc,
    bic: readFinite(json, 'bic'),
  };
  const adjustment = seasonalAdjustmentFromJSON(readRecord(json, 'seasonal', true));
  const note = typeof json.note === 'string' ? json.note : '';
  return build(model, adjustment, note);
}
