// The M4 Theta benchmark ("Benchmarks and Evaluation.R", Theta.classic, the method of
// Assimakopoulos & Nikolopoulos 2000): seasonally adjust (M4 test + classical multiplicative
// decomposition), fit the straight line L_t (theta = 0 line) by least squares on t = 1 … n,
// smooth the theta = 2 line 2·y_t − L_t by SES (α and ℓ_0 by least squares, as R's ses), and
// forecast ½·SES + ½·L extrapolated, negative forecasts raised to zero, reseasonalised.
//
// At a later origin s the line, α, ℓ_0 and the seasonal indices stay as fitted; only the SES
// level is re-run through the theta line up to s. Deviation from M4 for data with a value ≤ 0
// (which M4 never has): forecasts are not raised to zero there, since a negative series'
// forecasts should be negative.

import { readBoolean, readFinite, readRecord } from './json-fields.ts';
import { planOrigins } from './forecast-origins.ts';
import { fitLine } from './linear-trend.ts';
import type { Line } from './linear-trend.ts';
import { chooseSeasonalAdjustment } from './seasonal-adjustment.ts';
import type { SeasonalAdjustment } from './seasonal-adjustment.ts';
import { seasonalAdjustmentFromJSON } from './seasonal-adjustment-json.ts';
import { fitSes, sesLevels, SES_ALPHA_LOWER, SES_ALPHA_UPPER } from './ses-fit.ts';
import type { SesParameters } from './ses-fit.ts';
import type { ClassicalFit, ClassicalJSON } from './types.ts';

export interface ThetaParameters {
  readonly line: Line;
  readonly ses: SesParameters;
  readonly adjustment: SeasonalAdjustment | null;
  /** Raise negative forecasts to zero (M4 does; we do only for positive data). */
  readonly clipAtZero: boolean;
}

/** The theta = 2 line 2·x_t − L_t of the (adjusted) values x[0 .. length). */
export function thetaLine(x: Float64Array, line: Line, length = x.length): Float64Array {
  const z = new Float64Array(length);
  for (let t = 0; t < length; t++) z[t] = 2 * x[t]! - (line.intercept + line.slope * (t + 1));
  return z;
}

/** Forecasts from the given origins with fixed theta parameters. */
export function thetaForecastFrom(
  params: ThetaParameters,
  y: Float64Array,
  origins: ArrayLike<number>,
  steps: number,
): Float64Array {
  const plan = planOrigins(y, origins, steps);
  const { line, adjustment } = params;
  const x = adjustment ? adjustment.adjust(y, plan.last) : y;
  const z = thetaLine(x, line, plan.last);
  const sorted = Int32Array.from(plan.order, (row) => plan.origins[row]!);
  const levels = sesLevels(z, params.ses, sorted);
  const out = new Float64Array(plan.origins.length * steps);
  for (let j = 0; j < plan.order.length; j++) {
    const row = plan.order[j]!;
    const s = plan.origins[row]!;
    for (let k = 0; k < steps; k++) {
      let f = 0.5 * levels[j]! + 0.5 * (line.intercept + line.slope * (s + k + 1));
      if (params.clipAtZero && f < 0) f = 0;
      out[row * steps + k] = adjustment ? adjustment.restore(f, s + k) : f;
    }
  }
  return out;
}

function build(params: ThetaParameters, note: string): ClassicalFit {
  const { line, ses } = params;
  return {
    method: 'theta',
    describe: () =>
      `Theta (M4) α=${ses.alpha.toFixed(4)} trend ${line.intercept.toPrecision(6)} ${line.slope < 0 ? '−' : '+'} ` +
      `${Math.abs(line.slope).toPrecision(4)}·t (${note})`,
    forecastFrom: (y, origins, steps) => thetaForecastFrom(params, y, origins, steps),
    toJSON: (): ClassicalJSON => ({
      method: 'theta',
      intercept: line.intercept,
      slope: line.slope,
      alpha: ses.alpha,
      initialLevel: ses.initialLevel,
      clipAtZero: params.clipAtZero,
      seasonal: params.adjustment ? params.adjustment.toJSON() : null,
    }),
  };
}

/** Fits the M4 Theta method to y with season length m. */
export function fitThetaParameters(
  y: Float64Array,
  seasonLength: number,
): { params: ThetaParameters; note: string } {
  const choice = chooseSeasonalAdjustment(y, seasonLength);
  const x = choice.adjustment ? choice.adjustment.adjust(y) : y;
  const line = fitLine(x);
  const ses = fitSes(thetaLine(x, line));
  let positive = true;
  for (let t = 0; t < y.length; t++) if (!(y[t]! > 0)) positive = false;
  const params: ThetaParameters = { line, ses, adjustment: choice.adjustment, clipAtZero: positive };
  return { params, note: choice.note };
}

export function fitTheta(y: Float64Array, seasonLength: number): ClassicalFit {
  const { params, note } = fitThetaParameters(y, seasonLength);
  return build(params, note);
}

export function thetaFromJSON(json: ClassicalJSON): ClassicalFit {
  const alpha = readFinite(json, 'alpha');
  if (alpha < SES_ALPHA_LOWER || alpha > SES_ALPHA_UPPER) {
    throw new Error(
      `classical 'theta' JSON: alpha ${alpha} outside [${SES_ALPHA_LOWER}, ${SES_ALPHA_UPPER}]`,
    );
  }
  const adjustment = seasonalAdjustmentFromJSON(readRecord(json, 'seasonal', true));
  const params: ThetaParameters = {
    line: { intercept: readFinite(json, 'intercept'), slope: readFinite(json, 'slope') },
    ses: { alpha, initialLevel: readFinite(json, 'initialLevel') },
    adjustment,
    clipAtZero: readBoolean(json, 'clipAtZero'),
  };
  return build(params, adjustment ? adjustment.describe() : 'non-seasonal');
}
