// A stored model as the API shows it: the list item and the detail (config, the leaderboard,
// the kept forecaster, training and the run's one duration), from its row and its file.
import { describeScaler } from '../forecaster.ts';
import type { ForecastModel } from '../forecaster.ts';
import type { ModelRow } from '../store/models.ts';
import type { ModelDetail, ModelListItem } from './wire.ts';

/**
 * The kept forecaster's name: a model is named "<kept> · <target>[ (<series>)]" when it is
 * stored (training-queue.ts), so the kept part is the name without that ending; a name of
 * another shape is kept whole.
 */
function keptName(row: ModelRow): string {
  const ending = ` · ${row.target}${row.series ? ` (${row.series})` : ''}`;
  return row.name.endsWith(ending) && row.name.length > ending.length
    ? row.name.slice(0, -ending.length)
    : row.name;
}

/**
 * @example
 * res.json({ models: listModels(db).map(modelListJson) });
 */
export function modelListJson(row: ModelRow): ModelListItem {
  const { summary: s } = row;
  return {
    id: row.id,
    name: row.name,
    datasetId: row.datasetId,
    datasetName: row.datasetName,
    target: row.target,
    series: row.series || null,
    kept: keptName(row),
    cell: s.cell,
    hiddenSize: s.hiddenSize,
    layers: s.layers,
    horizonSteps: s.horizonSteps,
    windowLength: s.windowLength,
    createdAt: row.createdAt,
    metrics: s.metrics,
    global: s.global ?? null,
  };
}

/**
 * @example
 * const { row, model } = models.load(id);
 * res.json(modelDetailJson(row, model, trainingWallMs(db, row.id)));
 */
export function modelDetailJson(row: ModelRow, model: ForecastModel, runWallMs: number | null): ModelDetail {
  const training = model.training && {
    history: model.training.history,
    bestEpoch: model.training.bestEpoch,
    stoppedBy: model.training.stoppedBy,
    elapsedMs: model.training.elapsedMs,
  };
  const scaling = { scaler: describeScaler(model.config.scaler) };
  return {
    model: {
      id: row.id,
      name: row.name,
      datasetId: row.datasetId,
      datasetName: row.datasetName,
      series: row.series || null,
      config: model.config,
      scaling,
      kept: { name: model.heldOut.name, kind: model.heldOut.kind, description: model.final.describe() },
      keptShort: keptName(row),
      leaderboard: model.leaderboard,
      training,
      runWallMs,
      warnings: model.warnings,
      createdAt: row.createdAt,
    },
    evaluation: row.evaluation,
  };
}
