// Entry of train.html?dataset=ID[&series=S]: the training form, then the live view of the
// training it starts (loss curves, epoch, ETA, cancel). ?training=ID reattaches to a run
// after a reload; the server replays past epochs, so the curve comes back whole.
import { ApiError, errorMessage, getJson, postJson } from './lib/api.ts';
import type {
  DatasetResponse,
  DefaultsResponse,
  SettingsResponse,
  TrainingResponse,
} from './lib/api-types.ts';
import { byId, queryParam, showStatus } from './lib/dom.ts';
import { duration } from './lib/format.ts';
import { createLossChart } from './lib/loss-chart.ts';
import { followTraining } from './lib/training-events.ts';
import { buildTrainingForm } from './lib/training-form.ts';
import type { TrainingForm } from './lib/training-form.ts';

const pageStatus = byId('page-status');
const form = byId<HTMLFormElement>('train-form');
const progress = byId('progress');
const trainingStatus = byId('training-status');
const cancel = byId<HTMLButtonElement>('cancel');
const modelLink = byId<HTMLAnchorElement>('model-link');

async function watch(trainingId: number): Promise<void> {
  progress.hidden = false;
  const chart = await createLossChart(byId('loss-chart'));
  const bar = byId<HTMLProgressElement>('epoch-bar');
  const state = byId('training-state');
  cancel.disabled = false;
  cancel.onclick = async () => {
    cancel.disabled = true;
    showStatus(trainingStatus, 'Cancelling: the best weights so far are kept…');
    try {
      await postJson(`/api/trainings/${trainingId}/cancel`, {});
    } catch (err) {
      showStatus(trainingStatus, errorMessage(err), 'error');
      cancel.disabled = false;
    }
  };
  followTraining(trainingId, {
    epoch(e) {
      state.textContent = e.stage === undefined ? 'running' : `running · candidate ${e.stage}`;
      if (e.stage !== undefined) byId('candidates-note').hidden = false;
      // Inside a long epoch the report is fractional (0.06 of the first): show the epoch it is in.
      byId('epoch').textContent = String(e.partial ? Math.floor(e.epoch) + 1 : e.epoch);
      // A replayed epoch (the page opened after training began) has no progress fields.
      if (e.maxEpochs !== undefined) {
        byId('max-epochs').textContent = String(e.maxEpochs);
        bar.max = e.maxEpochs;
      }
      byId('elapsed').textContent = duration(e.elapsedMs);
      byId('eta').textContent = duration(e.etaMs);
      bar.value = e.epoch;
      chart.add(e);
    },
    status(s) {
      state.textContent = s;
    },
    done({ status, modelId }) {
      state.textContent = status;
      cancel.disabled = true;
      bar.value = bar.max;
      byId('eta').textContent = '–';
      if (modelId === null) {
        showStatus(trainingStatus, 'Cancelled before the first epoch finished: no model was saved.', 'error');
        return;
      }
      modelLink.href = `/model.html?id=${modelId}`;
      modelLink.hidden = false;
      showStatus(
        trainingStatus,
        status === 'cancelled'
          ? 'Cancelled; the model keeps the best weights it reached.'
          : 'Training finished.',
        'ok',
      );
    },
    failed(error) {
      state.textContent = 'failed';
      cancel.disabled = true;
      showStatus(trainingStatus, `Training failed: ${error}`, 'error');
    },
    disconnected() {
      showStatus(trainingStatus, 'Connection to the server lost; reconnecting…');
    },
  });
}

async function start(trainingForm: TrainingForm): Promise<void> {
  trainingForm.showFieldErrors({});
  showStatus(pageStatus, '');
  trainingForm.setBusy(true);
  try {
    const { training } = await postJson<TrainingResponse>('/api/trainings', trainingForm.read());
    const params = new URLSearchParams(location.search);
    params.set('training', String(training.id));
    history.replaceState(null, '', `${location.pathname}?${params.toString()}`);
    await watch(training.id);
  } catch (err) {
    trainingForm.setBusy(false);
    if (err instanceof ApiError) trainingForm.showFieldErrors(err.fields);
    showStatus(pageStatus, errorMessage(err), 'error');
  }
}

async function main(): Promise<void> {
  const datasetId = Number(queryParam('dataset'));
  const resumed = Number(queryParam('training'));
  if (!Number.isInteger(datasetId) || datasetId <= 0) {
    showStatus(
      pageStatus,
      'No dataset chosen: open this page from a dataset’s preview (“Train a model”).',
      'error',
    );
    return;
  }
  // The settings' limits and choices are the server's schema, fetched beside the dataset.
  const [{ dataset, report }, { schema }] = await Promise.all([
    getJson<DatasetResponse>(`/api/datasets/${datasetId}`),
    getJson<SettingsResponse>('/api/settings'),
  ]);
  byId('dataset-name').textContent = `on ${dataset.name}`;
  const series = queryParam('series') ?? '';
  const trainingForm = buildTrainingForm(form, report, datasetId, dataset.series, series, schema);
  form.hidden = false;

  let pending: AbortController | undefined;
  const refreshDefaults = async () => {
    const { target, horizonSteps, series } = trainingForm.read();
    pending?.abort();
    pending = new AbortController();
    form.dataset.defaults = 'loading';
    try {
      const { config } = await getJson<DefaultsResponse>(
        `/api/datasets/${datasetId}/defaults`,
        { target, horizonSteps, series },
        pending.signal,
      );
      trainingForm.applyDefaults(config);
      form.dataset.defaults = 'loaded'; // tests wait for this before typing over the suggestions
    } catch (err) {
      if (!(err instanceof DOMException && err.name === 'AbortError'))
        showStatus(pageStatus, `No suggested settings: ${errorMessage(err)}`, 'error');
    }
  };
  for (const id of ['target', 'horizon', 'series'])
    document.getElementById(id)?.addEventListener('change', () => void refreshDefaults());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void start(trainingForm);
  });
  await refreshDefaults();
  if (Number.isInteger(resumed) && resumed > 0) {
    trainingForm.setBusy(true);
    await watch(resumed);
  }
}

main().catch((err: unknown) => showStatus(pageStatus, errorMessage(err), 'error'));
