// The horizon the training form suggests: a span an analyst plans over at the data's
// frequency (four weeks of daily data, a year of monthly, two of quarterly…), in steps,
// and never so long that the series cannot both learn and be scored on it.

/** The span suggested per frequency unit, in steps of one unit. */
const STEPS_PER_UNIT: Record<string, number> = {
  second: 60, // a minute
  minute: 60, // an hour
  hour: 48, // two days
  day: 28, // four weeks
  'business-day': 5, // one week
  week: 13, // a quarter
  month: 12, // a year
  quarter: 8, // two years
  year: 6,
};

/** Without a known frequency: a week of days is as good a guess as any. */
const FALLBACK_STEPS = 7;

/**
 * A forecast longer than a fifth of the series leaves too little to learn from once
 * validation and test each hold a forecast of that length (src/forecast/plan-split.ts).
 */
const MAX_SHARE_OF_SERIES = 1 / 5;

/**
 * Suggested horizon in steps: the span for the frequency's unit, in steps of the data's own
 * step (an hour of 15-minute data: 60 / 15 = 4 steps), and at most a fifth of the series.
 * At least 1.
 *
 * @example
 * defaultHorizon({ unit: 'day', step: 1 }, 1096); // 28
 * defaultHorizon({ unit: 'month', step: 1 }, 36); // 7: a fifth of three years of months
 * defaultHorizon({ unit: 'minute', step: 15 }); // 4
 * defaultHorizon(null, 500); // 7
 */
export function defaultHorizon(
  frequency: { unit: string; step: number } | null | undefined,
  seriesLength?: number,
): number {
  const perUnit = frequency ? STEPS_PER_UNIT[frequency.unit] : undefined;
  const step = frequency && frequency.step >= 1 ? frequency.step : 1;
  const wanted = perUnit === undefined ? FALLBACK_STEPS : Math.max(1, Math.round(perUnit / step));
  if (seriesLength === undefined || !Number.isFinite(seriesLength)) return wanted;
  return Math.max(1, Math.min(wanted, Math.floor(seriesLength * MAX_SHARE_OF_SERIES)));
}
