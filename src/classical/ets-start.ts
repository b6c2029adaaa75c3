// Starting points of an ETS search: a small grid of smoothing parameters around R's initparam()
// values (the criterion often has several basins), and the first simplex steps.

import { initialSmoothing } from './ets-init.ts';
import { ETS_LOWER } from './ets-model.ts';
import type { EtsSmoothing, EtsSpec } from './ets-model.ts';

/** Starting smoothing parameters: R's initparam() values and a coarse grid around the region. */
export function startingGrid(spec: EtsSpec): EtsSmoothing[] {
  const r = initialSmoothing(spec);
  const out: EtsSmoothing[] = [r];
  const betas = spec.trend !== 'N' ? [0.05, 0.5] : [0];
  const gammas = spec.season !== 'N' ? [0.02, 0.3, 0.7] : [0];
  for (const alpha of [0.1, 0.5, 0.95]) {
    for (const b of betas) {
      for (const g of gammas) {
        const beta = spec.trend !== 'N' ? Math.max(ETS_LOWER.beta, b * alpha) : 0;
        const gamma = spec.season !== 'N' ? Math.max(ETS_LOWER.gamma, g * (1 - alpha)) : 0;
        out.push({ alpha, beta, gamma, phi: r.phi });
      }
    }
  }
  return out;
}

/** Initial simplex steps: 0.3 rad for the sin²-mapped smoothing coordinates, a tenth of each state's size. */
export function initialSteps(start: Float64Array, smoothingCount: number, scale: number): Float64Array {
  const steps = new Float64Array(start.length);
  for (let i = 0; i < start.length; i++) {
    if (i < smoothingCount) steps[i] = 0.3;
    else steps[i] = Math.max(0.1 * Math.abs(start[i]!), 0.1 * scale, 1e-8);
  }
  return steps;
}
