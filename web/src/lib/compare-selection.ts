// Which models can share one comparison chart: two to five (more lines than that cannot be
// told apart), all forecasting the same series of the same dataset. The models page checks
// a selection with it before opening compare.html, and compare.html checks its ?ids= again
// (a link can be edited by hand). Pure: unit-tested in test/web.
import { datasetLabel, modelTitle, seriesKey } from './model-title.ts';
import type { ModelNaming } from './model-title.ts';

export const FEWEST_COMPARED = 2;
export const MOST_COMPARED = 5;

type Comparable = ModelNaming & { id: number; datasetId: number | null };

/** "stocks · MSFT · price": the series a model forecasts, in words. */
export function seriesLabel(m: Pick<ModelNaming, 'datasetName' | 'series' | 'target'>): string {
  return [datasetLabel(m.datasetName), m.series, m.target].filter(Boolean).join(' · ');
}

/**
 * Why these models cannot be compared, in words a person can act on; null when they can.
 *
 * @example
 * compareProblem([a]); // 'Select at least 2 models to compare (1 selected).'
 * compareProblem([msft, ibm]); // 'Models of different series cannot be compared: …'
 */
export function compareProblem(models: readonly Comparable[]): string | null {
  if (models.length < FEWEST_COMPARED)
    return `Select at least ${FEWEST_COMPARED} models to compare (${models.length} selected).`;
  if (models.length > MOST_COMPARED)
    return `Select at most ${MOST_COMPARED} models to compare (${models.length} selected).`;
  const deleted = models.filter((m) => seriesKey(m) === null);
  if (deleted.length > 0)
    return `${deleted.map(modelTitle).join(', ')}: the dataset was deleted, so there is no series to compare on.`;
  if (new Set(models.map(seriesKey)).size > 1) {
    // The same file uploaded twice gives two datasets of one name: their ids tell them apart.
    const series = [...new Set(models.map(seriesLabel))];
    const named =
      series.length > 1
        ? series
        : [...new Set(models.map((m) => `${seriesLabel(m)} (dataset #${m.datasetId})`))];
    return `Models of different series cannot be compared: the selection forecasts ${named.join(' and ')}. Select models of one series.`;
  }
  return null;
}
