// The RNN alone, read off auto mode's pool instead of fitted again. `fit(series, { candidates:
// ['rnn'] })` fits the very networks auto fits (same config, split and seeds; a candidate's
// fit does not depend on the rest of the pool), keeps the best-scoring one (no combination:
// one family) and refits it on all the data. So the best RNN of auto's scored pool, refitted,
// with intervals calibrated on its own validation errors, is that model, at the cost of one
// refit instead of every network again. bench/M4.md checks the two give the same forecasts.
import { performance } from 'node:perf_hooks';
import { forecast } from '../src/forecaster.ts';
import type { ForecastModel, TimeSeries } from '../src/forecaster.ts';
import { fitConformalWidths } from '../src/forecast/intervals.ts';
import type { RnnForecaster } from '../src/forecast/rnn-forecaster.ts';
import type { ScoredPool } from '../src/forecast/score-pool.ts';
import { rankEntries } from '../src/forecast/select.ts';
import type { M4Result, M4Task } from './m4-run.ts';

/** What identifies the RNN-alone task an auto task also answers. */
export type CompanionTask = Pick<M4Task, 'key' | 'variant' | 'method' | 'freq' | 'id'>;

export async function rnnAloneFromPool(
  series: TimeSeries,
  auto: ForecastModel,
  pool: ScoredPool,
  task: CompanionTask,
): Promise<M4Result> {
  const best = rankEntries(pool.scored).find((s) => s.forecaster.kind === 'rnn');
  if (!best)
    return {
      ...task,
      ok: false,
      seconds: 0,
      warnings: [],
      error: "auto's pool held no RNN candidate",
      finishedAt: new Date().toISOString(),
    };
  const started = performance.now();
  const final = await best.forecaster.refit(series, {});
  const model: ForecastModel = {
    ...auto,
    heldOut: best.forecaster,
    final,
    intervals: fitConformalWidths(pool.validation.actual, best.predicted, pool.config.horizonSteps),
  };
  const future = forecast(model, series);
  const networks = pool.scored.filter((s) => s.forecaster.kind === 'rnn');
  return {
    ...task,
    ok: future.forecast.every(Number.isFinite),
    forecast: Array.from(future.forecast),
    bands: {
      lower80: Array.from(future.lower80),
      upper80: Array.from(future.upper80),
      lower95: Array.from(future.lower95),
      upper95: Array.from(future.upper95),
    },
    // Every network's fit plus the refit: what the RNN alone would have cost.
    seconds: networks.reduce((s, n) => s + n.fitSeconds, 0) + (performance.now() - started) / 1000,
    warnings: [...pool.notes, ...(best.forecaster as RnnForecaster).core.warnings],
    kept: best.forecaster.name,
    finishedAt: new Date().toISOString(),
  };
}
