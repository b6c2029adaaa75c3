// Forecasts made with a stored model, recorded as they are made (nothing reads them back yet).
import type { ForecastRow } from '../forecast/future.ts';
import type { Db } from './db.ts';

export function insertForecast(db: Db, modelId: number, rows: ForecastRow[]): number {
  const { lastInsertRowid } = db
    .prepare('INSERT INTO forecasts (model_id, steps, rows, created_at) VALUES (?, ?, ?, ?)')
    .run(modelId, rows.length, JSON.stringify(rows), new Date().toISOString());
  return Number(lastInsertRowid);
}
