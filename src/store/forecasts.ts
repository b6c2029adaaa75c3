// Forecasts made with a stored model, kept so they can be listed and downloaded again.
import type { ForecastRow } from '../forecast/future.ts';
import type { Db } from './db.ts';

export function insertForecast(db: Db, modelId: number, rows: ForecastRow[]): number {
  const { lastInsertRowid } = db
    .prepare('INSERT INTO forecasts (model_id, steps, rows, created_at) VALUES (?, ?, ?, ?)')
    .run(modelId, rows.length, JSON.stringify(rows), new Date().toISOString());
  return Number(lastInsertRowid);
}

export function latestForecast(db: Db, modelId: number): ForecastRow[] | undefined {
  const r = db
    .prepare('SELECT rows FROM forecasts WHERE model_id = ? ORDER BY id DESC LIMIT 1')
    .get(modelId) as { rows: string } | undefined;
  return r && (JSON.parse(r.rows) as ForecastRow[]);
}
