// The precision a series was recorded at, so that forecasts are written with as many
// decimals as the data has plus two: prices in cents give 4 decimals, whole counts give 2.
// More would be noise the model cannot know; fewer would hide differences between steps.

/** Values beyond this many decimals are computed (averaged, interpolated), not recorded. */
const MOST_DATA_DECIMALS = 8;
/** Recent values decide: the precision a series is recorded at today is the one that matters. */
const RECENT_VALUES = 10_000;
/** A few computed values (filled gaps, merged duplicates) must not set the precision of all. */
const SHARE_AT_PRECISION = 0.99;

/** Decimals in the shortest text of `v` (1455.219971 → 6, 39.8 → 1, 1e-7 → 7, 1200 → 0). */
function decimalsOf(v: number): number {
  const text = String(Math.abs(v));
  const e = text.indexOf('e');
  const mantissa = e < 0 ? text : text.slice(0, e);
  const exponent = e < 0 ? 0 : Number(text.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const fraction = dot < 0 ? 0 : mantissa.length - dot - 1;
  return Math.max(0, fraction - exponent);
}

/**
 * The decimals the series was recorded with: the fewest that write 99 % of its recent
 * finite values exactly, at most 8.
 *
 * @example
 * dataDecimals([12, 15, 9]);           // 0
 * dataDecimals([39.81, 36.35, 43.2]);  // 2
 */
export function dataDecimals(values: ArrayLike<number>): number {
  const counts = new Array<number>(MOST_DATA_DECIMALS + 1).fill(0);
  let finite = 0;
  for (let i = Math.max(0, values.length - RECENT_VALUES); i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    finite++;
    const d = Math.min(decimalsOf(v), MOST_DATA_DECIMALS);
    counts[d] = (counts[d] ?? 0) + 1;
  }
  let covered = 0;
  for (let d = 0; d < MOST_DATA_DECIMALS; d++) {
    covered += counts[d] ?? 0;
    if (covered >= SHARE_AT_PRECISION * finite) return d;
  }
  return MOST_DATA_DECIMALS;
}

/** Decimals a forecast of these values is written with: the data's own plus two. */
export function forecastDecimals(values: ArrayLike<number>): number {
  return dataDecimals(values) + 2;
}

/**
 * `v` with exactly `decimals` decimals, as text; never "-0.00".
 *
 * @example
 * roundedText(6.0712345, 2); // '6.07'
 * roundedText(-0.001, 2);    // '0.00'
 */
export function roundedText(v: number, decimals: number): string {
  const text = v.toFixed(decimals);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}
