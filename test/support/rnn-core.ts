// The network behind a model whose kept forecaster is an RNN: tests that look at weights
// or scalers reach it here, and fail plainly when a classical method was kept instead.
import type { FittedForecaster } from '../../src/forecast/contract.ts';
import type { RnnCore, RnnForecaster } from '../../src/forecast/rnn-forecaster.ts';

export function rnnCore(forecaster: FittedForecaster): RnnCore {
  if (forecaster.kind !== 'rnn')
    throw new Error(`expected an RNN forecaster, got ${forecaster.kind} (${forecaster.name})`);
  return (forecaster as RnnForecaster).core;
}
