// "Train one model on all N series": one global training over every series of a
// long-format dataset, followed live like any training (loss curve, ETA, cancel). When it is
// done, the all-series table ranks the series its network forecasts, each linking to its own
// results page, where a picker moves between them.
import { getJson, postJson } from './api.ts';
import type { AllSeriesTrainingsResponse, ModelListResponse } from './api-types.ts';
import { renderAllSeriesTable } from './all-series-table.ts';
import type { SeriesOutcome } from './all-series-table.ts';
import { byId, showStatus } from './dom.ts';
import type { TrainingForm } from './training-form.ts';

/** Starts the global training with the form's settings; returns its run id. */
export async function startGlobalTraining(form: TrainingForm): Promise<number> {
  const { series: _one, ...settings } = form.read();
  const { trainings } = await postJson<AllSeriesTrainingsResponse>('/api/trainings/all-series', {
    ...settings,
    model: 'global',
  });
  const [run] = trainings;
  if (!run) throw new Error('the server started no training');
  return run.id;
}

/** When run `runId` was a global training, ranks its series in the all-series section. */
export async function showGlobalSeries(runId: number): Promise<void> {
  const { models } = await getJson<ModelListResponse>('/api/models');
  const mine = models.filter((m) => m.global?.runId === runId).sort((a, b) => a.id - b.id);
  const shared = mine.find((m) => m.global && !m.global.ownFit)?.global;
  if (!shared) return;
  const outcomes: SeriesOutcome[] = mine.map((m) => ({
    series: m.series ?? '',
    trainingId: runId,
    status: 'succeeded',
    modelId: m.id,
    mase: m.metrics?.mase ?? null,
    skillVsNaive: m.metrics?.skillVsNaive ?? null,
    error: null,
    ...(m.global?.ownFit ? { note: `fitted on its own (${m.global.ownFit}); MASE on its test split` } : {}),
  }));
  const section = byId('all-series');
  section.hidden = false;
  byId('all-series-bar').hidden = true;
  renderAllSeriesTable(byId('all-series-table'), outcomes, 'validation');
  const own = mine.filter((m) => m.global?.ownFit).length;
  showStatus(
    byId('all-series-status'),
    `One network forecasts ${shared.seriesCount} series${own > 0 ? `; ${own} too short for it were fitted on their own` : ''}: best first. Open a series for its chart.`,
    'ok',
  );
  section.dataset.state = 'done'; // tests wait for this
}
