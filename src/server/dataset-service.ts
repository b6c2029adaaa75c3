// Datasets for the server: seeding the bundled CSVs, storing uploads (bytes in SQLite,
// never a file on disk, so no file name can reach outside the data directory), and
// ingesting stored bytes on demand — with a small cache, since charts and forecasts ask
// for the same series again and again. Ingestion, describe() and long charts run on the
// heavy-work pool's worker threads (./heavy), so the event loop keeps answering meanwhile.
import { readdir, readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { IngestOptions, IngestResult, TimeSeries } from '../forecaster.ts';
import {
  findBundledDataset,
  findUploadByContent,
  getDataset,
  insertDataset,
  updateDatasetReport,
} from '../store/datasets.ts';
import type { DatasetRow } from '../store/datasets.ts';
import type { Db } from '../store/db.ts';
import { safeDatasetName } from './dataset-name.ts';
import type { Trace } from './downsample.ts';
import { ingestBytesInPool, ingestStoredInPool } from './heavy/ingest-task.ts';
import type { IngestAnswer } from './heavy/ingest-task.ts';
import { HeavyPool } from './heavy/pool.ts';
import type { Admission, HeavyPoolOptions } from './heavy/pool.ts';
import { describeInPool } from './heavy/summary-task.ts';
import type { Describe } from './heavy/summary-task.ts';
import { traceInPool } from './heavy/trace-task.ts';
import type { TraceRequest } from './heavy/trace-task.ts';
import type { DatasetLayout, SeriesRequest } from './dataset-request.ts';
import { envCount } from './env-count.ts';
import { HttpError, notFound } from './http-error.ts';

export type { DatasetLayout, SeriesRequest } from './dataset-request.ts';

export interface DatasetServiceOptions {
  /** Worker threads for heavy work. Default: RECURRENT_HEAVY_WORKERS, else the number of cores. */
  heavyWorkers?: number;
  /**
   * Heavy tasks that may wait for a worker; a request arriving when more wait gets a 503
   * with Retry-After. Default: RECURRENT_HEAVY_QUEUE, else 4 per worker (at least 8).
   */
  heavyQueue?: number;
}

const CACHE_ENTRIES = 32;

export class DatasetService {
  private readonly cache = new Map<string, Promise<IngestResult>>();
  private readonly poolOptions: HeavyPoolOptions;
  private pool: HeavyPool | undefined;

  constructor(
    private readonly db: Db,
    options: DatasetServiceOptions = {},
  ) {
    const size = Math.max(
      1,
      options.heavyWorkers ?? envCount('RECURRENT_HEAVY_WORKERS', 1) ?? availableParallelism(),
    );
    const maxQueued = options.heavyQueue ?? envCount('RECURRENT_HEAVY_QUEUE', 0) ?? Math.max(8, 4 * size);
    this.poolOptions = { size, maxQueued };
  }

  /** The heavy-work pool, created on first use (its workers start only when a task comes). */
  private heavy(): HeavyPool {
    this.pool ??= new HeavyPool(this.poolOptions);
    return this.pool;
  }

  /** Ends the heavy-work workers; tasks still waiting are refused. */
  async close(): Promise<void> {
    await this.pool?.close();
  }

  /** Adds every datasets/*.csv not stored yet; returns how many were added. */
  async seedBundled(dir: string): Promise<number> {
    let added = 0;
    for (const file of (await readdir(dir)).filter((f) => f.endsWith('.csv')).sort()) {
      if (findBundledDataset(this.db, file)) continue;
      const { ingest, bytes } = await ingestBytesInPool(this.heavy(), await readFile(join(dir, file)), {
        file,
      });
      insertDataset(this.db, { name: file, source: 'bundled', bytes, report: ingest.report });
      added++;
    }
    return added;
  }

  /**
   * Validates an upload by ingesting it, then stores bytes and report; bad data throws a
   * DataError, a full heavy-work queue a ServerBusyError (503). Bytes identical to a stored
   * dataset's are named in `duplicateOf`; with `reuseIdentical` (the web app's choice) that
   * dataset is answered instead of a second copy, so the list never shows two identical rows.
   */
  async addUpload(
    originalName: string,
    bytes: Buffer,
    layout: DatasetLayout = {},
    { reuseIdentical = false }: { reuseIdentical?: boolean } = {},
  ): Promise<{ row: DatasetRow; duplicateOf?: DatasetRow; reused: boolean }> {
    const name = safeDatasetName(originalName);
    // The bytes are lent to the worker and come back with the report: use `lent.bytes` after.
    const lent = await ingestBytesInPool(
      this.heavy(),
      bytes,
      { file: name, ...layout, idDetection: 'use' },
      { checked: false },
    );
    const same = lent.sha256 === undefined ? undefined : findUploadByContent(this.db, lent.sha256);
    if (same && reuseIdentical) return { row: same, duplicateOf: same, reused: true };
    const row = insertDataset(this.db, {
      name,
      source: 'uploaded',
      bytes: lent.bytes,
      report: lent.ingest.report,
      sha256: lent.sha256,
    });
    return same ? { row, duplicateOf: same, reused: false } : { row, reused: false };
  }

  /**
   * Reads a stored dataset again with another id column or sheet and keeps the new report;
   * a layout the data does not fit (no id, and the timestamps repeat) throws its DataError
   * and leaves the dataset as it was.
   *
   * @example
   * await datasets.relayout(7, { id: 'store' }); // the report now lists one series per store
   */
  async relayout(id: number, layout: DatasetLayout): Promise<DatasetRow> {
    const row = this.get(id);
    const { ingest } = await ingestStoredInPool(
      this.heavy(),
      this.db,
      row,
      { file: row.name, id: layout.id ?? null, sheet: layout.sheet ?? row.report.sheet },
      { admission: { checked: false } },
    );
    if (!ingest) throw notFound(`dataset ${id}`);
    this.forget(id);
    const updated = updateDatasetReport(this.db, id, ingest.report);
    if (!updated) throw notFound(`dataset ${id}`);
    return updated;
  }

  get(id: number): DatasetRow {
    const row = getDataset(this.db, id);
    if (!row) throw notFound(`dataset ${id}`);
    return row;
  }

  /**
   * The dataset ingested with the request's columns, from the cache when it can. With an
   * `admission`, a full heavy-work queue refuses the request (503) instead of queueing it.
   */
  ingest(id: number, request: SeriesRequest = {}, admission?: Admission): Promise<IngestResult> {
    const { key, hit } = this.lookup(id, request);
    return hit ?? this.ingestAfresh(id, key, request, { admission }).then((answer) => answer.ingest);
  }

  /** The cache key of a request, and the cached ingestion when there is one. */
  private lookup(
    id: number,
    request: SeriesRequest,
  ): { key: string; hit: Promise<IngestResult> | undefined } {
    const row = this.get(id);
    const key = `${id}|${row.sha256}|${JSON.stringify(this.ingestOptions(row, request))}`;
    return { key, hit: this.cache.get(key) };
  }

  // The id column and sheet are the dataset's, as its report records them (chosen at upload
  // or in the preview): every view of the dataset reads the same series.
  private ingestOptions(row: DatasetRow, request: SeriesRequest): IngestOptions {
    return {
      file: row.name,
      target: request.target,
      time: request.time,
      features: request.features ?? [],
      ...(request.future && request.future.length > 0 ? { future: request.future } : {}),
      id: row.report.id,
      sheet: row.report.sheet,
    };
  }

  /** Ingests on a worker (which reads the bytes from the database file itself) and caches the result. */
  private ingestAfresh(
    id: number,
    key: string,
    request: SeriesRequest,
    options: { admission?: Admission; describe?: { seriesId?: string } },
  ): Promise<IngestAnswer & { ingest: IngestResult }> {
    const row = this.get(id);
    const answer = ingestStoredInPool(
      this.heavy(),
      this.db,
      row,
      this.ingestOptions(row, request),
      options,
    ).then(({ ingest, describe }) => {
      if (!ingest) throw notFound(`dataset ${id}`);
      return { ingest, describe };
    });
    const hit = answer.then((a) => a.ingest);
    hit.catch(() => this.cache.delete(key));
    this.cache.set(key, hit);
    const oldest = this.cache.keys().next().value;
    if (this.cache.size > CACHE_ENTRIES && oldest !== undefined) this.cache.delete(oldest);
    return answer;
  }

  /** One series of a dataset; long-format files need `series` when they hold several. */
  async series(id: number, request: SeriesRequest, admission?: Admission): Promise<TimeSeries> {
    const { series } = await this.ingest(id, request, admission);
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

  /**
   * danfo's describe() of one series' value columns, on a worker. A request that finds the
   * heavy-work queue full is refused (503) before any work, never half-way.
   *
   * @example
   * const { column, describe } = await datasets.summary(1, { target: 'temp_max', features: [] });
   */
  async summary(id: number, request: SeriesRequest): Promise<{ column: string; describe: Describe }> {
    const admission: Admission = { checked: false };
    const { key, hit } = this.lookup(id, request);
    // Not ingested yet: describe() rides along with the ingestion, on the same worker, so the
    // series need not be copied over to a worker again.
    const fresh = hit
      ? undefined
      : await this.ingestAfresh(id, key, request, {
          admission,
          describe: { seriesId: request.series },
        });
    const series = await this.series(id, request, admission);
    const describe = fresh?.describe ?? (await describeInPool(this.heavy(), series, admission));
    return { column: series.target, describe };
  }

  /**
   * A series' (time, value) points within [from, to], downsampled for a chart — on a worker
   * when the series is long.
   *
   * @example
   * const { series, trace } = await datasets.points(1, { target: 'temp_max' }, { points: 5000 });
   */
  async points(
    id: number,
    request: SeriesRequest,
    window: TraceRequest,
  ): Promise<{ series: TimeSeries; trace: Trace }> {
    const admission: Admission = { checked: false };
    const series = await this.series(id, request, admission);
    return { series, trace: await traceInPool(this.heavy(), series.time, series.values, window, admission) };
  }

  /**
   * ingestCsv of bytes that are not stored (a CSV sent with a forecast request), on a worker;
   * a full heavy-work queue refuses it (503).
   *
   * @example
   * const { series } = await datasets.ingestBytes(file.buffer, { file: file.originalname, target: 'close' });
   */
  async ingestBytes(bytes: Buffer, options: IngestOptions): Promise<IngestResult> {
    return (await ingestBytesInPool(this.heavy(), bytes, options, { checked: false })).ingest;
  }

  /**
   * Chart points of any (time, value) columns — a model's fitted values, say — on a worker
   * when they are long.
   *
   * @example
   * const trace = await datasets.trace(fitted.time, fitted.actual, { points: 5000, from, to });
   */
  trace(time: Float64Array, values: Float64Array, window: TraceRequest): Promise<Trace> {
    return traceInPool(this.heavy(), time, values, window);
  }

  forget(id: number): void {
    for (const key of this.cache.keys()) if (key.startsWith(`${id}|`)) this.cache.delete(key);
  }
}
