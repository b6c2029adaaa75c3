// Fitting the pool: every candidate on the history before validation, timed, each failure
// recorded rather than fatal (one diverging network leaves the others to choose from). The
// RNN candidates run one after the other, or each on its own worker thread when the
// caller has idle cores (hooks.parallel); the same models either way.
import type { TimeSeries } from '../data/types.ts';
import type { SplitRanges } from '../prep/split.ts';
import type { CandidatePool } from './candidates.ts';
import type { ForecastConfig } from './config.ts';
import type { FittedForecaster } from './contract.ts';
import type { FitHooks } from './fit-hooks.ts';
import { fitRnnInWorker } from './fit-in-worker.ts';
import { fitRnn, rnnCandidateName } from './rnn-forecaster.ts';
import type { RnnForecaster } from './rnn-forecaster.ts';

export interface FittedCandidate {
  forecaster: FittedForecaster;
  fitSeconds: number;
}

export interface CandidateFailure {
  name: string;
  reason: string;
}

export async function fitPool(
  series: TimeSeries,
  pool: CandidatePool,
  split: SplitRanges,
  hooks: FitHooks,
): Promise<{ fitted: FittedCandidate[]; failed: CandidateFailure[] }> {
  const fitted: FittedCandidate[] = [];
  const failed: CandidateFailure[] = [];
  for (const candidate of pool.classical) {
    const started = performance.now();
    try {
      fitted.push({
        forecaster: await candidate.fit(series, split, hooks),
        fitSeconds: secondsSince(started),
      });
    } catch (e) {
      failed.push({ name: candidate.name, reason: (e as Error).message });
    }
  }
  const settled = await settleRnnFits(series, pool.rnn, split, hooks);
  settled.forEach((result, i) => {
    if (result.status === 'fulfilled') fitted.push(result.value);
    else failed.push({ name: rnnCandidateName(pool.rnn[i]!), reason: (result.reason as Error).message });
  });
  return { fitted, failed };
}

async function settleRnnFits(
  series: TimeSeries,
  configs: readonly ForecastConfig[],
  split: SplitRanges,
  hooks: FitHooks,
): Promise<PromiseSettledResult<FittedCandidate>[]> {
  const { plan } = hooks;
  plan?.planCandidates(configs.length);
  const fitOne = async (config: ForecastConfig, i: number): Promise<FittedCandidate> => {
    const started = performance.now();
    const stage = `${i + 1}/${configs.length} ${rnnCandidateName(config)}`;
    const candidateHooks = plan
      ? plan.hooks(hooks, i, stage, config.training.patienceEpochs)
      : stageHooks(hooks, stage);
    try {
      const forecaster = await rnnFitter(hooks)(series, config, split, candidateHooks);
      return { forecaster, fitSeconds: secondsSince(started) };
    } finally {
      plan?.complete(i);
    }
  };
  if (hooks.parallel === true) return Promise.allSettled(configs.map(fitOne));
  const settled: PromiseSettledResult<FittedCandidate>[] = [];
  // After a cancel, the candidates fitted so far are all there is to choose from.
  for (let i = 0; i < configs.length && !(i > 0 && hooks.signal?.aborted); i++) {
    try {
      settled.push({ status: 'fulfilled', value: await fitOne(configs[i]!, i) });
    } catch (reason) {
      settled.push({ status: 'rejected', reason });
    }
  }
  return settled;
}

/** In-process, or on a worker thread of its own when the caller allows parallel fits. */
export function rnnFitter(
  hooks: FitHooks,
): (
  series: TimeSeries,
  config: ForecastConfig,
  split: SplitRanges,
  hooks: FitHooks,
) => Promise<RnnForecaster> {
  return hooks.parallel === true ? fitRnnInWorker : fitRnn;
}

/** Progress events of one stage of the fit carry its name. */
export function stageHooks(hooks: FitHooks, stage: string): FitHooks {
  const { onEpoch } = hooks;
  return { signal: hooks.signal, onEpoch: onEpoch && ((progress) => onEpoch({ ...progress, stage })) };
}

export function secondsSince(started: number): number {
  return (performance.now() - started) / 1000;
}
