// The network behind a model whose kept forecaster is an RNN: tests that look at weights
// or scalers reach it here, and fail plainly when a classical method was kept instead.
import type { FittedForecaster, RnnCore } from '../../src/forecaster.ts';
import { networkOf } from '../../src/forecaster.ts';

export function rnnCore(forecaster: FittedForecaster): RnnCore {
  const core = networkOf(forecaster);
  if (core === null)
    throw new Error(`expected an RNN forecaster, got ${forecaster.kind} (${forecaster.name})`);
  return core;
}
