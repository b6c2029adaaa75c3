// A fitted model: everything needed to forecast again without the training data — the
// kept forecaster (held-out and refitted), the leaderboard that chose it, the config, the
// conformal interval widths and a fingerprint of the data it saw.
import type { Frequency } from '../data/types.ts';
import type { SplitRanges } from '../prep/split.ts';
import type { EpochRecord, TrainingResult } from '../train/trainer.ts';
import type { ForecastConfig } from './config.ts';
import type { FittedForecaster } from './contract.ts';
import type { ConformalWidths } from './intervals.ts';
import type { Leaderboard } from './select.ts';

export interface DataSummary {
  /** sha256 over the timestamps and every column used, in order. */
  fingerprint: string;
  id: string;
  rows: number;
  /** Epoch ms of the first and last timestamps. */
  start: number;
  end: number;
  frequency: Frequency;
}

export interface TrainingSummary {
  history: EpochRecord[];
  bestEpoch: number;
  bestLoss: number;
  stoppedBy: TrainingResult['stoppedBy'];
  elapsedMs: number;
}

export interface ForecastModel {
  createdAt: string;
  /** The resolved settings: the horizon, season and split every candidate shares, and the RNN candidates' network. */
  config: ForecastConfig;
  /** The kept forecaster fitted on the history before validation: what evaluate() and predictNext() score, so the test report stays honest. */
  heldOut: FittedForecaster;
  /** The kept forecaster fitted again on all the data: what forecasts of the future come from. */
  final: FittedForecaster;
  /** The training of the kept RNN (or of the first RNN candidate when a classical method was kept); null when no network was fitted. */
  training: TrainingSummary | null;
  /** Split-conformal half-widths from the kept forecaster's validation errors. */
  intervals: ConformalWidths;
  /** The series was never negative, so no forecast or interval bound is either. */
  nonNegative: boolean;
  /** How the kept forecaster did on the validation origins, in raw units and as M4 scores it. */
  validation: { origins: number; mae: number; smape: number; mase: number };
  /** Every candidate's validation score, best first, and which was kept. */
  leaderboard: Leaderboard;
  data: DataSummary;
  /** Where validation and test begin; test is empty on a series too short to hold one out. */
  split: SplitRanges;
  warnings: string[];
}
