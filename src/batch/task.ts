// One series of a batch job, the unit every mode runs (the local pool, a BullMQ worker on
// another machine): read the series, skip it when its data and config are unchanged,
// otherwise fit (or reuse the last model), forecast, score beside the baselines, and write
// the outputs atomically. Plain data in, plain data out, so it can cross threads and Redis.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import {
  DataError,
  evaluate,
  fit,
  forecast,
  forecastCsv,
  forecastRows,
  ingestCsv,
  loadModel,
  saveModel,
} from '../forecaster.ts';
import type { ForecastModel, ForecastOptions, TimeSeries } from '../forecaster.ts';
import { writeFileAtomic } from '../files/atomic-write.ts';
import { forecastWithGlobal } from './global-task.ts';

export interface SeriesTask {
  /** Stable across runs: the key of the rerun state. */
  key: string;
  job: string;
  /** Absolute CSV path, or the CSV itself for a stored dataset. */
  source: { path: string } | { name: string; bytes: Uint8Array };
  seriesId: string;
  ingest: {
    target: string;
    time?: string;
    id?: string;
    features: string[];
    future?: string[];
    /** Static columns, read by a `model: global` job's network. */
    statics?: string[];
  };
  options: ForecastOptions;
  mode: 'refit' | 'reuse';
  output: {
    dir: string;
    stem: string;
    format: 'csv' | 'json';
    /** CSV columns: both intervals (lo_80…hi_95), or the legacy lower,upper of the 95 % one. */
    intervals: 'both' | 'legacy';
    keepModel: boolean;
  };
  force: boolean;
  /** What the last successful run of this key left, if anything. */
  previous: { fingerprint: string; modelPath: string | null } | null;
  /** A job with `model: global`: the global model this series is forecast with (global-jobs.ts). */
  global?: { modelPath: string; modelHash: string };
}

export interface TaskOutcome {
  key: string;
  status: 'succeeded' | 'skipped';
  /** Whether a network was trained this time. */
  trained: boolean;
  fingerprint: string;
  modelPath: string | null;
  forecastPath: string;
  metrics: { mase: number; smape: number; naiveMase: number; skillVsNaive: number } | null;
  wallMs: number;
  peakHeapMb: number;
}

export function outputPaths(task: SeriesTask): { forecast: string; metrics: string; model: string } {
  const base = join(task.output.dir, task.output.stem);
  return {
    forecast: `${base}.forecast.${task.output.format}`,
    metrics: `${base}.metrics.json`,
    model: `${base}.model.json`,
  };
}

export async function readSeries(
  task: Pick<SeriesTask, 'source' | 'seriesId' | 'ingest'>,
): Promise<TimeSeries> {
  const input = 'path' in task.source ? task.source.path : Buffer.from(task.source.bytes);
  const file = 'path' in task.source ? task.source.path : task.source.name;
  const { series } = await ingestCsv(input, { file, ...task.ingest });
  const chosen = task.seriesId === '' ? series[0] : series.find((s) => s.id === task.seriesId);
  if (!chosen || (task.seriesId === '' && series.length > 1))
    throw new DataError(
      `series "${task.seriesId}" not found (series: ${series.map((s) => s.id).join(', ')})`,
      { file, hint: 'Name one of the listed series in the job, or leave it out to run them all.' },
    );
  return chosen;
}

/** Data and everything that shapes the model: unchanged means the last outputs still hold. */
export function taskFingerprint(
  task: Pick<SeriesTask, 'options' | 'mode' | 'output' | 'ingest' | 'global'>,
  series: TimeSeries,
): string {
  const hash = createHash('sha256');
  hash.update(
    JSON.stringify({
      options: task.options,
      mode: task.mode,
      output: task.output,
      ingest: task.ingest,
      ...(task.global ? { global: task.global.modelHash } : {}),
    }),
  );
  hash.update(new Uint8Array(series.time.buffer, series.time.byteOffset, series.time.byteLength));
  for (const values of [series.values, ...series.features.map((f) => f.values)])
    hash.update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  return hash.digest('hex');
}

export async function runSeriesTask(task: SeriesTask, onEpoch?: () => void): Promise<TaskOutcome> {
  const started = performance.now();
  let peakHeap = getHeapStatistics().used_heap_size;
  const sample = () => {
    peakHeap = Math.max(peakHeap, getHeapStatistics().used_heap_size);
    onEpoch?.();
  };
  const series = await readSeries(task);
  const fingerprint = taskFingerprint(task, series);
  const paths = outputPaths(task);
  const finish = (o: Omit<TaskOutcome, 'key' | 'fingerprint' | 'wallMs' | 'peakHeapMb'>): TaskOutcome => ({
    ...o,
    key: task.key,
    fingerprint,
    wallMs: performance.now() - started,
    peakHeapMb: peakHeap / 2 ** 20,
  });

  if (!task.force && task.previous?.fingerprint === fingerprint && existsSync(paths.forecast)) {
    return finish({
      status: 'skipped',
      trained: false,
      modelPath: task.previous.modelPath,
      forecastPath: paths.forecast,
      metrics: null,
    });
  }
  if (task.global) {
    const outcome = await forecastWithGlobal(task, task.global.modelPath, series, paths);
    if (outcome) {
      sample();
      return finish(outcome);
    }
  }
  const reusable =
    task.mode === 'reuse' && !task.force && task.previous?.modelPath && existsSync(task.previous.modelPath)
      ? task.previous.modelPath
      : null;
  const model: ForecastModel = reusable
    ? await loadModel(reusable)
    : await fit(series, task.options, { onEpoch: sample });
  const future = forecast(model, series);
  await writeFileAtomic(
    paths.forecast,
    task.output.format === 'csv'
      ? forecastCsv(future, series, { intervals: task.output.intervals })
      : `${JSON.stringify({ kind: future.kind, rows: forecastRows(future) }, null, 2)}\n`,
  );
  // Null when the series was too short to hold a test split out; the leaderboard says what validation chose.
  const evaluation = evaluate(model, series);
  const { leaderboard } = model;
  await writeFileAtomic(
    paths.metrics,
    `${JSON.stringify({ key: task.key, trained: reusable === null, kept: leaderboard.kept, leaderboard, evaluation }, null, 2)}\n`,
  );
  // A reuse job needs its model next time, so it keeps it whatever keepModel says.
  const keep = task.output.keepModel || task.mode === 'reuse';
  if (keep && reusable === null) await saveModel(model, paths.model);
  sample();
  return finish({
    status: 'succeeded',
    trained: reusable === null,
    modelPath: keep ? (reusable ?? paths.model) : null,
    forecastPath: paths.forecast,
    metrics: evaluation && {
      mase: evaluation.model.mase,
      smape: evaluation.model.smape,
      naiveMase: evaluation.baselines.naive.mase,
      skillVsNaive: evaluation.skillVsNaive,
    },
  });
}
