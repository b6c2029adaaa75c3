// Random walk with drift: the last value plus h times the average step of the history before
// the origin, (y[s−1] − y[0]) / (s − 1). With a single past value the drift is zero.

import { planOrigins } from './forecast-origins.ts';
import type { ClassicalFit, ClassicalJSON } from './types.ts';

export function fitDrift(): ClassicalFit {
  return {
    method: 'drift',
    describe: () => 'Drift (random walk with drift)',
    forecastFrom(y, origins, steps) {
      const plan = planOrigins(y, origins, steps);
      const out = new Float64Array(plan.origins.length * steps);
      for (let i = 0; i < plan.origins.length; i++) {
        const s = plan.origins[i]!;
        const slope = s > 1 ? (y[s - 1]! - y[0]!) / (s - 1) : 0;
        for (let k = 0; k < steps; k++) out[i * steps + k] = y[s - 1]! + (k + 1) * slope;
      }
      return out;
    },
    toJSON: (): ClassicalJSON => ({ method: 'drift' }),
  };
}
