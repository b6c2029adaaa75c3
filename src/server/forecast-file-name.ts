// The file name of a forecast download: what was forecast and when, so that a folder of
// downloads reads as a list ("forecast-stocks-MSFT-price-2026-11-30.csv") rather than
// "forecast-model-1.csv" again and again. Only ASCII letters, digits, dot, dash and
// underscore: the name must survive every file system and Content-Disposition unquoted.
import type { ModelRow } from '../store/models.ts';

/** Longest part kept, in characters: a dataset named by a whole sentence stays readable. */
const MOST_PART_LENGTH = 40;

/** "Données 2024 (v2).csv" → "Donnees-2024-v2": accents dropped, everything else unsafe becomes a dash. */
function safePart(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, MOST_PART_LENGTH)
    .replace(/[-.]+$/, '');
}

/**
 * `forecast-<dataset>-<series>-<target>-<yyyy-mm-dd>.csv`: the dataset's name without its
 * extension (`model-<id>` once the dataset is deleted), the series of a long-format file,
 * the target, and the UTC date the forecast was made.
 *
 * @example
 * forecastFileName({ id: 3, datasetName: 'sp500-2000.csv', series: '', target: 'close' }, new Date('2026-11-30'));
 * // 'forecast-sp500-2000-close-2026-11-30.csv'
 */
export function forecastFileName(
  row: Pick<ModelRow, 'id' | 'datasetName' | 'series' | 'target'>,
  madeAt: Date,
): string {
  const dataset = row.datasetName === null ? `model-${row.id}` : row.datasetName.replace(/\.[^.]*$/, '');
  const parts = [dataset, row.series, row.target].map(safePart).filter((p) => p !== '');
  return `forecast-${[...parts, madeAt.toISOString().slice(0, 10)].join('-')}.csv`;
}
