// The compared models' test-split metrics side by side: one column per model, one row per
// metric, the best of each error row in bold, and links to each model's results and
// forecast CSV.
import type { ModelDetail, ModelListItem } from './api-types.ts';
import { el } from './dom.ts';
import { dateTime, metric, percent } from './format.ts';

type Cell = Node | string;

interface MetricRow {
  name: string;
  values: (number | null | undefined)[];
  show: (v: number | null | undefined) => string;
  /** Lower is better: the smallest is marked. */
  errorMetric?: boolean;
}

function metricRows(details: ModelDetail[]): MetricRow[] {
  const of = (pick: (d: ModelDetail) => number | null | undefined) => details.map(pick);
  const coverage = (level: number) =>
    of((d) => d.evaluation?.coverage.find((c) => c.level === level)?.observed);
  return [
    { name: 'MAE', values: of((d) => d.evaluation?.model.mae), show: metric, errorMetric: true },
    { name: 'RMSE', values: of((d) => d.evaluation?.model.rmse), show: metric, errorMetric: true },
    { name: 'MAPE %', values: of((d) => d.evaluation?.model.mape), show: metric, errorMetric: true },
    { name: 'sMAPE %', values: of((d) => d.evaluation?.model.smape), show: metric, errorMetric: true },
    { name: 'MASE', values: of((d) => d.evaluation?.model.mase), show: metric, errorMetric: true },
    { name: 'skill vs naive', values: of((d) => d.evaluation?.skillVsNaive), show: (v) => percent(v) },
    { name: '80 % interval coverage', values: coverage(0.8), show: (v) => percent(v) },
    { name: '95 % interval coverage', values: coverage(0.95), show: (v) => percent(v) },
  ];
}

function bestIndex(values: (number | null | undefined)[]): number {
  let best = -1;
  values.forEach((v, i) => {
    const current = values[best];
    if (
      typeof v === 'number' &&
      Number.isFinite(v) &&
      (best < 0 || typeof current !== 'number' || v < current)
    )
      best = i;
  });
  return best;
}

export function renderCompareMetrics(
  models: ModelListItem[],
  details: ModelDetail[],
  labels: string[],
): HTMLElement {
  const head = el(
    'tr',
    {},
    el('th', { scope: 'col' }, 'metric'),
    ...labels.map((label) => el('th', { scope: 'col' }, label)),
  );
  const row = (name: string, cells: Cell[], numeric = false) =>
    el(
      'tr',
      {},
      el('th', { scope: 'row' }, name),
      ...cells.map((c) => el('td', numeric ? { class: 'num' } : {}, c)),
    );
  const rows = [
    row(
      'forecaster kept',
      details.map((d) => d.model.kept.description),
    ),
    row(
      'horizon',
      models.map((m) => String(m.horizonSteps)),
      true,
    ),
    ...metricRows(details).map(({ name, values, show, errorMetric }) => {
      const best = errorMetric ? bestIndex(values) : -1;
      return row(
        name,
        values.map((v, i) => (i === best && values.length > 1 ? el('strong', {}, show(v)) : show(v))),
        true,
      );
    }),
    row(
      'created',
      models.map((m) => dateTime(m.createdAt)),
    ),
    row(
      'results',
      models.map((m) => el('a', { href: `/model.html?id=${m.id}` }, `model ${m.id}`)),
    ),
    row(
      'download',
      models.map((m) =>
        el(
          'a',
          { href: `/api/models/${m.id}/forecast.csv`, class: 'forecast-csv', download: true },
          'forecast CSV',
        ),
      ),
    ),
  ];
  const table = el(
    'table',
    { class: 'data compare-metrics', id: 'compare-metrics-table' },
    el('thead', {}, head),
    el('tbody', {}, ...rows),
  );
  return el('div', { class: 'table-scroll' }, table);
}
