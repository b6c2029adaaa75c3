// The table of datasets on the Datasets page: one row each, a button to preview it,
// and a delete button for uploads (bundled files are part of the app).
import type { Dataset } from './api-types.ts';
import { el, table } from './dom.ts';
import { bytes, integer } from './format.ts';

export interface DatasetListActions {
  onSelect: (dataset: Dataset) => void;
  onDelete: (dataset: Dataset) => void;
}

export function renderDatasetList(
  datasets: Dataset[],
  selectedId: number | null,
  actions: DatasetListActions,
): HTMLElement {
  if (datasets.length === 0) return el('p', { class: 'hint' }, 'No datasets yet: upload a CSV above.');
  const rows = datasets.map((d) => {
    const open = el('button', { type: 'button', class: 'link', 'data-dataset-id': d.id }, d.name);
    open.addEventListener('click', () => actions.onSelect(d));
    const seriesCount =
      d.series.length > 1 || (d.series.length === 1 && d.series[0] !== '')
        ? `${d.series.length} series`
        : 'single';
    const remove =
      d.source === 'uploaded'
        ? el('button', { type: 'button', class: 'link', title: `Delete ${d.name}` }, 'delete')
        : null;
    remove?.addEventListener('click', () => actions.onDelete(d));
    return [open, d.source, integer(d.rows), d.frequency ?? 'irregular', seriesCount, bytes(d.size), remove];
  });
  const result = table(['name', 'source', 'rows', 'frequency', 'series', 'size', ''], rows);
  result.id = 'datasets-table';
  datasets.forEach((d, i) => {
    const tr = result.tBodies[0]?.rows[i];
    if (!tr) return;
    tr.dataset.datasetId = String(d.id);
    if (d.id === selectedId) tr.classList.add('selected');
    for (const c of [2, 5]) tr.cells[c]?.classList.add('num');
  });
  for (const c of [2, 5]) result.tHead?.rows[0]?.cells[c]?.classList.add('num');
  return el(
    'div',
    { class: 'table-scroll' },
    result,
    el('p', { class: 'hint' }, 'Choose a dataset to preview it.'),
  );
}
