// Writes a forecast to a file, atomically: CSV with exactly one row per step and the
// columns time, forecast, lo_80, hi_80, lo_95, hi_95 (rounded to the data's precision plus
// two decimals), or with --intervals legacy the older time, forecast, lower, upper (the
// 95 % interval unless --level 80); or JSON with both intervals at full precision.
import { extname } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { writeFileAtomic } from '../files/atomic-write.ts';
import { forecastCsv, forecastRows } from '../forecaster.ts';
import type { FutureForecast, IntervalLevel, TimeSeries } from '../forecaster.ts';

export type { IntervalLevel } from '../forecaster.ts';

/** The values of --intervals, and what each writes (the help text of run and forecast). */
export const INTERVAL_CHOICES = {
  both: 'time,forecast,lo_80,hi_80,lo_95,hi_95 (default)',
  legacy: 'the older time,forecast,lower,upper of one interval (95 %, or --level 80 for forecast)',
} as const;
export type IntervalColumns = keyof typeof INTERVAL_CHOICES;

export const INTERVALS_HELP = `CSV interval columns: ${Object.entries(INTERVAL_CHOICES)
  .map(([name, what]) => `${name} = ${what}`)
  .join('; ')}`;

/** Commander's parser of --intervals: a clear error names the choices. */
export function parseIntervals(value: string): IntervalColumns {
  if (value in INTERVAL_CHOICES) return value as IntervalColumns;
  throw new InvalidArgumentError(`use ${Object.keys(INTERVAL_CHOICES).join(' or ')}, got "${value}"`);
}

export function forecastJson(f: FutureForecast): object {
  return { kind: f.kind, rows: forecastRows(f) };
}

/**
 * @example
 * await writeForecast('out.csv', forecast(model, series), series); // lo_80,hi_80,lo_95,hi_95
 * await writeForecast('out.csv', future, series, { intervals: 'legacy', level: 80 }); // lower,upper
 */
export async function writeForecast(
  path: string,
  f: FutureForecast,
  history: Pick<TimeSeries, 'values'>,
  csv: { intervals?: IntervalColumns; level?: IntervalLevel } = {},
): Promise<void> {
  const json = extname(path).toLowerCase() === '.json';
  await writeFileAtomic(
    path,
    json ? `${JSON.stringify(forecastJson(f), null, 2)}\n` : forecastCsv(f, history, csv),
  );
}
