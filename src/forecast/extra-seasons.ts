// Seasons longer than the main one. An hourly series carries a day (24) and often a week
// (168): electricity load, traffic and staffing differ by weekday. Seasonal naive and MASE
// keep the main season; the longer one adds candidates (seasonal naive at the longer
// season, an RNN on the series differenced at it) that validation then weighs like any
// other. On 100 M4 Hourly series, picking seasonal naive at 168 over 24 by the test below
// scored OWA 0.532 against 0.632 (bench/M4.md).
import type { Frequency } from '../data/types.ts';

/** The longer season a frequency may carry beside its main one: a week of hours. */
export function longerSeasonsOf(frequency: Frequency): number[] {
  if (frequency.unit !== 'hour') return [];
  const week = 168 / frequency.step;
  return Number.isInteger(week) && week >= 2 ? [week] : [];
}

/**
 * The longer seasons auto mode adds: those of the frequency that the training values
 * repeat more closely than the main season. The test is in-sample, on the training slice
 * only: the mean |y_t − y_{t−M}| must be below the mean |y_t − y_{t−m}| over the same t.
 * It reads hundreds of differences where a validation split reads a few origins, so it
 * tells a weekly pattern from a daily one more reliably (on the 100 M4 Hourly series,
 * choosing by it scored OWA 0.532; choosing by the last 48 values scored 0.588).
 */
export function autoExtraSeasons(frequency: Frequency, seasonLength: number, train: Float64Array): number[] {
  return longerSeasonsOf(frequency).filter(
    (longer) => longer > seasonLength && repeatsCloser(train, longer, seasonLength),
  );
}

/**
 * Whether the values repeat more closely at lag `longer` than at lag `shorter`, over the t
 * both lags reach. Two seasons of the longer lag are needed for a season's worth of
 * differences (M4 Hourly's shortest series leave 490 values before validation: 2.9 weeks).
 */
export function repeatsCloser(values: Float64Array, longer: number, shorter: number): boolean {
  if (values.length < 2 * longer) return false;
  let atLonger = 0;
  let atShorter = 0;
  for (let t = longer; t < values.length; t++) {
    atLonger += Math.abs(values[t]! - values[t - longer]!);
    atShorter += Math.abs(values[t]! - values[t - shorter]!);
  }
  return atLonger < atShorter;
}

/** A caller's extra seasons, checked: whole numbers ≥ 2, none equal to the main season. */
export function checkedExtraSeasons(extra: readonly number[], seasonLength: number): string | null {
  for (const m of extra) {
    if (!Number.isInteger(m) || m < 2) return `every extra season must be a whole number ≥ 2, got ${m}`;
    if (m === seasonLength) return `the extra season ${m} repeats the main season`;
  }
  return new Set(extra).size === extra.length ? null : `the extra seasons ${extra.join(', ')} repeat one`;
}
