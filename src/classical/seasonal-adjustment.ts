// The M4 benchmarks' seasonal adjustment: when the seasonality test says so, divide the series
// by the classical multiplicative seasonal indices, forecast the adjusted series, and multiply
// the forecasts back. Indices are fixed at fit time and indexed by t mod m (t from 0), so a
// forecast from any later origin uses the same indices.
//
// Extension beyond M4 (whose data are all positive): a series with a zero or negative value
// cannot be divided by a multiplicative index, so it is adjusted additively instead.

import { decompose } from './decompose.ts';
import type { DecompositionType } from './decompose.ts';
import { isSeasonal } from './seasonality-test.ts';

export interface SeasonalAdjustmentJSON {
  kind: DecompositionType;
  figure: number[];
}

/** Seasonal indices of period m, applied by position t mod m. */
export class SeasonalAdjustment {
  constructor(
    readonly kind: DecompositionType,
    readonly figure: Float64Array,
  ) {}

  get period(): number {
    return this.figure.length;
  }

  /** The seasonally adjusted value of y at time t. */
  remove(value: number, t: number): number {
    const s = this.figure[t % this.figure.length]!;
    return this.kind === 'multiplicative' ? value / s : value - s;
  }

  /** Puts the season of time t back into an adjusted value. */
  restore(value: number, t: number): number {
    const s = this.figure[t % this.figure.length]!;
    return this.kind === 'multiplicative' ? value * s : value + s;
  }

  /** Seasonally adjusted copy of y[0 .. length). */
  adjust(y: Float64Array, length = y.length): Float64Array {
    const out = new Float64Array(length);
    for (let t = 0; t < length; t++) out[t] = this.remove(y[t]!, t);
    return out;
  }

  toJSON(): SeasonalAdjustmentJSON {
    return { kind: this.kind, figure: Array.from(this.figure) };
  }

  describe(): string {
    return `${this.kind} seasonal indices, m=${this.figure.length}`;
  }
}

/** Why a series was or was not seasonally adjusted, for describe(). */
export interface SeasonalAdjustmentChoice {
  readonly adjustment: SeasonalAdjustment | null;
  readonly note: string;
}

/**
 * M4's rule: adjust when m ≥ 2, n ≥ 3m and the 90 % autocorrelation test finds seasonality.
 * Multiplicative indices (as M4) for positive data, additive otherwise.
 */
export function chooseSeasonalAdjustment(y: Float64Array, m: number): SeasonalAdjustmentChoice {
  if (!(m >= 2)) return { adjustment: null, note: 'non-seasonal (m<2)' };
  if (y.length < 3 * m) return { adjustment: null, note: `non-seasonal (fewer than 3 seasons of m=${m})` };
  if (!isSeasonal(y, m))
    return { adjustment: null, note: `non-seasonal (seasonality test failed at m=${m})` };
  let positive = true;
  for (let t = 0; t < y.length; t++) if (!(y[t]! > 0)) positive = false;
  const kind: DecompositionType = positive ? 'multiplicative' : 'additive';
  const figure = decompose(y, m, kind).figure;
  for (let i = 0; i < figure.length; i++) {
    // A multiplicative index of zero or less (possible only with a non-positive moving average) is unusable.
    if (!Number.isFinite(figure[i]) || (kind === 'multiplicative' && figure[i]! <= 0)) {
      return { adjustment: null, note: `non-seasonal (decomposition unusable at m=${m})` };
    }
  }
  const adjustment = new SeasonalAdjustment(kind, figure);
  return { adjustment, note: `seasonally adjusted (${adjustment.describe()})` };
}
