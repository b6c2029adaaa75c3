// The scaler's types: its spec, fitted parameters, file form and the fitted object's
// interface. They live apart from scale.ts so that range-check.ts (which scale.ts
// re-exports) can read a FittedScaler without importing scale.ts back.
import type { ColumnAnchors } from './column-anchors.ts';
import type { EsSmoothing } from './es-normalise.ts';
import type { ScalerKind } from './scaler-stats.ts';
import type { Anchor, RelativeMode, ValueTransform } from './value-steps.ts';

export interface ScalerSpec {
  kind: ScalerKind;
  transform?: ValueTransform;
  /** Seasonal difference: m, the lag of the difference. es-normalise: m, its season (1: level only). */
  seasonLength?: number;
  /** Express each window relative to its last observed value, so trends leaving the training range stay forecastable. */
  windowRelative?: boolean;
  /** Window-relative only: the window the statistics are gathered over. */
  windowLength?: number;
  horizonSteps?: number;
}

export interface ScalerParams {
  /** z = (y − center) / scale, y being the value after the transform steps. */
  center: number;
  scale: number;
  /** Range of y over the training slice: values outside it are extrapolation. */
  fitMin: number;
  fitMax: number;
  /** Training samples the statistics came from. */
  count: number;
  /** Window-relative: ratio x/anchor − 1 when the training values are all positive (and not logged), else offset x − anchor. */
  relative: RelativeMode | null;
  /** es-normalise: its α, γ; multiplicative if all training values are positive, else additive. */
  smoothing: EsSmoothing | null;
}

/**
 * Version 2 added es-normalise and its `smoothing`; every other scaler is still written as
 * version 1, without the field, so builds that predate it read those as before.
 */
export interface ScalerJSON {
  format: 'recurrent-scaler';
  version: 1 | 2;
  spec: ScalerSpec;
  params: Omit<ScalerParams, 'smoothing'> & { smoothing?: EsSmoothing | null };
}

export interface FittedScaler {
  readonly spec: Readonly<ScalerSpec>;
  readonly params: Readonly<ScalerParams>;
  /** true for (seasonal) differences, window-relative scaling and es-normalise. */
  readonly needsAnchor: boolean;
  /** Values the anchor for targets holds: 0, 1, m for a seasonal difference, 1 + m for es-normalise. */
  readonly anchorLength: number;
  /**
   * true when an anchor depends on every value before its origin (es-normalise), not only on
   * the lead values: forecasting from a strip of lead values alone cannot reproduce it.
   */
  readonly needsHistory: boolean;
  /** Where this scaler's anchors lie in one column; made once per column. */
  anchorsIn(column: Float64Array): ColumnAnchors;
  transform(values: Float64Array, anchor?: Anchor): Float64Array;
  inverse(scaled: Float64Array, anchor?: Anchor): Float64Array;
  toJSON(): ScalerJSON;
}
