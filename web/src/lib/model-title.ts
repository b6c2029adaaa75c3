// A model named by what it forecasts: dataset, series, target, then the forecaster kept
// ("sp500-2000 · close · gru 32", "stocks · MSFT · price · theta"). A list of "gru 32 · sales"
// rows could not tell two datasets' models apart. Pure: unit-tested in test/web.

/** The fields a title is built from (a ModelListItem, or a model's detail). */
export interface ModelNaming {
  datasetName: string | null;
  series: string | null;
  target: string;
  kept: string;
}

/** A dataset's file name without its extension; "deleted dataset" once it is gone. */
export function datasetLabel(datasetName: string | null): string {
  if (datasetName === null) return 'deleted dataset';
  const stem = datasetName.replace(/\.(csv|tsv|txt|xlsx)$/i, '');
  return stem === '' ? datasetName : stem;
}

/**
 * @example
 * modelTitle({ datasetName: 'sp500-2000.csv', series: null, target: 'close', kept: 'gru 32' });
 * // 'sp500-2000 · close · gru 32'
 * modelTitle({ datasetName: 'stocks.csv', series: 'MSFT', target: 'price', kept: 'theta' });
 * // 'stocks · MSFT · price · theta'
 */
export function modelTitle(m: ModelNaming): string {
  return [datasetLabel(m.datasetName), m.series, m.target, m.kept]
    .filter((part): part is string => part !== null && part !== '')
    .join(' · ');
}

/**
 * What a model forecasts, as one key: models with the same key forecast the same values
 * and can share a chart. Null when the dataset is deleted (nothing left to draw them over).
 *
 * @example
 * seriesKey({ datasetId: 3, series: null, target: 'close' }); // '3\u0000\u0000close'
 */
export function seriesKey(m: {
  datasetId: number | null;
  series: string | null;
  target: string;
}): string | null {
  return m.datasetId === null ? null : [m.datasetId, m.series ?? '', m.target].join('\u0000');
}
