// What users have stored, in bytes: uploaded datasets (the CSV bytes as sent) and model
// files. Bundled datasets are the app's own and do not count against a storage quota.
import type { Db } from './db.ts';

export interface StorageUsage {
  datasetBytes: number;
  modelBytes: number;
  totalBytes: number;
}

/**
 * @example
 * storageUsage(db); // { datasetBytes: 1234, modelBytes: 56, totalBytes: 1290 }
 */
export function storageUsage(db: Db): StorageUsage {
  // `size` is read from the (source, size) index, never from the rows, whose blobs are large.
  const { datasets, models } = db
    .prepare(
      `SELECT (SELECT COALESCE(SUM(size), 0) FROM datasets WHERE source = 'uploaded') AS datasets,
        (SELECT COALESCE(SUM(LENGTH(CAST(model AS BLOB))), 0) FROM models) AS models`,
    )
    .get() as { datasets: number; models: number };
  return { datasetBytes: datasets, modelBytes: models, totalBytes: datasets + models };
}
