// Entry of runs.html (Models & runs): every saved model, named by dataset, series and
// target, sorted and filtered, with a selection of 2–5 models of one series to compare
// (compare.html); every training or batch run with its status, timings and error; and
// the schedules.
import { deleteResource, errorMessage, getJson } from './lib/api.ts';
import type {
  DatasetListResponse,
  ModelListItem,
  ModelListResponse,
  Run,
  RunsResponse,
  Schedule,
  SchedulesResponse,
} from './lib/api-types.ts';
import { compareProblem } from './lib/compare-selection.ts';
import { byId, el, replaceChildren, showStatus, table } from './lib/dom.ts';
import { dateTime, duration } from './lib/format.ts';
import { MODEL_SORTS, filterModels, isModelSort, sortModels } from './lib/model-list.ts';
import type { ModelSort } from './lib/model-list.ts';
import { modelTitle } from './lib/model-title.ts';
import { renderModelsTable } from './lib/models-table.ts';

const modelsBox = byId('models');
const runsBox = byId('runs');
const schedulesBox = byId('schedules');
const filterInput = byId<HTMLInputElement>('models-filter');
const sortSelect = byId<HTMLSelectElement>('models-sort');
const compareButton = byId<HTMLButtonElement>('compare-selected');
const selectionCount = byId('selection-count');
const modelsStatus = byId('models-status');
let datasetNames = new Map<number, string>();
let allModels: ModelListItem[] = [];
/** Selected model ids, kept across sorting and filtering. */
const selected = new Set<number>();

/** Peak memory in MB, under either field name; '–' when not recorded. */
const peakMb = (r: Run) => {
  const mb = r.peakMemoryMb;
  return typeof mb === 'number' && Number.isFinite(mb) ? `${Math.round(mb)} MB` : '–';
};
const datasetName = (id: number | null) => (id === null ? '–' : (datasetNames.get(id) ?? `#${id}`));
const numericCells = (t: HTMLTableElement, columns: number[]) => {
  for (const tr of t.rows) for (const c of columns) tr.cells[c]?.classList.add('num');
};

/** The selected models in the order they were selected: the comparison lists them so. */
const selectedModels = () =>
  [...selected]
    .map((id) => allModels.find((m) => m.id === id))
    .filter((m): m is ModelListItem => m !== undefined);

/** The button and the line beside it say what a click would do, or why it cannot. */
function showSelection(): void {
  const chosen = selectedModels();
  const problem = compareProblem(chosen);
  compareButton.disabled = chosen.length === 0;
  selectionCount.textContent =
    chosen.length === 0
      ? 'Select 2–5 models of one series.'
      : problem === null
        ? `${chosen.length} selected: ${chosen.map(modelTitle).join(', ')}.`
        : `${chosen.length} selected. ${problem}`;
}

function renderModels(): void {
  if (allModels.length === 0) {
    replaceChildren(modelsBox, el('p', { class: 'hint' }, 'No models yet: pick a dataset and train one.'));
    return;
  }
  const shown = sortModels(filterModels(allModels, filterInput.value), sortSelect.value as ModelSort);
  if (shown.length === 0) {
    replaceChildren(
      modelsBox,
      el('p', { class: 'hint', id: 'models-none' }, `No model matches “${filterInput.value}”.`),
    );
    return;
  }
  replaceChildren(
    modelsBox,
    renderModelsTable(shown, {
      isSelected: (id) => selected.has(id),
      onSelect: (model, on) => {
        if (on) selected.add(model.id);
        else selected.delete(model.id);
        showSelection();
      },
      onDelete: (model) => void removeModel(model),
    }),
  );
}

function compareSelected(): void {
  const chosen = selectedModels();
  const problem = compareProblem(chosen);
  if (problem !== null) {
    showStatus(modelsStatus, problem, 'error');
    return;
  }
  showStatus(modelsStatus, '');
  location.assign(`/compare.html?ids=${chosen.map((m) => m.id).join(',')}`);
}

