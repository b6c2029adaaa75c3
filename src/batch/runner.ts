// Runs a batch: expands jobs into series tasks, hands them to an executor (the local
// worker pool, or a BullMQ queue), and records every series as a run in SQLite — status,
// start, end, wall time, peak memory, error. One failing series never stops the others;
// an abort stops dispatching and records what never ran as cancelled.
import { basename } from 'node:path';
import type { Db } from '../store/db.ts';
import { datasetBytes, getDataset } from '../store/datasets.ts';
import { getBatchState, putBatchState } from '../store/batch-state.ts';
import { keepRunLeases } from '../store/run-leases.ts';
import { insertRun, updateRun } from '../store/runs.ts';
import { expandJobs } from './expand.ts';
import { trainGlobalJobs } from './global-jobs.ts';
import type { JobsFile } from './jobs.ts';
import type { SeriesTask, TaskOutcome } from './task.ts';

/**
 * Runs one series. An executor that holds tasks before running them (the Redis queue) uses
 * the signal to withdraw those not yet started, rejecting with a TaskWithdrawnError.
 */
export type ExecuteTask = (
  task: SeriesTask,
  onProgress?: () => void,
  signal?: AbortSignal,
) => Promise<TaskOutcome>;

/** The batch stopped before this series started: it never ran. */
export class TaskWithdrawnError extends Error {
  override readonly name = 'TaskWithdrawnError';
}

export interface BatchProgress {
  done: number;
  total: number;
  failed: number;
  /** Estimated from the pace so far; null before the first series ends. */
  etaMs: number | null;
  last: SeriesResult | null;
}

export interface SeriesResult {
  key: string;
  job: string;
  runId: number;
  status: 'succeeded' | 'skipped' | 'failed' | 'cancelled';
  trained: boolean;
  error: string | null;
  wallMs: number;
  peakHeapMb: number | null;
  metrics: TaskOutcome['metrics'];
}

export interface BatchSummary {
  results: SeriesResult[];
  failed: number;
  trained: number;
  skipped: number;
  wallMs: number;
}

export interface BatchRunOptions {
  db: Db;
  execute: ExecuteTask;
  /** Series in flight at once. */
  concurrency: number;
  /** Series in flight when every one is forecast with a trained global model (light tasks); concurrency when absent. */
  forecastConcurrency?: number;
  force?: boolean;
  /** Only these jobs (a scheduled run runs one). */
  jobs?: string[];
  signal?: AbortSignal;
  onProgress?: (progress: BatchProgress) => void;
}

export async function runBatch(file: JobsFile, options: BatchRunOptions): Promise<BatchSummary> {
  // The runs are signed by this process (insertRun); renewing their leases tells a server
  // starting on the same SQLite file that they are alive, so it leaves them be.
  const heartbeat = keepRunLeases(options.db);
  try {
    return await runBatchSeries(file, options);
  } finally {
    heartbeat.stop();
  }
}

