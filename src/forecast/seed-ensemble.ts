// A seed ensemble of one RNN candidate: the same configuration trained from k seeds, the
// median of their forecasts as the forecast. A network's forecast depends on its random
// start; the median of a few is steadier, which is what ES-RNN and N-BEATS did. It joins
// the pool as one more candidate, so it is kept only where validation says it pays.
import { combine } from './combination.ts';
import type { ForecastConfig } from './config.ts';
import type { FittedForecaster } from './contract.ts';
import type { RnnForecaster } from './rnn-forecaster.ts';

/** The seeds after the first: seed + 1, seed + 2, …, so the ensemble is as reproducible as one fit. */
function extraSeeds(config: ForecastConfig, count: number): ForecastConfig[] {
  return Array.from({ length: Math.max(0, count - 1) }, (_, i) => ({
    ...config,
    training: { ...config.training, seed: config.training.seed + i + 1 },
  }));
}

export function seedEnsembleName(rnn: RnnForecaster, seeds: number): string {
  return `median of ${seeds} seeds of ${rnn.name}`;
}

/** Fits the extra seeds (all at once when `parallel`, each on its own worker) and combines them with `first`. */
export async function fitSeedEnsemble(
  first: RnnForecaster,
  seeds: number,
  fitOne: (config: ForecastConfig) => Promise<RnnForecaster>,
  parallel: boolean,
): Promise<FittedForecaster> {
  const configs = extraSeeds(first.core.config, seeds);
  const others: RnnForecaster[] = [];
  if (parallel) others.push(...(await Promise.all(configs.map(fitOne))));
  else for (const config of configs) others.push(await fitOne(config));
  return combine([first, ...others], seedEnsembleName(first, seeds));
}
