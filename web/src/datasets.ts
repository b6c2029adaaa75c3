// Entry of index.html (Datasets): lists datasets, uploads new ones (CSV or .xlsx) by drop or
// picker, and previews the selected one, where the id column and sheet can be changed.
// ?dataset=ID preselects a dataset (links and tests use it).
import { deleteResource, errorMessage, getJson, postFile } from './lib/api.ts';
import type { Dataset, DatasetListResponse, DatasetResponse } from './lib/api-types.ts';
import { byId, queryParam, replaceChildren, showStatus } from './lib/dom.ts';
import { renderDatasetList } from './lib/dataset-list.ts';
import { showPreview } from './lib/dataset-preview.ts';
import { attachUploadZone } from './lib/upload-zone.ts';
import { integer } from './lib/format.ts';

const listBox = byId('dataset-list');
const listStatus = byId('list-status');
const uploadStatus = byId('upload-status');
const preview = byId('preview');
const previewBody = byId('preview-body');

let datasets: Dataset[] = [];
let selectedId: number | null = Number(queryParam('dataset')) || null;

async function refreshList(): Promise<void> {
  try {
    ({ datasets } = await getJson<DatasetListResponse>('/api/datasets'));
    showStatus(listStatus, '');
  } catch (err) {
    showStatus(listStatus, errorMessage(err), 'error');
    return;
  }
  replaceChildren(
    listBox,
    renderDatasetList(datasets, selectedId, {
      onSelect: (d) => void select(d),
      onDelete: (d) => void remove(d),
    }),
  );
}

async function select(dataset: Dataset): Promise<void> {
  selectedId = dataset.id;
  history.replaceState(null, '', `?dataset=${dataset.id}`);
  for (const tr of listBox.querySelectorAll('tr[data-dataset-id]')) {
    tr.classList.toggle('selected', (tr as HTMLElement).dataset.datasetId === String(dataset.id));
  }
  preview.hidden = false;
  await showPreview(previewBody, dataset, (changed) => void relaidOut(changed));
}

// The id column or sheet changed: the dataset's series did too, in the list and the preview.
async function relaidOut({ dataset, report }: DatasetResponse): Promise<void> {
  const series = report.series.length;
  showStatus(
    uploadStatus,
    `${dataset.name} is now read as ${series === 1 ? 'one series' : `${series} series`}${report.id ? ` by ${report.id}` : ''}.`,
    'ok',
  );
  await refreshList();
  await select(datasets.find((d) => d.id === dataset.id) ?? dataset);
}

async function remove(dataset: Dataset): Promise<void> {
  if (!confirm(`Delete the dataset ${dataset.name}?`)) return;
  try {
    await deleteResource(`/api/datasets/${dataset.id}`);
  } catch (err) {
    showStatus(listStatus, errorMessage(err), 'error');
    return;
  }
  if (selectedId === dataset.id) {
    selectedId = null;
    preview.hidden = true;
    history.replaceState(null, '', location.pathname);
  }
  await refreshList();
}

async function upload(file: File): Promise<void> {
  showStatus(uploadStatus, `Uploading ${file.name}…`);
  try {
    // The same file again is shown, not stored twice (the API's default is to store it).
    const response = await postFile<DatasetResponse>('/api/datasets?ifIdentical=reuse', file);
    const { dataset } = response;
    showStatus(uploadStatus, uploadMessage(file, response), 'ok');
    selectedId = dataset.id;
    await refreshList();
    await select(dataset);
  } catch (err) {
    showStatus(uploadStatus, `${file.name} was not added: ${errorMessage(err)}`, 'error');
  }
}

function uploadMessage(file: File, { dataset, report, duplicateOf }: DatasetResponse): string {
  if (duplicateOf) {
    return `${file.name} is identical to dataset ${duplicateOf.id} (${duplicateOf.name}), already here: it is shown below rather than stored twice.`;
  }
  const count = report.warnings.length;
  const warnings = count ? ` ${count} warning${count > 1 ? 's' : ''}: see the preview.` : '';
  const sheet = report.sheet !== undefined ? ` (sheet ${report.sheet})` : '';
  const series =
    report.series.length > 1
      ? ` ${report.series.length} series by ${report.id ?? 'id'}: check it in the preview.`
      : '';
  return `Uploaded ${dataset.name}${sheet}: ${integer(report.rowsUsed)} rows.${series}${warnings}`;
}

attachUploadZone({
  zone: byId('drop-zone'),
  input: byId<HTMLInputElement>('file-input'),
  onFile: (f) => void upload(f),
});

// No top-level await: the bundle may target browsers or esbuild settings without it.
void refreshList().then(() => {
  const initial = datasets.find((d) => d.id === selectedId);
  if (initial) return select(initial);
  return undefined;
});
