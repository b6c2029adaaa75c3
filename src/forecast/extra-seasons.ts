// Seasons longer than the main one. An hourly series carries a day (24) and often a week
// (168): electricity load, traffic and staffing differ by weekday. Seasonal naive and MASE
// keep the main season; the longer one adds candidates (seasonal naive at the longer
// season, an RNN on the series differenced at it) that validation then weighs like any
// other. On 100 M4 Hourly series, picking seasonal naive at 168 over 24 by the test below
// scored OWA 0.532 against 0.632 (bench/M4.md).
import type { Frequency } from '../data/types.ts';

/**
 * The longer seasons a frequency may carry beside its main one: a week of hours, a year of
 * days (365: a daily series' year drifts a quarter day, which a seasonal lag cannot hold),
 * a day of minutes. Only whole numbers of steps: 5-hourly data has no week of whole steps
 * (168/5 = 33.6), 2-hourly data has an 84-step one.
 */
export function longerSeasonsOf(frequency: Frequency): number[] {
  const perUnit: Partial<Record<Frequency['unit'], number>> = { hour: 168, day: 365, minute: 1440 };
  const steps = (perUnit[frequency.unit] ?? 0) / frequency.step;
  return Number.isInteger(steps) && steps >= 2 ? [steps] : [];
}

/**
 * The lag a longer season must beat. A season that holds whole main seasons (a week of 24
 * hours) must beat the main season: every hourly series repeats at 168 because it repeats at
 * 24, so only "closer a week apart than a day apart" shows a weekly pattern. A season that
 * does not (365 days against 7) must beat half of itself, where its cycle is at the
 * opposite phase: a yearly pattern makes values closer a year apart than half a year
 * apart, a trend makes them further.
 */
export function referenceLag(longer: number, seasonLength: number): number {
  return seasonLength >= 2 && longer % seasonLength === 0 ? seasonLength : Math.floor(longer / 2);
}

/**
 * The longer seasons auto mode adds: those of the frequency that the training values
 * repeat at more closely than at the reference lag. The test is in-sample, on the training
 * slice only. It reads hundreds of differences where a validation split reads a few
 * origins, so it tells a weekly pattern from a daily one more reliably (on the 100 M4
 * Hourly series, choosing by it scored OWA 0.532; choosing by the last 48 values 0.588).
 */
export function autoExtraSeasons(frequency: Frequency, seasonLength: number, train: Float64Array): number[] {
  return longerSeasonsOf(frequency).filter(
    (longer) => longer > seasonLength && repeatsCloser(train, longer, referenceLag(longer, seasonLength)),
  );
}

/**
 * Whether the values repeat more closely at lag `longer` than at lag `shorter`, over the t
 * both lags reach: for a centred series, the mean squared difference at lag k is
 * 2·c0·(1 − r_k), so this is the autocorrelation at the longer lag beating the shorter's,
 * in absolute differences, which an outlier sways less. Two seasons of the longer lag are
 * needed for a season's worth of differences (M4 Hourly's shortest series leave 490 values
 * before validation: 2.9 weeks).
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

/**
 * The longer seasons that also bring an RNN on the series differenced at them: every season
 * the caller gave, and of those auto mode found, the ones holding whole main seasons (a week
 * of hours). A detected year of days brings seasonal naive only: on the own suite's seven
 * daily series its seasonal-difference network was never the one kept (a 14-day horizon is
 * a small part of a year, which a level model tracks), and it cost a network fit each.
 */
export function rnnSeasons(
  given: readonly number[] | undefined,
  config: { seasonLength: number; extraSeasons?: number[] },
): number[] {
  const extra = config.extraSeasons ?? [];
  if (given !== undefined) return extra;
  return extra.filter((m) => config.seasonLength >= 2 && m % config.seasonLength === 0);
}

/** A caller's extra seasons, checked: whole numbers ≥ 2, none equal to the main season. */
export function checkedExtraSeasons(extra: readonly number[], seasonLength: number): string | null {
  for (const m of extra) {
    if (!Number.isInteger(m) || m < 2) return `every extra season must be a whole number ≥ 2, got ${m}`;
    if (m === seasonLength) return `the extra season ${m} repeats the main season`;
  }
  return new Set(extra).size === extra.length ? null : `the extra seasons ${extra.join(', ')} repeat one`;
}

/**
 * The same check for a settings list (first season, then the others), worded to follow
 * the setting's name: "--season must list each season once, got 24, 24".
 */
export function seasonListProblem(seasons: readonly number[]): string | null {
  if (seasons.length > 1 && seasons.includes(1))
    return `must list only seasons of 2 or more when it lists several, got ${seasons.join(', ')}`;
  return new Set(seasons).size === seasons.length
    ? null
    : `must list each season once, got ${seasons.join(', ')}`;
}
