// The web app's "one model on all series": every series of a long-format dataset, read with
// the same settings, trains one global model on a worker thread. Each series is then stored
// as a model of its own (its view of the global model, seriesModelOf) tagged with the run,
// so the results page can rank the series and pick between them with every page made for
// one model. A series too short for the global model gets auto mode's fit of its own,
// stored the same way and saying why (as forecastCollection does for the CLI).
import { fitGlobalInWorker, fitInWorker, globalModelName, seriesModelOf } from '../forecaster.ts';
import type { FitHooks, GlobalSeriesFit } from '../forecaster.ts';
import type { Db } from '../store/db.ts';
import type { ModelSummary } from '../store/models.ts';
import type { DatasetService } from './dataset-service.ts';
import { storeModel } from './stored-model.ts';
import type { TrainingOutcome, TrainingRequest } from './training-queue.ts';

export async function trainGlobal(
  db: Db,
  datasets: DatasetService,
  request: TrainingRequest & { runId: number },
  hooks: FitHooks,
): Promise<TrainingOutcome> {
  const { series: collection } = await datasets.ingest(request.datasetId, request.ingest);
  const model = await fitGlobalInWorker(collection, request.options, hooks);
  const cancelled = hooks.signal?.aborted === true || model.training.stoppedBy === 'cancelled';
  // A cancel before the first epoch leaves nothing the user asked to train.
  if (cancelled && model.training.history.length === 0) return { modelId: null, kept: null, cancelled };
  const seriesCount = model.series.length;
  const ids: number[] = [];
  for (const series of collection) {
    const stored = { datasetId: request.datasetId, ingest: { ...request.ingest, series: series.id } };
    const fitted = model.series.find((s) => s.id === series.id);
    if (fitted) {
      ids.push(
        storeModel(db, stored, seriesModelOf(model, series), series, {
          membership: { runId: request.runId, seriesCount, scoredOn: 'validation' },
          metrics: validationMetrics(fitted.validation),
        }),
      );
    } else if (!cancelled) {
      // Left out of the global fit as too short: a fit of its own. Its epochs are not
      // reported, as they would restart the run's loss curve.
      const reason = model.excluded.find((e) => e.id === series.id)?.reason ?? 'left out of the global fit';
      const own = await fitInWorker(series, request.options, { signal: hooks.signal });
      ids.push(
        storeModel(db, stored, own, series, {
          membership: { runId: request.runId, seriesCount, scoredOn: 'test', ownFit: reason },
          metrics: null,
        }),
      );
    }
  }
  return { modelId: ids[0] ?? null, kept: globalModelName(model), cancelled };
}

/** A series' validation score as the metrics a model list shows (skill against naive's MAE on the same origins). */
function validationMetrics(v: GlobalSeriesFit['validation']): ModelSummary['metrics'] {
  if (v.mae === undefined || v.naiveMae === undefined) return null;
  const skillVsNaive = v.naiveMae > 0 ? 1 - v.mae / v.naiveMae : 0;
  return { mae: v.mae, smape: v.smape, mase: v.mase, skillVsNaive, hasSkill: skillVsNaive > 0 };
}
