// A global model: one network, and for each series it was fitted on, that series' own
// scalers (fitted on all its data), its prediction-interval widths and how it scored on its
// validation origins. A series it has not seen is forecast with scalers fitted on that
// series' history and intervals pooled from the seen ones (global-intervals.ts).
import type { ForecastConfig } from '../config.ts';
import type { ConformalWidths } from '../intervals.ts';
import type { TrainingSummary } from '../model.ts';
import type { ModelScalers } from '../prepare.ts';
import type { StaticValue } from '../../data/types.ts';
import type { Network } from '../../rnn/network.ts';
import type { StaticEncoder } from './static-inputs.ts';

/** How the held-out network forecast one series' validation origins, beside seasonal naive. */
export interface GlobalSeriesScore {
  origins: number;
  smape: number;
  mase: number;
  /** (sMAPE / sMAPE of seasonal naive + MASE / MASE of seasonal naive) / 2: below 1 beats it. */
  score: number;
  /** Mean absolute errors of the model and of naive (the last value) on the same origins; absent in files written before they were kept. */
  mae?: number;
  naiveMae?: number;
}

export interface GlobalSeriesFit {
  id: string;
  /** Fitted on all of the series: what its forecasts are scaled with. */
  scalers: ModelScalers;
  /** Split-conformal widths from this series' own validation errors. */
  intervals: ConformalWidths;
  validation: GlobalSeriesScore;
  nonNegative: boolean;
  /** The series' static values it was fitted with, used when it is forecast without them. */
  statics?: StaticValue[];
}

export interface GlobalModel {
  kind: 'global';
  createdAt: string;
  config: ForecastConfig;
  /** The network refitted on every series' whole history, for as many epochs as early stopping kept. */
  network: Network;
  /** The training of the network early stopping chose (the held-out fit). */
  training: TrainingSummary;
  series: GlobalSeriesFit[];
  /** The static columns the network reads after the target (config.features names its inputs); empty when none. */
  statics: StaticEncoder[];
  /** Interval half-widths over each series' mean absolute one-step change, pooled (median) over the series: for unseen series. */
  relativeIntervals: ConformalWidths;
  excluded: { id: string; reason: string }[];
  warnings: string[];
  /**
   * An ensemble's further networks (fit-global.ts), each a global model on its own
   * seasonal normalisation (a week beside a day for hourly data). A series is forecast by
   * the median of the networks that read it (the mean of two); series[].validation and
   * series[].intervals are then those of the combination. Absent for one network.
   */
  members?: GlobalModel[];
}
