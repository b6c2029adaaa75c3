// Entry of runs.html (Models & runs): every saved model with its headline test metrics,
// and every training or batch run with its status, timings and error.
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
import { byId, el, replaceChildren, showStatus, table } from './lib/dom.ts';
import { dateTime, duration, metric, percent } from './lib/format.ts';

const modelsBox = byId('models');
const runsBox = byId('runs');
const schedulesBox = byId('schedules');
let datasetNames = new Map<number, string>();

/** Peak memory in MB, under either field name; '–' when not recorded. */
const peakMb = (r: Run) => {
  const mb = r.peakMemoryMb;
  return typeof mb === 'number' && Number.isFinite(mb) ? `${Math.round(mb)} MB` : '–';
};
const datasetName = (id: number | null) => (id === null ? '–' : (datasetNames.get(id) ?? `#${id}`));
const numericCells = (t: HTMLTableElement, columns: number[]) => {
  for (const tr of t.rows) for (const c of columns) tr.cells[c]?.classList.add('num');
};

function skillBadge(m: ModelListItem['metrics']): HTMLElement | string {
  if (!m) return '–';
  return m.hasSkill
    ? el('span', { class: 'badge ok' }, `skill ${percent(m.skillVsNaive)}`)
    : el('span', { class: 'badge bad' }, 'no skill');
}

function renderModels(models: ModelListItem[]): HTMLElement {
  if (models.length === 0) return el('p', { class: 'hint' }, 'No models yet: pick a dataset and train one.');
  const rows = models.map((m) => {
    const remove = el('button', { type: 'button', class: 'link' }, 'delete');
    remove.addEventListener('click', () => void removeModel(m));
    return [
      el('a', { href: `/model.html?id=${m.id}` }, m.name),
      datasetName(m.datasetId),
      m.series ? `${m.target} (${m.series})` : m.target,
      `${m.cell} ${m.layers}×${m.hiddenSize}`,
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
    ['model', 'dataset', 'target', 'network', 'horizon', 'MAE', 'sMAPE %', 'MASE', 'vs naive', 'created', ''],
    rows,
  );
  t.id = 'models-table';
  numericCells(t, [4, 5, 6, 7]);
  return el('div', { class: 'table-scroll' }, t);
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
  if (!confirm(`Delete the model ${model.name}?`)) return;
  try {
    await deleteResource(`/api/models/${model.id}`);
  } catch (err) {
    showStatus(byId('models-status'), errorMessage(err), 'error');
    return;
  }
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
  if (models.status === 'fulfilled') replaceChildren(modelsBox, renderModels(models.value.models));
  else showStatus(byId('models-status'), errorMessage(models.reason), 'error');
  if (runs.status === 'fulfilled') replaceChildren(runsBox, renderRuns(runs.value.runs));
  else showStatus(byId('runs-status'), errorMessage(runs.reason), 'error');
  if (schedules.status === 'fulfilled')
    replaceChildren(schedulesBox, renderSchedules(schedules.value.schedules));
  else showStatus(byId('schedules-status'), errorMessage(schedules.reason), 'error');
}

void refresh();
