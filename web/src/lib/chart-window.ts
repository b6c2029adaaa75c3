// Which part of a results chart to open on and how tall its y-axis should be. A whole
// history with a 7-step forecast makes the forecast a sliver at the right edge, so the
// chart opens on the last few horizons of history plus the forecast; and a y-axis kept at
// the whole history's range flattens what is shown, so the range is fitted to the visible
// points on every zoom. Pure: test/web checks the arithmetic.

/**
 * [from, to] in epoch ms: the same shape as zoom-detail.ts's TimeRange, declared here so this
 * pure file does not pull Plotly's types into the unit tests' type check.
 */
export type TimeRange = [from: number, to: number];

/** Horizons of history shown before the forecast when the chart opens. */
export const HISTORY_HORIZONS = 5;
/** …but never fewer points than this, so a 1-step forecast still has context. */
export const MIN_HISTORY_POINTS = 30;

/** The median gap between consecutive times (the series' step), or 0 with fewer than two. */
export function typicalStep(time: readonly number[]): number {
  const gaps: number[] = [];
  for (let i = Math.max(1, time.length - 200); i < time.length; i++) {
    const gap = (time[i] ?? 0) - (time[i - 1] ?? 0);
    if (gap > 0) gaps.push(gap);
  }
  if (gaps.length === 0) return 0;
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)] ?? 0;
}

/**
 * The x-range the chart opens on: max(5 horizons, 30 points) of history up to the forecast
 * origin, then the forecast, with half a step of room at either end so the first and last
 * markers are not cut by the frame. Never starts before the first actual.
 *
 * @example
 * recentRange(dailyTimes, forecastTimes, 7); // [origin − 35 days − ½ day, last forecast + ½ day]
 */
export function recentRange(
  actualTime: readonly number[],
  forecastTime: readonly number[],
  horizonSteps: number,
): TimeRange | null {
  const origin = actualTime.at(-1);
  const first = actualTime[0];
  if (origin === undefined || first === undefined) return null;
  const step = typicalStep(forecastTime.length > 1 ? [origin, ...forecastTime] : actualTime);
  const end = forecastTime.at(-1) ?? origin;
  const historyPoints = Math.max(HISTORY_HORIZONS * horizonSteps, MIN_HISTORY_POINTS);
  // Counted in points, not in time: business days skip weekends, so 50 steps of history are
  // 50 trading days, not 50 calendar days.
  const from = (actualTime[Math.max(0, actualTime.length - 1 - historyPoints)] ?? first) - step / 2;
  const to = end + step / 2;
  return to > from ? [Math.floor(from), Math.ceil(to)] : null;
}

/** A line the y-range must hold: times and values (null is a gap). */
export interface VisibleLine {
  time: readonly number[];
  values: readonly (number | null)[];
}

/**
 * [min, max] of every value inside [from, to] across the lines, padded by 6 % of the span
 * (or of the value when the span is flat); null when nothing is visible.
 *
 * @example
 * fitYRange([{ time: [1, 2, 3], values: [10, 20, 30] }], [2, 3]); // [19.4, 30.6]
 */
export function fitYRange(lines: readonly VisibleLine[], range: TimeRange): [number, number] | null {
  const [from, to] = range;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const { time, values } of lines)
    for (let i = 0; i < time.length; i++) {
      const t = time[i] ?? Number.NaN;
      const v = values[i];
      if (t < from || t > to || v === null || v === undefined || !Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return null;
  const span = hi - lo;
  const pad = span > 0 ? span * 0.06 : Math.max(Math.abs(hi) * 0.06, 1);
  return [lo - pad, hi + pad];
}
