// What the last successful run of each batch series produced: the fingerprint of its data
// and config, and its files. A rerun with the same fingerprint is skipped.
import type { Db } from './db.ts';

export interface BatchState {
  key: string;
  job: string;
  fingerprint: string;
  modelPath: string | null;
  forecastPath: string;
  updatedAt: string;
}

export function getBatchState(db: Db, key: string): BatchState | undefined {
  const r = db
    .prepare(
      'SELECT key, job, fingerprint, model_path, forecast_path, updated_at FROM batch_state WHERE key = ?',
    )
    .get(key) as
    | {
        key: string;
        job: string;
        fingerprint: string;
        model_path: string | null;
        forecast_path: string;
        updated_at: string;
      }
    | undefined;
  return (
    r && {
      key: r.key,
      job: r.job,
      fingerprint: r.fingerprint,
      modelPath: r.model_path,
      forecastPath: r.forecast_path,
      updatedAt: r.updated_at,
    }
  );
}

export function putBatchState(db: Db, s: Omit<BatchState, 'updatedAt'>): void {
  db.prepare(`INSERT INTO batch_state (key, job, fingerprint, model_path, forecast_path, updated_at) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (key) DO UPDATE SET job = excluded.job, fingerprint = excluded.fingerprint, model_path = excluded.model_path,
    forecast_path = excluded.forecast_path, updated_at = excluded.updated_at`).run(
    s.key,
    s.job,
    s.fingerprint,
    s.modelPath,
    s.forecastPath,
    new Date().toISOString(),
  );
}
