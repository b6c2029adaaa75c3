// One M4 series through the facade, as a user's forecast would be made: ingest the history,
// fit(series, options), forecast(model, series), keep the h values. Times fit + forecast
// only (not ingestion), in wall and thread-CPU seconds, and records the model's warnings
// and, when the model has one, its validation leaderboard. A fit that throws is a result
// too, recorded as failed with its message; the scorer then uses the Naive forecast for it.
import { performance } from 'node:perf_hooks';
import { fit, forecast } from '../src/forecaster.ts';
import { isScoredPool, scorePool } from '../src/forecast/score-pool.ts';
import type { ScoredPool } from '../src/forecast/score-pool.ts';
import type { ForecastOptions, TimeSeries } from '../src/forecaster.ts';
import { threadCpuSeconds } from './m4-cpu-time.ts';
import type { M4Frequency } from './m4-data.ts';
import { M4_SPEC, m4TimeSeries } from './m4-data.ts';
import { keptCandidate, plainJson } from './m4-leaderboard.ts';
import type { M4Method } from './m4-methods.ts';
import { rnnAloneFromPool } from './m4-rnn-alone.ts';
import type { CompanionTask } from './m4-rnn-alone.ts';

export interface M4Task {
  /** Journal key: method, options, series and code version (m4-journal.ts). */
  key: string;
  /** The row label in the report: the method, plus the fit season when a run compares seasons. */
  variant: string;
  method: M4Method;
  freq: M4Frequency;
  id: string;
  /** The history, as plain numbers so the task crosses to a worker thread unchanged. */
  values: number[];
  /** Everything given to fit(): horizonSteps, seasonLength, training.seed and the method's options. */
  options: Record<string, unknown>;
  /** An auto task may answer the RNN-alone task of the same series too (m4-rnn-alone.ts). */
  companion?: CompanionTask;
}

export interface M4Result {
  key: string;
  variant: string;
  method: M4Method;
  freq: M4Frequency;
  id: string;
  ok: boolean;
  /** h values when ok. */
  forecast?: number[];
  /** Wall time of fit() + forecast() (to the throw, for a failure). */
  seconds: number;
  /** CPU time of the same span on the worker's thread, when the OS tells (m4-cpu-time.ts). */
  cpuSeconds?: number;
  warnings: string[];
  /** model.leaderboard as plain JSON, when the model has one. */
  leaderboard?: unknown;
  /** The candidate the leaderboard kept (m4-leaderboard.ts). */
  kept?: string;
  error?: string;
  /** The 80 % and 95 % bands of the forecast, for coverage on the test part (m4-coverage.ts). */
  bands?: { lower80: number[]; upper80: number[]; lower95: number[]; upper95: number[] };
  /** Method `pool` only: every candidate, scored on validation, with its forecast from the end of the history. */
  candidates?: PoolCandidate[];
  /** Results of the companion tasks this task answered (journaled as their own lines). */
  companions?: M4Result[];
  /** Method `pool` only: what rebuilds the validation scorer offline (select.ts ValidationScorer). */
  validation?: { origins: number[]; seasonLength: number; trainEnd: number };
  finishedAt: string;
}

export interface PoolCandidate {
  name: string;
  kind: string;
  score: number;
  smape: number;
  mase: number;
  fitSeconds: number;
  forecast: number[];
  /** Its h-step forecasts from every validation origin, row after row. */
  predicted: number[];
}

/** What the bench reads off a model beyond the forecast; optional so a changed model shape still runs. */
interface ModelView {
  warnings?: string[];
  leaderboard?: unknown;
}

