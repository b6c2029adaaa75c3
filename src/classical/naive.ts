// Naive: every future value equals the last observed one (the random walk forecast).

import { planOrigins } from './forecast-origins.ts';
import type { ClassicalFit, ClassicalJSON } from './types.ts';

export function fitNaive(): ClassicalFit {
  return {
    method: 'naive',
    describe: () => 'Naive (last value)',
    forecastFrom(y, origins, steps) {
      const plan = planOrigins(y, origins, steps);
      const out = new Float64Array(plan.origins.length * steps);
      for (let i = 0; i < plan.origins.length; i++)
        out.fill(y[plan.origins[i]! - 1]!, i * steps, (i + 1) * steps);
      return out;
    },
    toJSON: (): ClassicalJSON => ({ method: 'naive' }),
  };
}
