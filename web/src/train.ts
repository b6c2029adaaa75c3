// Entry of train.html?dataset=ID[&series=S]: the training form, then the live view of the
// training it starts (loss curves, one bar for the whole fit, elapsed, ETA, cancel).
// ?training=ID reattaches to a run after a reload; the server replays past epochs, so the
// curve comes back whole. On a long-format file, "Forecast all series" starts one training
// per series and ranks them when they are done (?trainings=ID,ID,… reattaches to that);
// "Train one model on all N series" starts one global training (lib/global-run.ts).
import { ApiError, errorMessage, getJson, postJson } from './lib/api.ts';
import type {
  AllSeriesTrainingsResponse,
  DatasetResponse,
  DefaultsResponse,
  SettingsResponse,
  TrainingResponse,
} from './lib/api-types.ts';
import { followAllSeries } from './lib/all-series-run.ts';
import { byId, el, queryParam, showStatus } from './lib/dom.ts';
import { etaFromPace } from './lib/fit-eta.ts';
import type { PaceSample } from './lib/fit-eta.ts';
import { duration } from './lib/format.ts';
import { createLossChart } from './lib/loss-chart.ts';
import { showGlobalSeries, startGlobalTraining } from './lib/global-run.ts';
import { followTraining } from './lib/training-events.ts';
import { buildTrainingForm } from './lib/training-form.ts';
import type { TrainingForm } from './lib/training-form.ts';

const pageStatus = byId('page-status');
const form = byId<HTMLFormElement>('train-form');
const progress = byId('progress');
const trainingStatus = byId('training-status');
const cancel = byId<HTMLButtonElement>('cancel');
const modelLink = byId<HTMLAnchorElement>('model-link');

function setQuery(name: string, value: string): void {
  const params = new URLSearchParams(location.search);
  params.set(name, value);
  history.replaceState(null, '', `${location.pathname}?${params.toString()}`);
}

async function watch(trainingId: number): Promise<void> {
  progress.hidden = false;
  const chart = await createLossChart(byId('loss-chart'), byId('loss-summary'));
  const bar = byId<HTMLProgressElement>('epoch-bar');
  const state = byId('training-state');
  const elapsed = byId('elapsed');
  const eta = byId('eta');
  // The pace is measured from the first live report on (see fit-eta.ts).
  let firstSample: PaceSample | undefined;
  // Between reports (a classical candidate fits without any) the elapsed time keeps
  // counting from the server's last reading of the run's clock.
  let lastReading: { runElapsedMs: number; at: number } | undefined;
  const tick = setInterval(() => {
    if (lastReading)
      elapsed.textContent = duration(lastReading.runElapsedMs + performance.now() - lastReading.at);
  }, 1000);
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
  /** The run's own duration (finishedAt − startedAt), the one the runs list shows too. */
  const showWallTime = async () => {
    clearInterval(tick);
    try {
      const { training } = await getJson<TrainingResponse>(`/api/trainings/${trainingId}`);
      elapsed.textContent = duration(training.wallMs);
    } catch {
      // The live figure already shown stays; a lost connection is reported elsewhere.
    }
  };
  followTraining(trainingId, {
    epoch(e) {
      state.textContent = e.stage === undefined ? 'running' : `running · candidate ${e.stage}`;
      if (e.stage !== undefined) byId('candidates-note').hidden = false;
      // Inside a long epoch the report is fractional (0.06 of the first): show the epoch it is in.
      byId('epoch').textContent = String(e.partial ? Math.floor(e.epoch) + 1 : e.epoch);
      // A replayed epoch (the page opened after training began) has no progress fields.
      if (e.maxEpochs !== undefined) byId('max-epochs').textContent = String(e.maxEpochs);
      if (e.fraction !== undefined) bar.value = Math.max(bar.value, e.fraction);
      if (e.runElapsedMs !== undefined && e.fraction !== undefined) {
        const now = { elapsedMs: e.runElapsedMs, fraction: e.fraction };
        elapsed.textContent = duration(e.runElapsedMs);
        lastReading = { runElapsedMs: e.runElapsedMs, at: performance.now() };
        eta.textContent = duration(etaFromPace(firstSample, now));
        firstSample ??= now;
      }
      chart.add(e);
    },
    status(s) {
      state.textContent = s;
    },
    done({ status, modelId, kept }) {
      state.textContent = status;
      cancel.disabled = true;
      bar.value = bar.max;
      eta.textContent = '–';
      void showWallTime();
      if (modelId === null) {
        showStatus(trainingStatus, 'Cancelled before the first epoch finished: no model was saved.', 'error');
        return;
      }
      // The last curve drawn may be a candidate validation turned down: say which one stays.
      if (kept) {
        const keptLine = byId('kept-line');
        keptLine.textContent = `kept: ${kept}`;
        keptLine.hidden = false;
      }
      modelLink.href = `/model.html?id=${modelId}`;
      modelLink.hidden = false;
      void showGlobalSeries(trainingId).catch((err: unknown) =>
        showStatus(trainingStatus, errorMessage(err), 'error'),
      );
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
      void showWallTime();
      showStatus(trainingStatus, `Training failed: ${error}`, 'error');
    },
    disconnected() {
      showStatus(trainingStatus, 'Connection to the server lost; reconnecting…');
    },
  });
}