async function runBatchSeries(file: JobsFile, options: BatchRunOptions): Promise<BatchSummary> {
  const started = performance.now();
  const { db } = options;
  const only = options.jobs;
  const selected = only ? { ...file, jobs: file.jobs.filter((j) => only.includes(j.name)) } : file;
  const expanded = await expandJobs(selected, {
    force: options.force ?? false,
    datasetBytes: (id) => {
      const row = getDataset(db, id);
      const bytes = row && datasetBytes(db, id);
      return row && bytes && { name: row.name, bytes };
    },
  });
  const trained = await trainGlobalJobs(expanded.tasks, options.signal);
  const tasks = trained.tasks.map(({ model: _, ...task }) => task);
  const problems = [...expanded.problems, ...trained.problems];
  const results: SeriesResult[] = [];
  const total = tasks.length + problems.length;
  const report = (r: SeriesResult) => {
    results.push(r);
    const elapsed = performance.now() - started;
    const done = results.length;
    options.onProgress?.({
      done,
      total,
      failed: results.filter((x) => x.status === 'failed').length,
      etaMs: done < total ? (elapsed / done) * (total - done) : 0,
      last: r,
    });
  };
  for (const p of problems) {
    const runId = insertRun(db, { kind: 'batch', status: 'failed', job: p.job, series: '', target: null }).id;
    updateRun(db, runId, { error: p.error, finishedAt: new Date().toISOString() });
    report({
      key: p.job,
      job: p.job,
      runId,
      status: 'failed',
      trained: false,
      error: p.error,
      wallMs: 0,
      peakHeapMb: null,
      metrics: null,
    });
  }

  const queue = tasks.map((t): SeriesTask => {
    const previous = getBatchState(db, t.key);
    const run = insertRun(db, {
      kind: 'batch',
      job: t.job,
      series: t.key,
      target: t.ingest.target,
      options: { ...t.options, source: 'path' in t.source ? t.source.path : t.source.name },
    });
    return {
      ...t,
      previous: previous ? { fingerprint: previous.fingerprint, modelPath: previous.modelPath } : null,
      runId: run.id,
    } as SeriesTask & { runId: number };
  }) as (SeriesTask & { runId: number })[];

  const lane = async (): Promise<void> => {
    for (let task = queue.shift(); task; task = queue.shift()) {
      if (options.signal?.aborted) {
        report(cancelled(db, task));
        continue;
      }
      report(await runOne(db, task, options.execute, options.signal));
    }
  };
  const lanes =
    tasks.length > 0 && tasks.every((t) => t.global !== undefined)
      ? (options.forecastConcurrency ?? options.concurrency)
      : options.concurrency;
  await Promise.all(Array.from({ length: Math.max(1, Math.min(lanes, tasks.length)) }, lane));
  return {
    results,
    failed: results.filter((r) => r.status === 'failed').length,
    trained: results.filter((r) => r.trained).length,
    skipped: results.filter((r) => r.status === 'skipped').length,
    wallMs: performance.now() - started,
  };
}

/** Records a series the batch stopped before it ran. */
function cancelled(db: Db, task: SeriesTask & { runId: number }): SeriesResult {
  updateRun(db, task.runId, {
    status: 'cancelled',
    error: 'the batch was stopped before this series ran',
    finishedAt: new Date().toISOString(),
  });
  return {
    key: task.key,
    job: task.job,
    runId: task.runId,
    status: 'cancelled',
    trained: false,
    error: 'stopped before it ran',
    wallMs: 0,
    peakHeapMb: null,
    metrics: null,
  };
}

async function runOne(
  db: Db,
  task: SeriesTask & { runId: number },
  execute: ExecuteTask,
  signal: AbortSignal | undefined,
): Promise<SeriesResult> {
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  updateRun(db, task.runId, { status: 'running', startedAt });
  const { runId, ...plain } = task;
  try {
    const outcome = await execute(plain, undefined, signal);
    updateRun(db, runId, {
      status: outcome.status,
      finishedAt: new Date().toISOString(),
      wallMs: outcome.wallMs,
      peakMemoryMb: outcome.peakHeapMb,
    });
    if (outcome.status === 'succeeded')
      putBatchState(db, {
        key: task.key,
        job: task.job,
        fingerprint: outcome.fingerprint,
        modelPath: outcome.modelPath,
        forecastPath: outcome.forecastPath,
      });
    return {
      key: task.key,
      job: task.job,
      runId,
      status: outcome.status,
      trained: outcome.trained,
      error: null,
      wallMs: outcome.wallMs,
      peakHeapMb: outcome.peakHeapMb,
      metrics: outcome.metrics,
    };
  } catch (e) {
    if (e instanceof TaskWithdrawnError) return cancelled(db, task);
    const error = (e as Error).message;
    updateRun(db, runId, {
      status: 'failed',
      error,
      finishedAt: new Date().toISOString(),
      wallMs: performance.now() - t0,
    });
    return {
      key: task.key,
      job: task.job,
      runId,
      status: 'failed',
      trained: false,
      error,
      wallMs: performance.now() - t0,
      peakHeapMb: null,
      metrics: null,
    };
  }
}

/** "stocks/stocks.csv/MSFT" → "MSFT"-style short label for tables. */
export function seriesLabel(key: string): string {
  return basename(key);
}
