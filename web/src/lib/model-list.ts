// The models list's order and filter, apart from the page so they can be tested without a
// browser: sort by date, name, test MASE or skill, and keep the models whose dataset,
// series or target contains the typed text. Models without a metric sort last whatever
// the direction: "no score" is never the best score.
import type { ModelListItem } from './api-types.ts';
import { modelTitle } from './model-title.ts';

export const MODEL_SORTS = {
  date: 'newest first',
  name: 'name (A–Z)',
  mase: 'test MASE (best first)',
  skill: 'skill vs naive (best first)',
} as const;
export type ModelSort = keyof typeof MODEL_SORTS;

export function isModelSort(value: string): value is ModelSort {
  return value in MODEL_SORTS;
}

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** a before b for ascending numbers, with missing values after every present one. */
function byNumber(a: number | null | undefined, b: number | null | undefined, descending: boolean): number {
  if (!finite(a) || !finite(b)) return Number(!finite(a)) - Number(!finite(b));
  return descending ? b - a : a - b;
}

/**
 * A sorted copy; ties keep the newest first.
 *
 * @example
 * sortModels(models, 'mase'); // lowest test MASE first, models without one last
 */
export function sortModels(models: readonly ModelListItem[], sort: ModelSort): ModelListItem[] {
  const newest = (a: ModelListItem, b: ModelListItem) =>
    b.createdAt.localeCompare(a.createdAt) || b.id - a.id;
  const compare: Record<ModelSort, (a: ModelListItem, b: ModelListItem) => number> = {
    date: newest,
    name: (a, b) => modelTitle(a).localeCompare(modelTitle(b), 'en', { sensitivity: 'base', numeric: true }),
    mase: (a, b) => byNumber(a.metrics?.mase, b.metrics?.mase, false),
    skill: (a, b) => byNumber(a.metrics?.skillVsNaive, b.metrics?.skillVsNaive, true),
  };
  return [...models].sort((a, b) => compare[sort](a, b) || newest(a, b));
}

/**
 * The models whose title (dataset, series, target, forecaster) contains every word of
 * `text`, case-insensitively; all of them for empty text.
 *
 * @example
 * filterModels(models, 'stocks msft'); // the models of the MSFT series of stocks.csv
 */
export function filterModels(models: readonly ModelListItem[], text: string): ModelListItem[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...models];
  return models.filter((m) => {
    const haystack = `${modelTitle(m)} ${m.datasetName ?? ''}`.toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}
