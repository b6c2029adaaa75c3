// The preview of one dataset: what ingestion found (report), the describe() summary, a
// chart of a chosen column, and the link that starts training on it.
import { errorMessage, getJson, postJson } from './api.ts';
import type { Dataset, DatasetResponse, Summary, ValidationReport } from './api-types.ts';
import { el, replaceChildren, showStatus } from './dom.ts';
import {
  renderColumns,
  renderFacts,
  renderGapList,
  renderNotes,
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

const SERIES_NAMED = 12;

/**
 * How the file is read into series: the id column (the detected one preselected, "none"
 * for one series) and, for a workbook, its sheet. A change reads the stored file again on
 * the server; if the data does not fit (the timestamps repeat without an id), the server's
 * message is shown and the dataset stays as it was.
 */
function renderLayout(
  dataset: Dataset,
  report: ValidationReport,
  onChanged: (response: DatasetResponse) => void,
): HTMLElement {
  const candidates = new Set(report.idCandidates);
  const textColumns = report.columns
    .filter((c) => c.type === 'text' || c.role === 'id' || candidates.has(c.name))
    .map((c) => c.name);
  // Bundled datasets are read as shipped (the server refuses a change): show, do not offer.
  const fixed = dataset.source === 'bundled';
  const idSelect = el('select', { id: 'preview-id', disabled: fixed });
  idSelect.append(el('option', { value: '', selected: report.id === null }, 'none: the file is one series'));
  for (const name of textColumns) {
    const label = candidates.has(name) ? `${name} (looks like a series id)` : name;
    idSelect.append(el('option', { value: name, selected: name === report.id }, label));
  }
  const sheets = report.sheets ?? [];
  const sheetSelect =
    sheets.length > 1 && !fixed ? select('preview-sheet', sheets, report.sheet ?? sheets[0] ?? '') : null;
  const status = el('p', { id: 'layout-status', class: 'status', role: 'status', hidden: true });
  const ids = report.series.map((s) => s.id).filter((id) => id !== '');
  const named = ids.slice(0, SERIES_NAMED).join(', ');
  const more = ids.length > SERIES_NAMED ? ` and ${ids.length - SERIES_NAMED} more` : '';
  const seriesLine = el(
    'p',
    { id: 'layout-series' },
    ids.length === 0 ? 'One series.' : `${ids.length} series by ${report.id ?? 'id'}: ${named}${more}.`,
  );
  const proposal =
    report.idProposed && report.id !== null
      ? el(
          'p',
          { id: 'id-proposal', class: 'hint' },
          `Timestamps repeat in this file, and column "${report.id}" splits the rows into series with their own timestamps, so it is proposed as the series id. Choose another column, or none, if that is not what the file holds.`,
        )
      : null;
  const apply = async (changed: HTMLSelectElement, previous: string) => {
    showStatus(status, 'Reading the file again…');
    idSelect.disabled = true;
    if (sheetSelect) sheetSelect.disabled = true;
    try {
      const response = await postJson<DatasetResponse>(`/api/datasets/${dataset.id}/layout`, {
        id: idSelect.value === '' ? null : idSelect.value,
        ...(sheetSelect ? { sheet: sheetSelect.value } : {}),
      });
      onChanged(response);
    } catch (err) {
      changed.value = previous;
      showStatus(status, errorMessage(err), 'error');
    } finally {
      idSelect.disabled = fixed;
      if (sheetSelect) sheetSelect.disabled = false;
    }
  };
  const idBefore = idSelect.value;
  idSelect.addEventListener('change', () => void apply(idSelect, idBefore));
  const sheetBefore = sheetSelect?.value ?? '';
  sheetSelect?.addEventListener('change', () => void apply(sheetSelect, sheetBefore));
  return el(
    'div',
    { class: 'layout', id: 'layout' },
    report.sheet !== undefined
      ? el(
          'p',
          { id: 'layout-sheet' },
          sheetSelect
            ? el('label', {}, 'Sheet ', sheetSelect)
            : `Sheet: ${report.sheet} (the workbook's only sheet).`,
        )
      : null,
    el('p', {}, el('label', {}, 'Series id column ', idSelect)),
    proposal,
    seriesLine,
    status,
  );
}

/**
 * Renders the preview of dataset into body (fetching its report, summary and points).
 * `onLayoutChange` hears of a new id column or sheet, which changes the dataset's series.
 */
export async function showPreview(
  body: HTMLElement,
  dataset: Dataset,
  onLayoutChange: (response: DatasetResponse) => void = () => undefined,
): Promise<void> {
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
  // The chart's text alternative: what it shows; chartInfo below it says how much of it.
  const chartCaption = el('figcaption', { id: 'preview-chart-caption' });
  const captionChart = () => {
    const column = columnSelect.value;
    chartCaption.textContent = column
      ? `Line chart of ${column} over time${series ? ` for series ${series}` : ''}, from ${dataset.name}.`
      : 'No numeric column to chart.';
  };
  const gaps = renderGapList(report);

  replaceChildren(
    body,
    el('h3', {}, dataset.name),
    renderFacts(dataset, report),
    el('h3', {}, 'How the file is read'),
    renderLayout(dataset, report, onLayoutChange),
    el('p', { class: 'actions' }, trainLink),
    el('h3', {}, 'Warnings'),
    renderWarnings(report.warnings),
    renderNotes(report.notes ?? []),
    el(
      'div',
      { class: 'chart-controls' },
      seriesSelect ? el('label', {}, 'Series ', seriesSelect) : null,
      el('label', {}, 'Column ', columnSelect),
    ),
    el('figure', { class: 'chart-figure' }, chartDiv, chartCaption),
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
    captionChart();
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
