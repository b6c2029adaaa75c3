// Datasets in SQLite: the raw CSV bytes as uploaded (so nothing is written to disk and any
// view can be recomputed) and the validation report ingestion produced.
import { createHash } from 'node:crypto';
import type { ValidationReport } from '../data/types.ts';
import type { Db } from './db.ts';
import { inserted } from './expect-row.ts';

export type DatasetSource = 'bundled' | 'uploaded';

export interface DatasetRow {
  id: number;
  name: string;
  source: DatasetSource;
  size: number;
  sha256: string;
  report: ValidationReport;
  createdAt: string;
}

interface RawRow {
  id: number;
  name: string;
  source: DatasetSource;
  size: number;
  sha256: string;
  report: string;
  created_at: string;
}

const COLUMNS = 'id, name, source, size, sha256, report, created_at';

function fromRaw(r: RawRow): DatasetRow {
  return {
    id: r.id,
    name: r.name,
    source: r.source,
    size: r.size,
    sha256: r.sha256,
    report: withReportDefaults(JSON.parse(r.report) as Partial<ValidationReport>),
    createdAt: r.created_at,
  };
}

// Reports stored before notes and id proposals existed read as having none.
function withReportDefaults(report: Partial<ValidationReport>): ValidationReport {
  return { notes: [], idCandidates: [], idProposed: false, ...report } as ValidationReport;
}

/** `sha256`: the bytes' checksum when the caller has it already (computed off the event loop). */
export function insertDataset(
  db: Db,
  d: { name: string; source: DatasetSource; bytes: Buffer; report: ValidationReport; sha256?: string },
): DatasetRow {
  const sha256 = d.sha256 ?? createHash('sha256').update(d.bytes).digest('hex');
  const createdAt = new Date().toISOString();
  const { lastInsertRowid } = db
    .prepare(
      'INSERT INTO datasets (name, source, bytes, size, sha256, report, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    .run(d.name, d.source, d.bytes, d.bytes.length, sha256, JSON.stringify(d.report), createdAt);
  const id = Number(lastInsertRowid);
  return inserted(getDataset(db, id), `dataset ${id}`);
}

export function listDatasets(db: Db): DatasetRow[] {
  return (db.prepare(`SELECT ${COLUMNS} FROM datasets ORDER BY source, name, id`).all() as RawRow[]).map(
    fromRaw,
  );
}

export function getDataset(db: Db, id: number): DatasetRow | undefined {
  const r = db.prepare(`SELECT ${COLUMNS} FROM datasets WHERE id = ?`).get(id) as RawRow | undefined;
  return r && fromRaw(r);
}

export function findBundledDataset(db: Db, name: string): DatasetRow | undefined {
  const r = db.prepare(`SELECT ${COLUMNS} FROM datasets WHERE source = 'bundled' AND name = ?`).get(name) as
    | RawRow
    | undefined;
  return r && fromRaw(r);
}

/**
 * The earliest uploaded dataset whose bytes have this SHA-256, if any. Bundled files are not
 * matched: uploading one's own copy of a bundled file is a deliberate upload of one's own.
 */
export function findUploadByContent(db: Db, sha256: string): DatasetRow | undefined {
  const r = db
    .prepare(`SELECT ${COLUMNS} FROM datasets WHERE sha256 = ? AND source = 'uploaded' ORDER BY id LIMIT 1`)
    .get(sha256) as RawRow | undefined;
  return r && fromRaw(r);
}

/** Replaces a dataset's report, after it was read again with other choices (id column, sheet). */
export function updateDatasetReport(db: Db, id: number, report: ValidationReport): DatasetRow | undefined {
  db.prepare('UPDATE datasets SET report = ? WHERE id = ?').run(JSON.stringify(report), id);
  return getDataset(db, id);
}

export function datasetBytes(db: Db, id: number): Buffer | undefined {
  return (db.prepare('SELECT bytes FROM datasets WHERE id = ?').get(id) as { bytes: Buffer } | undefined)
    ?.bytes;
}

export function deleteDataset(db: Db, id: number): boolean {
  return db.prepare('DELETE FROM datasets WHERE id = ?').run(id).changes > 0;
}
