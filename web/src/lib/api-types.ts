// The JSON shapes of the Recurrent API (GET /api/openapi.json lists the routes) as the
// pages receive them. They resemble src/ types (Evaluation, schedules) on purpose but are
// not the same: over the wire a non-finite metric is null and times may be strings, and a
// type-only import of src/ would drag the server's module graph into the web type check.

export interface ApiColumn {
  name: string;
  type: 'number' | 'time' | 'text';
  role?: 'time' | 'target' | 'feature' | 'id';
  missing: number;
}

export interface Dataset {
  id: number;
  name: string;
  source: 'bundled' | 'uploaded';
  size: number;
  rows: number;
  columns: ApiColumn[];
  frequency: string | null;
  /** Series ids; [''] for a single-series file. */
  series: string[];
  createdAt: number | string;
}

export interface Frequency {
  unit: string;
  step: number;
  label: string;
}
export interface Gap {
  after: number;
  before: number;
  missingSteps: number;
}
export interface MissingReport {
  column: string;
  missing: number;
  filled: number;
  dropped: number;
  policy: string;
}

export interface SeriesReport {
  id: string;
  rowsRead?: number;
  rowsUsed: number;
  start: string;
  end: string;
  frequency: Frequency | null;
  gaps: Gap[];
  calendarGaps: Gap[];
  missing: MissingReport[];
  duplicates?: number;
  irregularSteps?: number;
}

export interface ValidationReport {
  rowsRead: number;
  rowsUsed: number;
  columns: ApiColumn[];
  time: { column: string; format: string };
  id?: string | null;
  target?: string;
  features?: string[];
  frequency: Frequency | null;
  duplicates?: number;
  missingFilled?: number;
  series: SeriesReport[];
  warnings: string[];
}

export interface Describe {
  count: number;
  mean: number;
  std: number;
  min: number;
  median: number;
  max: number;
  variance: number;
}
export interface Summary {
  column?: string;
  describe: Record<string, Partial<Describe>>;
}

export interface Points {
  column: string;
  series: string;
  total: number;
  time: number[];
  values: number[];
  downsampled: boolean;
}

export interface DefaultConfig {
  target: string;
  features: string[];
  horizonSteps: number;
  seasonLength: number;
  windowLength: number;
  strategy: string;
  network: { cell: CellKind; hiddenSize: number; layers: number };
  training: {
    maxEpochs: number;
    patienceEpochs: number;
    seed: number;
    learningRate?: number;
    batchSize?: number;
  };
}

/** A cell name; the list of them is the server's (GET /api/settings, `cell.enum`). */
export type CellKind = string;
export type TrainingStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** One field of GET /api/settings: JSON Schema as the OpenAPI document writes it. */
export interface SettingSchema {
  type?: 'integer' | 'number' | 'string' | 'array';
  description?: string;
  /** Auto mode's value when the setting is left out and does not depend on the data. */
  default?: unknown;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  items?: SettingSchema;
  minItems?: number;
  maxItems?: number;
}

/** GET /api/settings: the forecast settings schema, the one the API checks bodies with. */
export interface SettingsSchema {
  type: 'object';
  properties: Record<string, SettingSchema>;
  required?: string[];
}

export interface TrainingRequest {
  datasetId: number;
  target: string;
  series?: string;
  time?: string;
  features?: string[];
  horizonSteps: number;
  windowLength?: number;
  seasonLength?: number;
  cell?: CellKind;
  hiddenSize?: number;
  layers?: number;
  maxEpochs?: number;
  patienceEpochs?: number;
  seed?: number;
}

export interface EpochEvent {
  epoch: number;
  maxEpochs: number;
  trainLoss: number;
  validationLoss: number | null;
  gradientNorm: number;
  learningRate: number;
  elapsedMs: number;
  etaMs: number | null;
  /** Auto mode fitting several candidates in turn: which one this epoch belongs to. */
  stage?: string;
}

export interface Training {
  id: number;
  status: TrainingStatus;
  datasetId: number;
  target: string;
  modelId?: number | null;
  error?: string | null;
}

