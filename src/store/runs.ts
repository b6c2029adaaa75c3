// Run records: one per training (from the web app) or per series of a batch job, with
// status, timings, peak memory and the error if any, so every surface can list them.
import type { EpochRecord } from '../train/trainer.ts';
import type { Db } from './db.ts';
import { inserted } from './expect-row.ts';

/** One epoch of a run; `stage` names the candidate when auto mode fits several in turn. */
export type RunEpoch = EpochRecord & { stage?: string };

export type RunKind = 'train' | 'batch';
export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'skipped';

export interface RunRow {
  id: number;
  kind: RunKind;
  status: RunStatus;
  datasetId: number | null;
  modelId: number | null;
  target: string | null;
  series: string | null;
  job: string | null;
  options: unknown;
  history: RunEpoch[];
  error: string | null;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  wallMs: number | null;
  /** Web trainings: the server process's peak RSS; batch series: the worker's peak V8 heap. */
  peakMemoryMb: number | null;
}

interface RawRow {
  id: number;
  kind: RunKind;
  status: RunStatus;
  dataset_id: number | null;
  model_id: number | null;
  target: string | null;
  series_id: string | null;
  job: string | null;
  options: string | null;
  history: string;
  error: string | null;
  queued_at: string;
  started_at: string | null;
  finished_at: string | null;
  wall_ms: number | null;
  peak_memory_mb: number | null;
}

function fromRaw(r: RawRow): RunRow {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    datasetId: r.dataset_id,
    modelId: r.model_id,
    target: r.target,
    series: r.series_id,
    job: r.job,
    options: r.options === null ? null : JSON.parse(r.options),
    history: JSON.parse(r.history) as RunEpoch[],
    error: r.error,
    queuedAt: r.queued_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    wallMs: r.wall_ms,
    peakMemoryMb: r.peak_memory_mb,
  };
}

export function insertRun(
  db: Db,
  r: {
    kind: RunKind;
    status?: RunStatus;
    datasetId?: number | null;
    target?: string | null;
    series?: string | null;
    job?: string | null;
    options?: unknown;
  },
): RunRow {
  const { lastInsertRowid } = db
    .prepare(
      'INSERT INTO runs (kind, status, dataset_id, target, series_id, job, options, queued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(
      r.kind,
      r.status ?? 'queued',
      r.datasetId ?? null,
      r.target ?? null,
      r.series ?? null,
      r.job ?? null,
      r.options === undefined ? null : JSON.stringify(r.options),
      new Date().toISOString(),
    );
  const id = Number(lastInsertRowid);
  return inserted(getRun(db, id), `run ${id}`);
}

export interface RunUpdate {
  status?: RunStatus;
  modelId?: number | null;
  history?: RunEpoch[];
  error?: string | null;
  startedAt?: string;
  finishedAt?: string;
  wallMs?: number;
  peakMemoryMb?: number;
}

const UPDATE_COLUMNS: Record<keyof RunUpdate, string> = {
  status: 'status',
  modelId: 'model_id',
  history: 'history',
  error: 'error',
  startedAt: 'started_at',
  finishedAt: 'finished_at',
  wallMs: 'wall_ms',
  peakMemoryMb: 'peak_memory_mb',
};

export function updateRun(db: Db, id: number, update: RunUpdate): void {
  const keys = (Object.keys(update) as (keyof RunUpdate)[]).filter((k) => update[k] !== undefined);
  if (keys.length === 0) return;
  const values = keys.map((k) => (k === 'history' ? JSON.stringify(update.history) : update[k]));
  db.prepare(`UPDATE runs SET ${keys.map((k) => `${UPDATE_COLUMNS[k]} = ?`).join(', ')} WHERE id = ?`).run(
    ...(values as (string | number | null)[]),
    id,
  );
}

export function getRun(db: Db, id: number): RunRow | undefined {
  const r = db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RawRow | undefined;
  return r && fromRaw(r);
}

export function listRuns(db: Db, limit = 200): RunRow[] {
  return (db.prepare('SELECT * FROM runs ORDER BY id DESC LIMIT ?').all(limit) as RawRow[]).map(fromRaw);
}

/** Runs left queued or running by a process that died: they will never finish. */
export function markInterruptedRuns(db: Db): number {
  return db
    .prepare(
      "UPDATE runs SET status = 'failed', error = 'interrupted: the server stopped before this run finished', finished_at = ? WHERE status IN ('queued', 'running')",
    )
    .run(new Date().toISOString()).changes;
}
