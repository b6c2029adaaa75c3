// The one forecaster contract. The RNN, each classical method and a combination of them
// all implement it, so model selection, evaluation, intervals and the surfaces work over
// any of them without knowing which kind they hold.
//
// The protocol every candidate follows (fit.ts): fit on the history before validation
// (an RNN may also watch validation loss to stop early), forecast h steps from every
// validation origin using the actuals before it, keep the best by those forecasts, then
// `refit` the kept one on all the data for the future forecast.
import type { TimeSeries } from '../data/types.ts';
import type { SplitRanges } from '../prep/split.ts';
import type { FitHooks } from './fit-hooks.ts';

/** What kind of forecaster a fitted object is: the RNN, a classical method, or a combination. */
export type ForecasterKind = 'rnn' | 'classical' | 'combination';

/** A fitted forecaster as plain JSON: what a model file holds. */
export interface FittedJSON {
  kind: ForecasterKind;
  name: string;
  [key: string]: unknown;
}

export interface FittedForecaster {
  readonly kind: ForecasterKind;
  /** The candidate's name in the leaderboard, e.g. "ets", "rnn: seasonal difference (m = 24) + z-score". */
  readonly name: string;
  /** The first origin it can forecast from: how many past values it needs. */
  readonly firstOrigin: number;
  /** The most steps one call may ask for (a direct RNN has a fixed head; Infinity otherwise). */
  readonly maxSteps: number;
  /**
   * Raw-unit forecasts [origins.length × steps], row i forecasting origins[i] … origins[i]+steps−1
   * from the values of `columns` (target first, then features) before origins[i] only.
   *
   * @example
   * const rows = fitted.forecastFrom([series.values], [series.values.length], 7); // the next 7 values
   */
  forecastFrom(columns: readonly Float64Array[], origins: ArrayLike<number>, steps: number): Float64Array;
  /** The same forecaster fitted again on all of `series`, with what validation chose (an RNN keeps its epoch count). */
  refit(series: TimeSeries, hooks: FitHooks): Promise<FittedForecaster>;
  /** One line for reports. */
  describe(): string;
  toJSON(): FittedJSON;
}

/** A candidate of the pool: a name, and how to fit it on the part of a series before validation. */
export interface Candidate {
  readonly name: string;
  readonly kind: ForecasterKind;
  fit(series: TimeSeries, split: SplitRanges, hooks: FitHooks): Promise<FittedForecaster>;
}
