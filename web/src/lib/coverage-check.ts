// Interval coverage against its promise: an 80 % interval that held only 66.9 % of the
// test actuals is narrower than it claims, and the page must say so where it is shown
// rather than leave a bare percentage. Pure: test/web checks it directly.
import { percent } from './format.ts';

/** More than this many points (as a fraction) under the nominal level is flagged. */
export const COVERAGE_TOLERANCE = 0.1;

export interface CoverageShortfall {
  level: number;
  observed: number;
  /** level − observed, as a fraction (0.131 = 13.1 points). */
  short: number;
  message: string;
}

/**
 * The intervals whose test coverage fell more than COVERAGE_TOLERANCE under their level.
 *
 * @example
 * coverageShortfalls([{ level: 0.8, observed: 0.669 }])[0]?.message;
 * // "The 80 % interval held only 66.9 % of the test actuals, 13.1 points under its nominal level: …"
 */
export function coverageShortfalls(
  coverage: readonly { level: number; observed: number | null }[],
): CoverageShortfall[] {
  const out: CoverageShortfall[] = [];
  for (const { level, observed } of coverage) {
    if (observed === null || !Number.isFinite(observed)) continue;
    const short = level - observed;
    // A hair of tolerance so 0.8 − 0.7 (0.10000000000000009) is not flagged as "more than 10".
    if (short <= COVERAGE_TOLERANCE + 1e-9) continue;
    const nominal = `${Math.round(level * 100)} %`;
    out.push({
      level,
      observed,
      short,
      message: `The ${nominal} interval held only ${percent(observed)} of the test actuals, ${(short * 100).toFixed(1)} points under its nominal level: the real uncertainty is wider than the band shows.`,
    });
  }
  return out;
}
