// "Forecast all series": one training per series of a long-format file, then a table that
// ranks the series by how well their model forecasts the test split, by MASE (the error
// against a seasonal naive forecast's in-sample error, so series of different scales
// compare). Each row links to its model; series still training or that failed sit below.
import { el, replaceChildren } from './dom.ts';

export interface SeriesOutcome {
  series: string;
  trainingId: number;
  status: string;
  modelId: number | null;
  /** MASE on the test split: below 1 beats seasonal naive's in-sample error. */
  mase: number | null;
  /** 1 − MAE / MAE of the naive forecast. */
  skillVsNaive: number | null;
  error: string | null;
  /** Said after "done": how this series was forecast when not as the others were. */
  note?: string;
}

const scored = (o: SeriesOutcome): o is SeriesOutcome & { mase: number } =>
  o.mase !== null && Number.isFinite(o.mase);

/**
 * Best first: the series with a MASE, lowest first (ties keep the file's order), then the
 * others in the file's order.
 *
 * @example
 * rankSeries([{ series: 'a', mase: 1.2, … }, { series: 'b', mase: 0.7, … }]).map((o) => o.series); // ['b', 'a']
 */
export function rankSeries(outcomes: readonly SeriesOutcome[]): SeriesOutcome[] {
  const withScore = outcomes.filter(scored).sort((a, b) => a.mase - b.mase);
  return [...withScore, ...outcomes.filter((o) => !scored(o))];
}

const number = (v: number | null, digits: number) =>
  v === null || !Number.isFinite(v) ? '–' : v.toFixed(digits);
const percent = (v: number | null) =>
  v === null || !Number.isFinite(v) ? '–' : `${v >= 0 ? '' : '−'}${Math.abs(v * 100).toFixed(1)} %`;

function statusText(o: SeriesOutcome): string {
  if (o.status === 'failed') return `failed: ${o.error ?? 'unknown error'}`;
  if (o.status === 'succeeded' && o.modelId !== null && !scored(o)) return 'done (no test split to score)';
  if (o.status === 'succeeded' && o.note) return `done: ${o.note}`;
  return o.status === 'succeeded' ? 'done' : o.status;
}

const CAPTIONS = {
  test: 'Series ranked by MASE on the test split (lower is better; below 1 beats a seasonal naive forecast’s in-sample error).',
  validation:
    'Series ranked by MASE on each series’ validation values, its last ones, which the global network was scored on before its refit (lower is better; below 1 beats a seasonal naive forecast’s in-sample error).',
};

/** Draws the ranked table into `container`; `scoredOn` says where the MASE was measured. */
export function renderAllSeriesTable(
  container: HTMLElement,
  outcomes: readonly SeriesOutcome[],
  scoredOn: keyof typeof CAPTIONS = 'test',
): void {
  const ranked = rankSeries(outcomes);
  const rows = ranked.map((o, i) =>
    el(
      'tr',
      { 'data-series': o.series, 'data-status': o.status },
      el('td', {}, scored(o) ? String(i + 1) : '–'),
      el('th', { scope: 'row' }, o.series),
      el('td', { class: 'number' }, number(o.mase, 3)),
      el('td', { class: 'number' }, percent(o.skillVsNaive)),
      el('td', {}, statusText(o)),
      el(
        'td',
        {},
        o.modelId === null ? '' : el('a', { href: `/model.html?id=${o.modelId}` }, `model ${o.modelId}`),
      ),
    ),
  );
  replaceChildren(
    container,
    el(
      'table',
      { class: 'data all-series-table' },
      el('caption', {}, CAPTIONS[scoredOn]),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          ...['rank', 'series', 'MASE', 'better than naive', 'status', 'model'].map((h) =>
            el('th', { scope: 'col' }, h),
          ),
        ),
      ),
      el('tbody', {}, ...rows),
    ),
  );
}