export interface Run {
  id: number;
  kind: 'train' | 'batch';
  status: TrainingStatus | string;
  datasetId: number | null;
  modelId: number | null;
  target: string | null;
  series: string | null;
  startedAt: number | string | null;
  finishedAt: number | string | null;
  wallMs: number | null;
  /** The contract's name; some server versions send peakMemoryMb instead. */
  /** Trainings: the server's peak RSS; batch series: the worker's peak heap. */
  peakMemoryMb: number | null;
  error: string | null;
}

/** JSON turns NaN into null, so every metric may be null. */
export interface MetricSet {
  mae: number | null;
  rmse: number | null;
  mape: number | null;
  smape: number | null;
  mase: number | null;
}

export interface ModelListItem {
  id: number;
  name: string;
  datasetId: number;
  target: string;
  series: string | null;
  cell: CellKind;
  hiddenSize: number;
  layers: number;
  horizonSteps: number;
  windowLength: number;
  createdAt: number | string;
  metrics: {
    mase: number | null;
    smape: number | null;
    mae: number | null;
    skillVsNaive: number | null;
    hasSkill: boolean;
  } | null;
}

export interface Evaluation {
  kind: 'forecast';
  horizonSteps: number;
  seasonLength: number;
  origins: number;
  model: MetricSet;
  baselines: Record<string, MetricSet>;
  skillVsNaive: number | null;
  hasSkill: boolean;
  coverage: { level: number; observed: number | null }[];
  lag: { bestLag: number; maeByLag: number[]; warning: string | null };
  warnings: string[];
}

/** Every candidate's validation score, best first (src/forecast/select.ts). Non-finite numbers arrive as null. */
export interface Leaderboard {
  metric: string;
  origins: number;
  entries: {
    name: string;
    kind: string;
    smape: number | null;
    mase: number | null;
    score: number | null;
    fitSeconds: number;
    kept: boolean;
  }[];
  kept: string;
  failed: { name: string; reason: string }[];
}

export interface ModelDetail {
  model: {
    id: number;
    name: string;
    config: DefaultConfig & Record<string, unknown>;
    /** The RNN candidates' target scaler in words. */
    scaling: { scaler: string };
    /** The forecaster validation kept, and what it is. */
    kept: { name: string; kind: string; description: string };
    leaderboard: Leaderboard;
    /** The kept (or first) RNN candidate's training; null when no network was fitted. */
    training: { history: unknown[]; bestEpoch: number; stoppedBy: string; elapsedMs: number } | null;
    createdAt: number | string;
    datasetId?: number;
    series?: string | null;
  };
  evaluation: Evaluation | null;
}

export interface ModelChart {
  fitted: {
    kind: 'predictNext';
    time: number[];
    actual: number[];
    predicted: number[];
    naive: number[];
    downsampled: boolean;
  };
  splits: { train: [number, number]; validation: [number, number]; test: [number, number] };
  forecast: {
    kind: 'forecast';
    time: number[];
    forecast: number[];
    lower80: number[];
    upper80: number[];
    lower95: number[];
    upper95: number[];
  };
}

export interface ForecastRow {
  time: string;
  forecast: number;
  lower80: number;
  upper80: number;
  lower95: number;
  upper95: number;
}

export interface ExampleResult {
  weights: { w1: number; w2: number; b1: number; w3: number; b2: number };
  steps: { day: string; input: number; preActivation: number; hidden: number }[];
  y1: number;
  y2: number;
  tomorrow: number;
}

export interface ExampleSeries {
  labels: string[];
  prices: number[];
  predicted: number[];
}

export interface ExampleGradients {
  feedbackWeight: number;
  steps: number;
  gradNorms: number[];
  parameterGradNorm: number;
  clipScale: number;
}

/** GET /api/schedules */
export interface Schedule {
  job: string;
  cron: string;
  timezone: string | null;
  nextRun: string | null;
  lastRun: string | null;
  lastStatus: string | null;
  updatedAt: string;
}
