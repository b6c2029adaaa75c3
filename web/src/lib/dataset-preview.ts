// The preview of one dataset: what ingestion found (report), the describe() summary, a
// chart of a chosen column, and the link that starts training on it.
import { errorMessage, getJson } from './api.ts';
import type { Dataset, DatasetResponse, Summary, ValidationReport } from './api-types.ts';
import { el, replaceChildren, showStatus } from './dom.ts';
import {
  renderColumns,
  renderFacts,
  renderGapList,
  renderSeriesTable,
  renderWarnings,
} from './dataset-report.ts';
import { renderSummary } from './dataset-summary.ts';
import { createSeriesChart } from './series-chart.ts';
import type { SeriesChart } from './series-chart.ts';

let chart: SeriesChart | null = null;

function numericColumns(report: ValidationReport): string[] {
  return report.columns.filter((c) => c.type === 'number').map((c) => c.name);
}

function isLongFormat(dataset: Dataset): boolean {
  return dataset.series.length > 1 || (dataset.series.length === 1 && dataset.series[0] !== '');
}

function trainHref(dataset: Dataset, series: string): string {
  const params = new URLSearchParams({ dataset: String(dataset.id) });
  if (isLongFormat(dataset)) params.set('series', series);
  return `/train.html?${params.toString()}`;
}

function select(
  id: string,
  options: string[],
  selected: string,
  label = (v: string) => v,
): HTMLSelectElement {
  const node = el('select', { id });
  for (const value of options)
    node.append(el('option', { value, selected: value === selected }, label(value)));
  return node;
}

/** Renders the preview of dataset into body (fetching its report, summary and points). */
export async function showPreview(body: HTMLElement, dataset: Dataset): Promise<void> {
  chart?.destroy();
  chart = null;
  const status = el('p', { class: 'status', role: 'status' }, 'Loading…');
  replaceChildren(body, status);
  let report: ValidationReport;
  try {
    ({ report } = await getJson<DatasetResponse>(`/api/datasets/${dataset.id}`));
  } catch (err) {
    showStatus(status, errorMessage(err), 'error');
    return;
  }
  const numeric = numericColumns(report);
  const seriesIds = dataset.series.length > 0 ? dataset.series : [''];
  let series = seriesIds[0] ?? '';
  const firstColumn = report.target && numeric.includes(report.target) ? report.target : (numeric[0] ?? '');

  const seriesSelect = isLongFormat(dataset) ? select('preview-series', seriesIds, series) : null;
  const columnSelect = select('preview-column', numeric, firstColumn);
  const trainLink = el(
    'a',
    { id: 'train-link', class: 'button', href: trainHref(dataset, series) },
    'Train a model on this dataset',
  );
  const summaryBox = el('div', { id: 'summary' }, el('p', { class: 'hint' }, 'Computing the summary…'));
  const chartInfo = el('p', { class: 'hint', id: 'chart-info' });
  const chartDiv = el('div', { id: 'preview-chart', class: 'chart' });
  const gaps = renderGapList(report);

  replaceChildren(
    body,
    el('h3', {}, dataset.name),
    renderFacts(dataset, report),
    el('p', { class: 'actions' }, trainLink),
    el('h3', {}, 'Warnings'),
    renderWarnings(report.warnings),
    el(
      'div',
      { class: 'chart-controls' },
      seriesSelect ? el('label', {}, 'Series ', seriesSelect) : null,
      el('label', {}, 'Column ', columnSelect),
    ),
    chartDiv,
    chartInfo,
    el('h3', {}, 'Columns'),
    renderColumns(report),
    el('h3', {}, 'Series, gaps and missing values'),
    renderSeriesTable(report),
    gaps,
    el('h3', {}, 'Summary of the numeric columns'),
    summaryBox,
  );

  const loadSummary = async () => {
    try {
      const url = `/api/datasets/${dataset.id}/summary`;
      const summary = await getJson<Summary>(url, { series });
      // The server may describe only the column it was asked about: fetch the others too.
      const missing = numeric.filter((c) => !(c in summary.describe));
      const more = await Promise.all(missing.map((column) => getJson<Summary>(url, { series, column })));
      for (const m of more) Object.assign(summary.describe, m.describe);
      const ordered = Object.fromEntries(
        numeric.flatMap((c) => {
          const stats = summary.describe[c];
          return stats ? [[c, stats] as const] : [];
        }),
      );
      replaceChildren(summaryBox, renderSummary({ describe: ordered }));
    } catch (err) {
      replaceChildren(summaryBox, el('p', { class: 'status', 'data-kind': 'error' }, errorMessage(err)));
    }
  };
  const loadChart = async () => {
    if (!columnSelect.value) {
      chartInfo.textContent = 'No numeric column to chart.';
      return;
    }
    try {
      await chart?.show(columnSelect.value);
    } catch (err) {
      chartInfo.textContent = errorMessage(err);
    }
  };
  const newChart = () => {
    chart?.destroy();
    chart = createSeriesChart(chartDiv, { datasetId: dataset.id, series }, (t) => {
      chartInfo.textContent = t;
    });
  };

  newChart();
  columnSelect.addEventListener('change', () => void loadChart());
  seriesSelect?.addEventListener('change', () => {
    series = seriesSelect.value;
    trainLink.href = trainHref(dataset, series);
    newChart();
    void loadChart();
    void loadSummary();
  });
  await Promise.all([loadChart(), loadSummary()]);
}
