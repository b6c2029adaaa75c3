// How many decimals a series' values should be shown with, read from the data itself:
// prices written with two decimals show two, counts show none, and large values show no
// decimals at all, so hover text and captions read like the file the analyst gave, not
// like a float dump ("4 decimals" was the complaint). Pure: unit-tested in test/web.

/** More decimals than this are noise from arithmetic (means, interpolation), not data. */
const MAX_DECIMALS = 4;
/** From this magnitude on (typical value), decimals add nothing a person reads. */
const LARGE_MAGNITUDE = 10_000;
/** The share of values that must be exact at d decimals for d to be the data's precision. */
const EXACT_SHARE = 0.95;
/** Enough values to judge the precision by; the rest add time, not information. */
const SAMPLE = 2_000;

/** The decimals `value` is written with (0…MAX_DECIMALS), or MAX_DECIMALS + 1 when it has more. */
function decimalsOf(value: number): number {
  for (let d = 0; d <= MAX_DECIMALS; d++) {
    const scaled = value * 10 ** d;
    // Relative tolerance: 0.1 + 0.2 style float error is not a decimal of the data.
    if (Math.abs(scaled - Math.round(scaled)) <= 1e-9 * Math.max(1, Math.abs(scaled))) return d;
  }
  return MAX_DECIMALS + 1;
}

/** The finite values of `values`, at most SAMPLE of them, spread evenly. */
function sampleOf(values: ArrayLike<number | null>): number[] {
  const step = Math.max(1, Math.floor(values.length / SAMPLE));
  const out: number[] = [];
  for (let i = 0; i < values.length; i += step) {
    const v = values[i];
    if (typeof v === 'number' && Number.isFinite(v)) out.push(v);
  }
  return out;
}

function median(sorted: number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * The decimals to show values of this series with: the fewest at which 95 % of the values
 * are exact (a few interpolated values do not count), none for large magnitudes, and for
 * values with no fixed precision (floats stored with 6+ decimals) two, or 4 significant
 * digits of a typical value below 1.
 *
 * @example
 * valueDecimals([12.5, 13.25, 12.75]); // 2
 * valueDecimals([120, 95, 101]); // 0
 * valueDecimals([15234.5, 16001.25]); // 0 (large values)
 * valueDecimals([1455.219971, 1399.420044]); // 2 (no fixed precision)
 * valueDecimals([0.012345678, 0.0139876543]); // 4 (no fixed precision, below 1: 4 significant digits, capped)
 */
export function valueDecimals(values: ArrayLike<number | null>): number {
  const sample = sampleOf(values);
  if (sample.length === 0) return 2;
  const magnitudes = sample.map(Math.abs).sort((a, b) => a - b);
  const typical = median(magnitudes);
  if (typical >= LARGE_MAGNITUDE) return 0;
  const counts = new Array<number>(MAX_DECIMALS + 2).fill(0);
  for (const v of sample) counts[decimalsOf(v)] = (counts[decimalsOf(v)] ?? 0) + 1;
  let exact = 0;
  for (let d = 0; d <= MAX_DECIMALS; d++) {
    exact += counts[d] ?? 0;
    if (exact >= EXACT_SHARE * sample.length) return d;
  }
  // No fixed precision (prices stored as 1455.219971, computed means): two decimals, as
  // prices and measurements are read, or 4 significant digits of a value below 1.
  if (typical >= 1) return 2;
  const digitsBeforePoint = typical > 0 ? Math.floor(Math.log10(typical)) + 1 : 1;
  return Math.min(MAX_DECIMALS, Math.max(0, 4 - digitsBeforePoint));
}

/**
 * A value at `decimals` places with thousands separators ("–" for null or non-finite).
 *
 * @example
 * formatValue(1234.5, 2); // "1,234.50"
 */
export function formatValue(value: number | null | undefined, decimals: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const text = value.toLocaleString('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
  return text === `-${(0).toFixed(decimals)}` ? text.slice(1) : text; // no "-0.00"
}

/**
 * The d3-format spec Plotly's hovertemplate uses for the same rounding as formatValue.
 *
 * @example
 * `%{y:${plotlyValueFormat(2)}}`; // "%{y:,.2f}"
 */
export function plotlyValueFormat(decimals: number): string {
  return `,.${decimals}f`;
}
