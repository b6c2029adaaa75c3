// The models list of runs.html: one row per model, titled by dataset, series and target,
// linked to its results and to its dataset, with a checkbox to select it for comparison.
import type { ModelListItem } from './api-types.ts';
import { el, table } from './dom.ts';
import { dateTime, metric, percent } from './format.ts';
import { datasetLabel, modelTitle } from './model-title.ts';

export interface ModelsTableActions {
  isSelected(id: number): boolean;
  onSelect(model: ModelListItem, selected: boolean): void;
  onDelete(model: ModelListItem): void;
}

function skillBadge(m: ModelListItem['metrics']): HTMLElement | string {
  if (!m) return '–';
  return m.hasSkill
    ? el('span', { class: 'badge ok' }, `skill ${percent(m.skillVsNaive)}`)
    : el('span', { class: 'badge bad' }, 'no skill');
}

/** The dataset page (the index page with the dataset chosen), or plain words once deleted. */
function datasetCell(m: ModelListItem): HTMLElement | string {
  if (m.datasetId === null) return datasetLabel(null);
  return el(
    'a',
    { href: `/?dataset=${m.datasetId}`, class: 'dataset-link' },
    m.datasetName ?? `#${m.datasetId}`,
  );
}

export function renderModelsTable(
  models: readonly ModelListItem[],
  actions: ModelsTableActions,
): HTMLElement {
  const rows = models.map((m) => {
    const title = modelTitle(m);
    const box = el('input', {
      type: 'checkbox',
      class: 'select-model',
      value: m.id,
      'aria-label': `Select ${title} for comparison`,
      checked: actions.isSelected(m.id),
    });
    box.addEventListener('change', () => actions.onSelect(m, box.checked));
    const remove = el('button', { type: 'button', class: 'link', 'aria-label': `Delete ${title}` }, 'delete');
    remove.addEventListener('click', () => actions.onDelete(m));
    return [
      box,
      el('a', { href: `/model.html?id=${m.id}`, class: 'model-title' }, title),
      datasetCell(m),
      String(m.horizonSteps),
      metric(m.metrics?.mae),
      metric(m.metrics?.smape),
      metric(m.metrics?.mase),
      skillBadge(m.metrics),
      dateTime(m.createdAt),
      remove,
    ];
  });
  const t = table(
    ['', 'model', 'dataset', 'horizon', 'MAE', 'sMAPE %', 'MASE', 'vs naive', 'created', ''],
    rows,
  );
  t.id = 'models-table';
  // Headers that show nothing still name their column for a screen reader.
  const header = t.tHead?.rows[0]?.cells;
  header?.[0]?.append(el('span', { class: 'visually-hidden' }, 'select'));
  header?.[header.length - 1]?.append(el('span', { class: 'visually-hidden' }, 'delete'));
  for (const [i, tr] of Array.from(t.tBodies[0]?.rows ?? []).entries()) {
    const m = models[i];
    if (m) tr.dataset.modelId = String(m.id);
  }
  for (const tr of t.rows) for (const c of [3, 4, 5, 6]) tr.cells[c]?.classList.add('num');
  return el('div', { class: 'table-scroll' }, t);
}
