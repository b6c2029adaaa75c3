// Datasets for the server: seeding the bundled CSVs, storing uploads (bytes in SQLite,
// never a file on disk, so no file name can reach outside the data directory), and
// ingesting stored bytes on demand — with a small cache, since charts and forecasts ask
// for the same series again and again.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ingestCsv } from '../forecaster.ts';
import type { IngestOptions, IngestResult, TimeSeries } from '../forecaster.ts';
import { datasetBytes, findBundledDataset, getDataset, insertDataset } from '../store/datasets.ts';
import type { DatasetRow } from '../store/datasets.ts';
import type { Db } from '../store/db.ts';
import { HttpError, notFound } from './http-error.ts';
import type { Dataset } from './wire.ts';

export interface SeriesRequest {
  target?: string;
  time?: string;
  features?: string[];
  series?: string;
}

const CACHE_ENTRIES = 32;

export class DatasetService {
  private readonly cache = new Map<string, Promise<IngestResult>>();

  constructor(private readonly db: Db) {}

  /** Adds every datasets/*.csv not stored yet; returns how many were added. */
  async seedBundled(dir: string): Promise<number> {
    let added = 0;
    for (const file of (await readdir(dir)).filter((f) => f.endsWith('.csv')).sort()) {
      if (findBundledDataset(this.db, file)) continue;
      const bytes = await readFile(join(dir, file));
      const { report } = await ingestCsv(bytes, { file });
      insertDataset(this.db, { name: file, source: 'bundled', bytes, report });
      added++;
    }
    return added;
  }

  /** Validates an upload by ingesting it, then stores bytes and report; bad data throws a DataError. */
  async addUpload(originalName: string, bytes: Buffer): Promise<DatasetRow> {
    const name = safeDatasetName(originalName);
    const { report } = await ingestCsv(bytes, { file: name });
    return insertDataset(this.db, { name, source: 'uploaded', bytes, report });
  }

  get(id: number): DatasetRow {
    const row = getDataset(this.db, id);
    if (!row) throw notFound(`dataset ${id}`);
    return row;
  }

  ingest(id: number, request: SeriesRequest = {}): Promise<IngestResult> {
    const row = this.get(id);
    const options: IngestOptions = {
      file: row.name,
      target: request.target,
      time: request.time,
      features: request.features ?? [],
    };
    const key = `${id}|${row.sha256}|${JSON.stringify(options)}`;
    let hit = this.cache.get(key);
    if (!hit) {
      const bytes = datasetBytes(this.db, id);
      if (!bytes) throw notFound(`dataset ${id}`);
      hit = ingestCsv(bytes, options);
      hit.catch(() => this.cache.delete(key));
      this.cache.set(key, hit);
      const oldest = this.cache.keys().next().value;
      if (this.cache.size > CACHE_ENTRIES && oldest !== undefined) this.cache.delete(oldest);
    }
    return hit;
  }

  /** One series of a dataset; long-format files need `series` when they hold several. */
  async series(id: number, request: SeriesRequest): Promise<TimeSeries> {
    const { series } = await this.ingest(id, request);
    if (request.series !== undefined && request.series !== '') {
      const chosen = series.find((s) => s.id === request.series);
      if (!chosen)
        throw new HttpError(
          400,
          `dataset ${id} has no series "${request.series}" (series: ${series.map((s) => s.id).join(', ')})`,
          { series: 'unknown series' },
        );
      return chosen;
    }
    if (series.length > 1)
      throw new HttpError(
        400,
        `dataset ${id} holds ${series.length} series (${series.map((s) => s.id).join(', ')}); choose one`,
        { series: 'required for this dataset' },
      );
    const [only] = series;
    if (!only) throw new HttpError(400, `dataset ${id} holds no series`);
    return only;
  }

  forget(id: number): void {
    for (const key of this.cache.keys()) if (key.startsWith(`${id}|`)) this.cache.delete(key);
  }
}

/** A display name from an uploaded file name: its last path part, printable, at most 120 characters. */
function safeDatasetName(originalName: string): string {
  const base = originalName.split(/[\\/]/).pop() ?? '';
  const printable = [...base]
    .filter((c) => c >= ' ' && c !== '\u007f')
    .join('')
    .trim()
    .slice(0, 120);
  return printable === '' || printable === '.' || printable === '..' ? 'upload.csv' : printable;
}

export function datasetJson(row: DatasetRow): Dataset {
  const r = row.report;
  return {
    id: row.id,
    name: row.name,
    source: row.source,
    size: row.size,
    rows: r.rowsUsed,
    columns: r.columns,
    frequency: r.frequency?.label ?? null,
    series: r.series.map((s) => s.id),
    createdAt: row.createdAt,
  };
}