export async function runTask(task: M4Task): Promise<M4Result> {
  const base = { key: task.key, variant: task.variant, method: task.method, freq: task.freq, id: task.id };
  const h = M4_SPEC[task.freq].horizonSteps;
  let started = performance.now(),
    cpuStarted = threadCpuSeconds();
  const cpuSpent = () => {
    const now = threadCpuSeconds();
    return now === undefined || cpuStarted === undefined ? {} : { cpuSeconds: now - cpuStarted };
  };
  try {
    const series = await m4TimeSeries(task.id, task.values, task.freq);
    started = performance.now();
    cpuStarted = threadCpuSeconds();
    if (task.method === 'pool') return { ...base, ...(await poolResult(series, task)), ...cpuSpent() };
    let pool: ScoredPool | undefined;
    const model = await fit(series, task.options as unknown as ForecastOptions, {
      onScored: (scored) => {
        pool = { ...scored, scored: [...scored.scored] };
      },
    });
    const future = forecast(model, series);
    const values = Array.from(future.forecast);
    const bands = {
      lower80: Array.from(future.lower80),
      upper80: Array.from(future.upper80),
      lower95: Array.from(future.lower95),
      upper95: Array.from(future.upper95),
    };
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuSpent();
    const view = model as unknown as ModelView;
    const leaderboard = plainJson(view.leaderboard);
    const kept = keptCandidate(leaderboard);
    const problem =
      values.length !== h
        ? `forecast has ${values.length} values, not ${h}`
        : values.some((v) => !Number.isFinite(v))
          ? 'forecast has a non-finite value'
          : undefined;
    const companion =
      task.companion && pool ? await rnnAloneFromPool(series, model, pool, task.companion) : undefined;
    return {
      ...base,
      ...(companion ? { companions: [companion] } : {}),
      ok: problem === undefined,
      ...(problem === undefined ? { forecast: values, bands } : { error: problem }),
      seconds,
      ...cpu,
      warnings: [...(view.warnings ?? [])],
      ...(leaderboard === undefined ? {} : { leaderboard }),
      ...(kept === undefined ? {} : { kept }),
      finishedAt: new Date().toISOString(),
    };
  } catch (e) {
    return {
      ...base,
      ok: false,
      seconds: (performance.now() - started) / 1000,
      ...cpuSpent(),
      warnings: [],
      error: `${(e as Error).name}: ${(e as Error).message}`,
      finishedAt: new Date().toISOString(),
    };
  }
}

/** Every candidate of auto's pool, each forecasting h steps from the end of the history; `forecast` is the validation winner's. */
async function poolResult(
  series: TimeSeries,
  task: M4Task,
): Promise<Omit<M4Result, keyof M4Task | 'method'>> {
  const started = performance.now();
  const pool = await scorePool(series, task.options as unknown as ForecastOptions);
  if (!isScoredPool(pool)) throw new Error(`too short to validate: ${pool.notes.join('; ')}`);
  const n = series.values.length;
  const h = M4_SPEC[task.freq].horizonSteps;
  const candidates = pool.scored
    .map((c) => ({
      name: c.forecaster.name,
      kind: c.forecaster.kind,
      score: c.score,
      smape: c.smape,
      mase: c.mase,
      fitSeconds: c.fitSeconds,
      forecast: Array.from(c.forecaster.forecastFrom(pool.columns, [n], h)),
      predicted: Array.from(c.predicted, (v) => Number(v.toPrecision(7))),
    }))
    .sort((a, b) => a.score - b.score);
  return {
    ok: true,
    forecast: candidates[0]!.forecast,
    candidates,
    validation: {
      origins: Array.from(pool.validation.origins),
      seasonLength: pool.config.seasonLength,
      trainEnd: pool.split.train[1],
    },
    seconds: (performance.now() - started) / 1000,
    warnings: pool.notes,
    finishedAt: new Date().toISOString(),
  };
}

/** A task that produced no result: what the journal and the scorer record (scored as Naive). */
export function failedResult(task: M4Task, reason: string): M4Result {
  const { key, variant, method, freq, id } = task;
  return {
    key,
    variant,
    method,
    freq,
    id,
    ok: false,
    seconds: 0,
    warnings: [],
    error: reason,
    finishedAt: new Date().toISOString(),
  };
}
