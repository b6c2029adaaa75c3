// A stored dataset as the API lists it: name, source, size, rows, columns, frequency and
// its series, from its row and validation report.
import type { DatasetRow } from '../store/datasets.ts';
import type { Dataset } from './wire.ts';

/**
 * @example
 * res.json({ datasets: listDatasets(db).map(datasetJson) });
 */
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
