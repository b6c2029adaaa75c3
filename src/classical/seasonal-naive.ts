// Seasonal naive: each future value equals the value one season earlier. With m < 2, or fewer
// than m values at fit time, it is the naive forecast (and says so); an origin with fewer than
// m past values also gets the naive forecast.

import { readInteger } from './json-fields.ts';
import { planOrigins } from './forecast-origins.ts';
import type { ClassicalFit, ClassicalJSON } from './types.ts';

function build(seasonLength: number, note: string): ClassicalFit {
  const m = seasonLength;
  return {
    method: 'seasonal-naive',
    describe: () => (m >= 2 ? `Seasonal naive (m=${m})` : `Seasonal naive: naive forecast (${note})`),
    forecastFrom(y, origins, steps) {
      const plan = planOrigins(y, origins, steps);
      const out = new Float64Array(plan.origins.length * steps);
      for (let i = 0; i < plan.origins.length; i++) {
        const s = plan.origins[i]!;
        for (let k = 0; k < steps; k++) {
          out[i * steps + k] = m >= 2 && s >= m ? y[s - m + (k % m)]! : y[s - 1]!;
        }
      }
      return out;
    },
    toJSON: (): ClassicalJSON => ({ method: 'seasonal-naive', seasonLength: m }),
  };
}

export function fitSeasonalNaive(y: Float64Array, seasonLength: number): ClassicalFit {
  if (!(seasonLength >= 2)) return build(1, 'm<2');
  if (y.length < seasonLength) return build(1, `fewer than m=${seasonLength} values`);
  return build(seasonLength, '');
}

export function seasonalNaiveFromJSON(json: ClassicalJSON): ClassicalFit {
  const m = readInteger(json, 'seasonLength', 1);
  return build(m, 'm<2');
}
