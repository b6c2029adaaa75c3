// A fitted model into the store: scored on its test split beside the baselines, summarised
// for lists (with the settings it was read with, so charts can read its series again), and
// named "<kept> · <target>[ (<series>)]", the shape model-json.ts reads the kept part from.
import { evaluate, modelToJSON } from '../forecaster.ts';
import type { Evaluation, ForecastModel, TimeSeries } from '../forecaster.ts';
import type { Db } from '../store/db.ts';
import { insertModel } from '../store/models.ts';
import type { GlobalMembership, ModelSummary } from '../store/models.ts';
import type { TrainingRequest } from './training-queue.ts';

/**
 * Stores `model` of `series`; returns its id. A model of a global training says so
 * (`global`), and `metrics` then replaces the test-split ones it has none of.
 */
export function storeModel(
  db: Db,
  request: Pick<TrainingRequest, 'datasetId' | 'ingest'>,
  model: ForecastModel,
  series: TimeSeries,
  global?: { membership: GlobalMembership; metrics: ModelSummary['metrics'] },
): number {
  const { config } = model;
  const evaluation = evaluate(model, series);
  const summary = summarise(request.ingest, model, evaluation);
  return insertModel(db, {
    datasetId: request.datasetId,
    name: `${model.leaderboard.kept} · ${config.target}${series.id ? ` (${series.id})` : ''}`,
    series: series.id,
    target: config.target,
    summary: global
      ? { ...summary, metrics: summary.metrics ?? global.metrics, global: global.membership }
      : summary,
    modelJson: JSON.stringify(modelToJSON(model)),
    evaluation,
  }).id;
}

export function summarise(
  ingest: ModelSummary['ingest'],
  model: ForecastModel,
  evaluation: Evaluation | null,
): ModelSummary {
  const { config } = model;
  return {
    ingest,
    cell: config.network.cell,
    hiddenSize: config.network.hiddenSize,
    layers: config.network.layers,
    horizonSteps: config.horizonSteps,
    windowLength: config.windowLength,
    metrics: evaluation && {
      mae: evaluation.model.mae,
      smape: evaluation.model.smape,
      mase: evaluation.model.mase,
      skillVsNaive: evaluation.skillVsNaive,
      hasSkill: evaluation.hasSkill,
    },
  };
}
