// Benchmarks lift the wall-clock safety net of training (maxTrainingMs, 120 s by default),
// so that a busy machine cannot stop a fit early and change its result: training stays
// capped by work alone (maxTrainingWork), as on a quiet machine. On a quiet machine the net
// never binds on these series; under a load of 15 one hourly fit of the accuracy suite was
// cut to 4 epochs by it (2026-11-30), which is a measurement of the load, not the model.
import type { ForecastOptions } from '../src/forecaster.ts';

/** Six hours: longer than any benchmark fit, short enough to end a fit that hangs. */
export const UNBOUNDED_TRAINING_MS = 6 * 3600_000;

/**
 * @example
 * const model = await fit(series, withoutWallClockCap({ horizonSteps: 14 }));
 */
export function withoutWallClockCap<T extends Pick<ForecastOptions, 'training'>>(options: T): T {
  return { ...options, training: { ...options.training, maxTrainingMs: UNBOUNDED_TRAINING_MS } };
}
