// A fitted forecaster: everything needed to forecast again without the training data —
// the network, the scalers fitted on the training slice, the config, the training
// history, the conformal interval widths and a fingerprint of the data it saw.
import type { Frequency } from '../data/types.ts';
import type { FittedScaler } from '../prep/scale.ts';
import type { SplitRanges } from '../prep/split.ts';
import type { Network } from '../rnn/network.ts';
import type { EpochRecord, TrainingResult } from '../train/trainer.ts';
import type { ForecastConfig } from './config.ts';
import type { ConformalWidths } from './intervals.ts';

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

/** Auto mode's choice between candidate scalers, by validation MAE. */
export interface ScalerSelection {
  kept: string;
  candidates: {
    scaler: string;
    validationMae: number;
    epochs: number;
    stoppedBy: TrainingResult['stoppedBy'];
    elapsedMs: number;
  }[];
}

export interface ForecastModel {
  createdAt: string;
  config: ForecastConfig;
  network: Network;
  /** One per network input (target first, then features); scalers.target scales the outputs. */
  scalers: { inputs: FittedScaler[]; target: FittedScaler };
  training: TrainingSummary;
  intervals: ConformalWidths;
  /** h-step forecasts from every validation origin, in raw units: what model selection compares. */
  validation: { origins: number; mae: number };
  data: DataSummary;
  split: SplitRanges;
  warnings: string[];
  /** Present when auto mode fitted more than one scaler and kept the best. */
  selection?: ScalerSelection;
}
