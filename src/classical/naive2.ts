// Naive2, the M4 yardstick: the naive forecast of the seasonally adjusted series (M4 test and
// classical multiplicative decomposition), reseasonalised.

import { readRecord } from './json-fields.ts';
import { planOrigins } from './forecast-origins.ts';
import { chooseSeasonalAdjustment } from './seasonal-adjustment.ts';
import type { SeasonalAdjustment } from './seasonal-adjustment.ts';
import { seasonalAdjustmentFromJSON } from './seasonal-adjustment-json.ts';
import type { ClassicalFit, ClassicalJSON } from './types.ts';

function build(adjustment: SeasonalAdjustment | null, note: string): ClassicalFit {
  return {
    method: 'naive2',
    describe: () => `Naive2 (naive on the seasonally adjusted series; ${note})`,
    forecastFrom(y, origins, steps) {
      const plan = planOrigins(y, origins, steps);
      const out = new Float64Array(plan.origins.length * steps);
      for (let i = 0; i < plan.origins.length; i++) {
        const s = plan.origins[i]!;
        const level = adjustment ? adjustment.remove(y[s - 1]!, s - 1) : y[s - 1]!;
        for (let k = 0; k < steps; k++)
          out[i * steps + k] = adjustment ? adjustment.restore(level, s + k) : level;
      }
      return out;
    },
    toJSON: (): ClassicalJSON => ({ method: 'naive2', seasonal: adjustment ? adjustment.toJSON() : null }),
  };
}

export function fitNaive2(y: Float64Array, seasonLength: number): ClassicalFit {
  const choice = chooseSeasonalAdjustment(y, seasonLength);
  return build(choice.adjustment, choice.note);
}

export function naive2FromJSON(json: ClassicalJSON): ClassicalFit {
  const adjustment = seasonalAdjustmentFromJSON(readRecord(json, 'seasonal', true));
  return build(adjustment, adjustment ? adjustment.describe() : 'non-seasonal');
}
