// A forecaster's full configuration once auto mode has filled it in: what to forecast,
// how to window and scale it, which network, and how to train. Saved with every model.
import type { Precision } from '../rnn/floats.ts';
import type { CellKind } from '../rnn/cells/cell.ts';
import type { RnnActivation } from '../rnn/cells/rnn.ts';
import type { ScalerSpec } from '../prep/scale.ts';
import type { TrainingConfig } from '../train/config.ts';
import type { CalendarConfig } from './calendar-features.ts';

/** recursive: a one-step model fed its own predictions; direct: the network outputs all h steps. */
export const FORECAST_STRATEGIES = ['recursive', 'direct'] as const;

export type ForecastStrategy = (typeof FORECAST_STRATEGIES)[number];

/**
 * How the network turns a window into h forecasts: many-to-one, the last hidden state into
 * a dense head of h outputs; seq2seq, a decoder unrolling the h steps (src/rnn/decoder.ts).
 */
export const ARCHITECTURES = ['many-to-one', 'seq2seq'] as const;

export type Architecture = (typeof ARCHITECTURES)[number];

export interface NetworkChoice {
  cell: CellKind;
  hiddenSize: number;
  layers: number;
  activation?: RnnActivation;
  /** many-to-one when absent. */
  architecture?: Architecture;
  /** The encoder also reads each window backwards. */
  bidirectional?: boolean;
  /**
   * The arithmetic the network trains and forecasts in; float32 when absent (about twice as
   * fast). A model file keeps it, so a loaded model forecasts exactly as it was fitted.
   */
  precision?: Precision;
}

export interface ForecastConfig {
  target: string;
  /** Past-only input columns: the network sees their values up to the forecast origin. */
  features: string[];
  /** Known-future input columns: the network also sees their values over the horizon (future-columns.ts). */
  futureFeatures?: string[];
  /** Generated calendar inputs (calendar-features.ts), known for any future time; none when absent. */
  calendar?: CalendarConfig;
  horizonSteps: number;
  /** m: the season used by seasonal naive and MASE. */
  seasonLength: number;
  /** Longer seasons that add candidates (src/forecast/extra-seasons.ts); none when absent. */
  extraSeasons?: number[];
  windowLength: number;
  strategy: ForecastStrategy;
  network: NetworkChoice;
  scaler: ScalerSpec;
  /** Fractions of the series, chronological: train, then validation, then test. */
  split: { validation: number; test: number };
  training: TrainingConfig;
}

/** What a caller may give; auto mode fills in the rest from the data. */
export interface ForecastOptions {
  target?: string;
  features?: string[];
  /** Columns whose values are known over the horizon (a planned promotion, a price); the forecast needs them. */
  futureFeatures?: string[];
  /** Calendar inputs: cycles from the frequency, a country's public holidays, read in a time zone. */
  /**
   * Left out, auto mode tries the calendar on daily and business-day data (one more RNN
   * candidate, kept only when validation prefers it); false: no calendar, not even tried.
   */
  calendar?: { holidays?: string; timezone?: string; candidate?: boolean } | false;
  horizonSteps: number;
  seasonLength?: number;
  /** Longer seasons beside seasonLength, e.g. 168 for hourly data; auto mode tests the frequency's when left out. */
  extraSeasons?: number[];
  windowLength?: number;
  strategy?: ForecastStrategy;
  network?: Partial<NetworkChoice>;
  scaler?: ScalerSpec;
  split?: { validation: number; test: number };
  training?: Partial<TrainingConfig>;
  /**
   * Narrows auto mode's candidate pool: kinds ("rnn", "classical") or methods ("ets",
   * "theta", "seasonal-naive", …). All of them when left out.
   */
  candidates?: string[];
  /** Seeds of the best RNN candidate to fit; with more than 1 their median joins the pool as one more candidate. */
  ensembleSeeds?: number;
  /** Auto mode also fits a seq2seq and a bidirectional network, kept only when validation prefers one. */
  tryArchitectures?: boolean;
}

/** How many outputs the network's head has under a strategy. */
export function headOutputs(config: Pick<ForecastConfig, 'strategy' | 'horizonSteps'>): number {
  return config.strategy === 'direct' ? config.horizonSteps : 1;
}
