// Entry of index.html (Datasets): lists datasets, uploads new ones by drop or picker, and
// previews the selected one. ?dataset=ID preselects a dataset (links and tests use it).
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
  await showPreview(previewBody, dataset);
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
    const { dataset, report } = await postFile<DatasetResponse>('/api/datasets', file);
    const warnings = report.warnings.length
      ? ` ${report.warnings.length} warning${report.warnings.length > 1 ? 's' : ''}: see the preview.`
      : '';
    showStatus(uploadStatus, `Uploaded ${dataset.name}: ${integer(report.rowsUsed)} rows.${warnings}`, 'ok');
    selectedId = dataset.id;
    await refreshList();
    await select(dataset);
  } catch (err) {
    showStatus(uploadStatus, `${file.name} was not added: ${errorMessage(err)}`, 'error');
  }
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
