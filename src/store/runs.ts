// Run records: one per training (from the web app) or per series of a batch job, with
// status, timings, peak memory and the error if any, so every surface can list them. Each
// run names the process that owns it and holds a lease that process renews while alive
// (run-owner.ts, run-leases.ts), so one process never closes another's live runs.
import type { EpochRecord } from '../train/trainer.ts';
import type { Db } from './db.ts';
import { inserted } from './expect-row.ts';
import { LEASE_MS, ownerIsDead, sameOwner, THIS_PROCESS } from './run-owner.ts';
import type { RunOwner } from './run-owner.ts';

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
  /** The process that created the run; null for runs recorded before owners were. */
  owner: RunOwner | null;
  /** The owner renews this while the run is queued or running; past it, the run is abandoned. */
  leaseUntil: string | null;
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
  owner_host: string | null;
  owner_pid: number | null;
  owner_started_at: string | null;
  owner_pid_namespace: string | null;
  lease_until: string | null;
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
    owner:
      r.owner_host === null || r.owner_pid === null || r.owner_started_at === null
        ? null
        : {
            host: r.owner_host,
            pid: r.owner_pid,
            startedAt: r.owner_started_at,
            pidNamespace: r.owner_pid_namespace,
          },
    leaseUntil: r.lease_until,
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
    /** Default: this process. */
    owner?: RunOwner;
  },
): RunRow {
  const owner = r.owner ?? THIS_PROCESS;
  const now = Date.now();
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO runs (kind, status, dataset_id, target, series_id, job, options, queued_at,
        owner_host, owner_pid, owner_started_at, owner_pid_namespace, lease_until)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      r.kind,
      r.status ?? 'queued',
      r.datasetId ?? null,
      r.target ?? null,
      r.series ?? null,
      r.job ?? null,
      r.options === undefined ? null : JSON.stringify(r.options),
      new Date(now).toISOString(),
      owner.host,
      owner.pid,
      owner.startedAt,
      owner.pidNamespace,
      new Date(now + LEASE_MS).toISOString(),
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

export function updateRun(db: Db, id: number, given: RunUpdate): void {
  // The owner's word is the truth about its run: if another process wrongly closed it as
  // interrupted (its lease lapsed while the owner was busy), a later status from the owner
  // clears that error, and a run that is running again has not finished.
  const update: RunUpdate = { ...given };
  if (update.status !== undefined && update.status !== 'failed' && update.error === undefined)
    update.error = null;
  const open = update.status === 'queued' || update.status === 'running';
  const keys = (Object.keys(update) as (keyof RunUpdate)[]).filter((k) => update[k] !== undefined);
  if (keys.length === 0) return;
  const values = keys.map((k) => (k === 'history' ? JSON.stringify(update.history) : update[k]));
  const sets = keys.map((k) => `${UPDATE_COLUMNS[k]} = ?`);
  if (open && update.finishedAt === undefined) sets.push('finished_at = NULL');
  db.prepare(`UPDATE runs SET ${sets.join(', ')} WHERE id = ?`).run(
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

/**
 * The wall time of the training run that produced a model: its one measured duration, the
 * figure the runs list shows; null for a model saved outside the queue (CLI, notebooks).
 */
export function trainingWallMs(db: Db, modelId: number): number | null {
  const r = db
    .prepare("SELECT wall_ms FROM runs WHERE model_id = ? AND kind = 'train' ORDER BY id DESC LIMIT 1")
    .get(modelId) as { wall_ms: number | null } | undefined;
  return r?.wall_ms ?? null;
}

/** Queued or running runs on a dataset: while there are any, the dataset must stay. */
export function unfinishedRunsOnDataset(db: Db, datasetId: number): RunRow[] {
  return (
    db
      .prepare("SELECT * FROM runs WHERE dataset_id = ? AND status IN ('queued', 'running') ORDER BY id")
      .all(datasetId) as RawRow[]
  ).map(fromRaw);
}

/**
 * Marks as failed ("interrupted") the queued or running runs that will never finish: those
 * whose owner is dead (same host, no such process), whose lease lapsed (the owner stopped
 * renewing it: dead, or on another host and silent), or that have no owner (recorded
 * before owners were). A live process's runs — a `recurrent batch` beside the server — are
 * left alone, and so are `self`'s own. Returns how many were marked.
 *
 * @example
 * const db = openDatabase(path);
 * markInterruptedRuns(db); // at server start: close what crashed processes left open
 */
export function markInterruptedRuns(db: Db, options: { self?: RunOwner; now?: number } = {}): number {
  const self = options.self ?? THIS_PROCESS;
  const now = options.now ?? Date.now();
  const nowIso = new Date(now).toISOString();
  const open = (db.prepare("SELECT * FROM runs WHERE status IN ('queued', 'running')").all() as RawRow[]).map(
    fromRaw,
  );
  // Re-checks the lease in the UPDATE: if the owner renewed it since the SELECT, it is alive.
  const mark = db.prepare(
    `UPDATE runs SET status = 'failed', error = ?, finished_at = ?
      WHERE id = ? AND status IN ('queued', 'running') AND (lease_until IS NULL OR lease_until = ?)`,
  );
  let marked = 0;
  for (const run of open) {
    const why = abandonment(run, self, nowIso);
    if (why === null) continue;
    marked += mark.run(
      `interrupted: ${why} before this run finished`,
      nowIso,
      run.id,
      run.leaseUntil,
    ).changes;
  }
  return marked;
}

/** Why an open run will never finish, or null when its owner may still finish it. */
function abandonment(run: RunRow, self: RunOwner, nowIso: string): string | null {
  const { owner } = run;
  if (owner === null) return 'the process that ran it stopped';
  if (sameOwner(owner, self)) return null;
  const who = `process ${owner.pid} on ${owner.host}`;
  if (ownerIsDead(owner, self)) return `${who} stopped`;
  if (run.leaseUntil === null || run.leaseUntil < nowIso)
    return `${who} stopped renewing its lease (last until ${run.leaseUntil ?? 'never'})`;
  return null;
}