function renderRuns(runs: Run[]): HTMLElement {
  if (runs.length === 0) return el('p', { class: 'hint' }, 'No runs yet.');
  const rows = runs.map((r) => {
    const live = r.status === 'running' || r.status === 'queued';
    const modelCell =
      r.modelId !== null
        ? el('a', { href: `/model.html?id=${r.modelId}` }, `model ${r.modelId}`)
        : live && r.kind === 'train' && r.datasetId !== null
          ? el('a', { href: `/train.html?dataset=${r.datasetId}&training=${r.id}` }, 'watch')
          : '–';
    return [
      String(r.id),
      r.kind,
      el('span', { class: `badge ${r.status}` }, r.status),
      datasetName(r.datasetId),
      r.target ? `${r.target}${r.series ? ` (${r.series})` : ''}` : '–',
      modelCell,
      dateTime(r.startedAt),
      duration(r.wallMs),
      peakMb(r),
      r.error ?? '',
    ];
  });
  const t = table(
    ['run', 'kind', 'status', 'dataset', 'target', 'result', 'started', 'wall time', 'peak memory', 'error'],
    rows,
  );
  t.id = 'runs-table';
  numericCells(t, [0, 7, 8]);
  return el('div', { class: 'table-scroll' }, t);
}

function renderSchedules(schedules: Schedule[]): HTMLElement {
  if (schedules.length === 0) return el('p', { class: 'hint' }, 'No scheduled jobs.');
  const rows = schedules.map((s) => [
    s.job,
    s.cron,
    s.timezone ?? '–',
    s.nextRun ? dateTime(s.nextRun) : 'not scheduled now',
    s.lastRun ? dateTime(s.lastRun) : '–',
    s.lastStatus ?? '–',
  ]);
  const t = table(['job', 'cron', 'time zone', 'next run', 'last run', 'last status'], rows);
  t.id = 'schedules-table';
  return el('div', { class: 'table-scroll' }, t);
}

async function removeModel(model: ModelListItem): Promise<void> {
  if (!confirm(`Delete the model ${modelTitle(model)}?`)) return;
  try {
    await deleteResource(`/api/models/${model.id}`);
  } catch (err) {
    showStatus(modelsStatus, errorMessage(err), 'error');
    return;
  }
  selected.delete(model.id);
  await refresh();
}

async function refresh(): Promise<void> {
  const [datasets, models, runs, schedules] = await Promise.allSettled([
    getJson<DatasetListResponse>('/api/datasets'),
    getJson<ModelListResponse>('/api/models'),
    getJson<RunsResponse>('/api/runs'),
    getJson<SchedulesResponse>('/api/schedules'),
  ]);
  if (datasets.status === 'fulfilled')
    datasetNames = new Map(datasets.value.datasets.map((d) => [d.id, d.name]));
  if (models.status === 'fulfilled') {
    allModels = models.value.models;
    for (const id of selected) if (!allModels.some((m) => m.id === id)) selected.delete(id);
    renderModels();
    showSelection();
  } else showStatus(modelsStatus, errorMessage(models.reason), 'error');
  if (runs.status === 'fulfilled') replaceChildren(runsBox, renderRuns(runs.value.runs));
  else showStatus(byId('runs-status'), errorMessage(runs.reason), 'error');
  if (schedules.status === 'fulfilled')
    replaceChildren(schedulesBox, renderSchedules(schedules.value.schedules));
  else showStatus(byId('schedules-status'), errorMessage(schedules.reason), 'error');
}

for (const [value, label] of Object.entries(MODEL_SORTS)) sortSelect.append(el('option', { value }, label));
filterInput.addEventListener('input', renderModels);
sortSelect.addEventListener('change', () => {
  if (isModelSort(sortSelect.value)) renderModels();
});
compareButton.addEventListener('click', compareSelected);
void refresh();
