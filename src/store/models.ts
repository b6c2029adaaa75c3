// Trained models in SQLite: the model file JSON itself (the same bytes a download gives),
// a small summary for lists, and the evaluation shown beside the baselines.
import type { Evaluation } from '../forecast/evaluate.ts';
import type { Db } from './db.ts';
import { inserted } from './expect-row.ts';

export interface ModelSummary {
  /** How the model's series is read from its dataset again (for charts and forecasts). */
  ingest: { target: string; time?: string; features: string[]; future?: string[]; series?: string };
  cell: string;
  hiddenSize: number;
  layers: number;
  horizonSteps: number;
  windowLength: number;
  metrics: { mae: number; smape: number; mase: number; skillVsNaive: number; hasSkill: boolean } | null;
  /** Set on the models of a global training: the run, how many series share its network, and where the metrics come from. */
  global?: GlobalMembership;
}

export interface GlobalMembership {
  runId: number;
  seriesCount: number;
  /** 'validation': the series' last values (a global fit holds no test split); 'test': a fit of its own. */
  scoredOn: 'validation' | 'test';
  /** Why this series was fitted on its own instead (too short for the global model). */
  ownFit?: string;
}

export interface ModelRow {
  id: number;
  datasetId: number | null;
  /** The dataset's name (a file name), null once the dataset is deleted. */
  datasetName: string | null;
  name: string;
  series: string;
  target: string;
  summary: ModelSummary;
  evaluation: Evaluation | null;
  createdAt: string;
}

interface RawRow {
  id: number;
  dataset_id: number | null;
  dataset_name: string | null;
  name: string;
  series_id: string;
  target: string;
  summary: string;
  evaluation: string | null;
  created_at: string;
}

// The dataset's name comes along with every model: lists and titles name the data a model was fitted on.
const SELECT_MODELS = `SELECT m.id, m.dataset_id, d.name AS dataset_name, m.name, m.series_id, m.target,
  m.summary, m.evaluation, m.created_at
  FROM models m LEFT JOIN datasets d ON d.id = m.dataset_id`;

function fromRaw(r: RawRow): ModelRow {
  return {
    id: r.id,
    datasetId: r.dataset_id,
    datasetName: r.dataset_name,
    name: r.name,
    series: r.series_id,
    target: r.target,
    summary: JSON.parse(r.summary) as ModelSummary,
    evaluation: r.evaluation === null ? null : (JSON.parse(r.evaluation) as Evaluation),
    createdAt: r.created_at,
  };
}

export function insertModel(
  db: Db,
  m: {
    datasetId: number | null;
    name: string;
    series: string;
    target: string;
    summary: ModelSummary;
    modelJson: string;
    evaluation: Evaluation | null;
  },
): ModelRow {
  const { lastInsertRowid } = db
    .prepare(
      'INSERT INTO models (dataset_id, name, series_id, target, summary, model, evaluation, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(
      m.datasetId,
      m.name,
      m.series,
      m.target,
      JSON.stringify(m.summary),
      m.modelJson,
      m.evaluation === null ? null : JSON.stringify(m.evaluation),
      new Date().toISOString(),
    );
  const id = Number(lastInsertRowid);
  return inserted(getModel(db, id), `model ${id}`);
}

export function listModels(db: Db): ModelRow[] {
  return (db.prepare(`${SELECT_MODELS} ORDER BY m.id DESC`).all() as RawRow[]).map(fromRaw);
}

export function getModel(db: Db, id: number): ModelRow | undefined {
  const r = db.prepare(`${SELECT_MODELS} WHERE m.id = ?`).get(id) as RawRow | undefined;
  return r && fromRaw(r);
}

/** The stored model file text, exactly as a download serves it. */
export function modelFileText(db: Db, id: number): string | undefined {
  return (db.prepare('SELECT model FROM models WHERE id = ?').get(id) as { model: string } | undefined)
    ?.model;
}

export function deleteModel(db: Db, id: number): boolean {
  return db.prepare('DELETE FROM models WHERE id = ?').run(id).changes > 0;
}