/** Starts one training (by default of the chosen series) and follows it live. */
async function start(
  trainingForm: TrainingForm,
  submit = async (f: TrainingForm) =>
    (await postJson<TrainingResponse>('/api/trainings', f.read())).training.id,
): Promise<void> {
  trainingForm.showFieldErrors({});
  showStatus(pageStatus, '');
  trainingForm.setBusy(true);
  try {
    const id = await submit(trainingForm);
    setQuery('training', String(id));
    await watch(id);
  } catch (err) {
    trainingForm.setBusy(false);
    if (err instanceof ApiError) trainingForm.showFieldErrors(err.fields);
    showStatus(pageStatus, errorMessage(err), 'error');
  }
}

/** One training per series, with the form's settings; then the ranked table. */
async function startAllSeries(trainingForm: TrainingForm): Promise<void> {
  trainingForm.showFieldErrors({});
  showStatus(pageStatus, '');
  trainingForm.setBusy(true);
  try {
    const { series: _one, ...settings } = trainingForm.read();
    const { trainings } = await postJson<AllSeriesTrainingsResponse>('/api/trainings/all-series', settings);
    const ids = trainings.map((t) => t.id);
    setQuery('trainings', ids.join(','));
    await followAllSeries(ids);
  } catch (err) {
    trainingForm.setBusy(false);
    if (err instanceof ApiError) trainingForm.showFieldErrors(err.fields);
    showStatus(pageStatus, errorMessage(err), 'error');
  }
}

async function main(): Promise<void> {
  const datasetId = Number(queryParam('dataset'));
  const resumed = Number(queryParam('training'));
  const resumedAll = (queryParam('trainings') ?? '')
    .split(',')
    .map(Number)
    .filter((id) => Number.isInteger(id) && id > 0);
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
  if (trainingForm.seriesIds.length > 1) {
    const all = el(
      'button',
      { type: 'button', id: 'forecast-all', class: 'secondary' },
      `Forecast all ${trainingForm.seriesIds.length} series`,
    );
    all.addEventListener('click', () => void startAllSeries(trainingForm));
    const global = el(
      'button',
      { type: 'button', id: 'train-global', class: 'secondary' },
      `Train one model on all ${trainingForm.seriesIds.length} series`,
    );
    global.addEventListener('click', () => void start(trainingForm, startGlobalTraining));
    form.querySelector('.actions')?.append(all, global);
  }
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
  if (resumedAll.length > 0) {
    trainingForm.setBusy(true);
    await followAllSeries(resumedAll);
  } else if (Number.isInteger(resumed) && resumed > 0) {
    trainingForm.setBusy(true);
    await watch(resumed);
  }
}

main().catch((err: unknown) => showStatus(pageStatus, errorMessage(err), 'error'));
