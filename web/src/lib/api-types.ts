// The JSON the pages receive, re-exported type-only from the server's wire contract
// (src/server/wire.ts): one set of shapes, which the routes return, the API tests parse
// responses with and the OpenAPI document is converted from. The wire files import zod
// only, so this import does not pull the server's module graph into the web type check,
// and being type-only it leaves nothing in the bundle.
export type {
  AllSeriesTrainingsResponse,
  ApiColumn,
  Dataset,
  DatasetListResponse,
  DatasetResponse,
  DefaultConfig,
  DefaultsResponse,
  EpochEvent,
  Evaluation,
  ExampleGradients,
  ExampleResult,
  ExampleSeries,
  ForecastResponse,
  ForecastRow,
  Frequency,
  Gap,
  Leaderboard,
  MetricSet,
  MissingReport,
  ModelChart,
  ModelDetail,
  ModelListItem,
  ModelListResponse,
  Points,
  Run,
  RunsResponse,
  Schedule,
  SchedulesResponse,
  SeriesReport,
  SettingSchema,
  SettingsResponse,
  SettingsSchema,
  Summary,
  Training,
  TrainingEventData,
  TrainingResponse,
  ValidationReport,
} from '../../../src/server/wire.ts';

/** A cell name; the list of them is the server's (GET /api/settings, `cell.enum`). */
export type CellKind = string;

/**
 * POST /api/trainings: a request, not a response, so not part of the wire contract; the
 * server checks it with trainingRequestSchema, whose fields the settings agreement test
 * ties to the form.
 */
export interface TrainingRequest {
  datasetId: number;
  target: string;
  series?: string;
  time?: string;
  features?: string[];
  /** Columns known in the future: their values over the horizon come from rows past the history. */
  future?: string[];
  horizonSteps: number;
  windowLength?: number;
  /** One season, or several: the first sets seasonal naive and MASE. */
  seasonLength?: (number | string)[];
  cell?: CellKind;
  hiddenSize?: number;
  layers?: number;
  maxEpochs?: number;
  patienceEpochs?: number;
  seed?: number;
  // The "More settings" section (advanced-settings.ts), built from the schema.
  strategy?: string;
  scale?: string;
  learningRate?: number;
  batchSize?: number;
  maxTrainingWork?: number;
  candidates?: string[];
  ensembleSeeds?: number;
  calendar?: string;
  holidays?: string;
  calendarTimezone?: string;
}
