// Families of forecasters whose errors tend to move together: the networks, the
// exponential-smoothing models, ARIMA and the simple benchmarks. The median of the best of
// each family hedges across different kinds of mistake; on M4 Hourly and Weekly pools it beat
// both the best single candidate and the median of the best three (bench/M4-selection.md).
import { CLASSICAL_FAMILIES, isClassicalMethod } from '../classical/index.ts';
import { classicalMethodOf } from './classical-forecaster.ts';
import type { FittedForecaster } from './contract.ts';

export type Family = 'network' | 'smoothing' | 'arima' | 'benchmark' | 'combination';

export function familyOf(forecaster: Pick<FittedForecaster, 'kind' | 'name'>): Family {
  if (forecaster.kind === 'rnn') return 'network';
  const method = classicalMethodOf(forecaster.name);
  if (forecaster.kind === 'classical' && isClassicalMethod(method)) return CLASSICAL_FAMILIES[method];
  return 'combination';
}

/** The first (best-ranked) of each family in `ranked`, combinations left out. */
export function bestOfEachFamily<T extends { forecaster: Pick<FittedForecaster, 'kind' | 'name'> }>(
  ranked: readonly T[],
): T[] {
  const seen = new Set<Family>(['combination']);
  return ranked.filter((entry) => {
    const family = familyOf(entry.forecaster);
    if (seen.has(family)) return false;
    seen.add(family);
    return true;
  });
}
