// The M4 SES benchmark: simple exponential smoothing of the seasonally adjusted series (M4
// seasonality test + classical multiplicative decomposition), reseasonalised. Without
// seasonality it is plain SES.

import { readFinite, readRecord } from './json-fields.ts';
import { planOrigins } from './forecast-origins.ts';
import { chooseSeasonalAdjustment } from './seasonal-adjustment.ts';
import type { SeasonalAdjustment } from './seasonal-adjustment.ts';
import { seasonalAdjustmentFromJSON } from './seasonal-adjustment-json.ts';
import { fitSes, sesLevels, SES_ALPHA_LOWER, SES_ALPHA_UPPER } from './ses-fit.ts';
import type { SesParameters } from './ses-fit.ts';
import type { ClassicalFit, ClassicalJSON } from './types.ts';

function build(params: SesParameters, adjustment: SeasonalAdjustment | null, note: string): ClassicalFit {
  return {
    method: 'ses',
    describe: () => `SES α=${params.alpha.toFixed(4)} ℓ0=${params.initialLevel.toPrecision(6)} (${note})`,
    forecastFrom(y, origins, steps) {
      const plan = planOrigins(y, origins, steps);
      const z = adjustment ? adjustment.adjust(y, plan.last) : y;
      const sorted = Int32Array.from(plan.order, (row) => plan.origins[row]!);
      const levels = sesLevels(z, params, sorted);
      const out = new Float64Array(plan.origins.length * steps);
      for (let j = 0; j < plan.order.length; j++) {
        const row = plan.order[j]!;
        const s = plan.origins[row]!;
        for (let k = 0; k < steps; k++) {
          out[row * steps + k] = adjustment ? adjustment.restore(levels[j]!, s + k) : levels[j]!;
        }
      }
      return out;
    },
    toJSON: (): ClassicalJSON => ({
      method: 'ses',
      alpha: params.alpha,
      initialLevel: params.initialLevel,
      seasonal: adjustment ? adjustment.toJSON() : null,
    }),
  };
}

export function fitSesMethod(y: Float64Array, seasonLength: number): ClassicalFit {
  const choice = chooseSeasonalAdjustment(y, seasonLength);
  const z = choice.adjustment ? choice.adjustment.adjust(y) : y;
  const fit = fitSes(z);
  return build(fit, choice.adjustment, choice.note);
}

export function sesFromJSON(json: ClassicalJSON): ClassicalFit {
  const alpha = readFinite(json, 'alpha');
  if (alpha < SES_ALPHA_LOWER || alpha > SES_ALPHA_UPPER) {
    throw new Error(`classical 'ses' JSON: alpha ${alpha} outside [${SES_ALPHA_LOWER}, ${SES_ALPHA_UPPER}]`);
  }
  const initialLevel = readFinite(json, 'initialLevel');
  const adjustment = seasonalAdjustmentFromJSON(readRecord(json, 'seasonal', true));
  return build({ alpha, initialLevel }, adjustment, adjustment ? adjustment.describe() : 'non-seasonal');
}
