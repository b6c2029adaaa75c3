// The contract every classical forecasting method meets: a fitted object that forecasts from
// any origin of a history with its fit-time parameters, and serialises to plain JSON.

export interface ClassicalFit {
  /** Short name: 'naive' | 'seasonal-naive' | 'drift' | 'naive2' | 'ses' | 'theta' | 'ets' | 'arima'. */
  readonly method: string;
  /** One line for reports, e.g. "ETS(A,Ad,M) α=0.31 β=0.02 φ=0.95 γ=0.1 (AICc 1234.5)". */
  describe(): string;
  /**
   * Raw forecasts [origins.length * steps], row i forecasting values at origins[i] … origins[i]+steps−1
   * from the values y[0 .. origins[i]) only, using the parameters fitted at fit time (states are
   * re-run through the actual history, parameters are NOT re-estimated). origins may lie beyond the
   * data the fit saw (that is the point: fit on a training slice, forecast from later origins).
   * Must be efficient for many origins: one pass of the filter over the history, snapshotting the
   * state at each origin, not a pass per origin.
   */
  forecastFrom(y: Float64Array, origins: ArrayLike<number>, steps: number): Float64Array;
  /**
   * Serialisable parameters: enough to rebuild the fit with `classicalFromJSON`.
   * Plain JSON (numbers, strings, arrays).
   */
  toJSON(): ClassicalJSON;
}

export interface ClassicalJSON {
  method: string;
  [key: string]: unknown;
}

export interface ClassicalOptions {
  /** Season length m (24 for hourly data with a daily cycle, 7 for daily data, 1 for none). */
  seasonLength: number;
  /** How far ahead forecasts will be asked for; informational for the current methods. */
  horizonSteps?: number;
}
