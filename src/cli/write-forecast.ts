// Writes a forecast to a file, atomically: CSV with exactly one row per step and the
// columns time, forecast, lower, upper (the 95 % interval unless --level 80), or JSON
// with both intervals.
import { extname } from 'node:path';
import { writeFileAtomic } from '../files/atomic-write.ts';
import { forecastCsv, forecastRows } from '../forecaster.ts';
import type { FutureForecast, IntervalLevel } from '../forecaster.ts';

export type { IntervalLevel } from '../forecaster.ts';

export function forecastJson(f: FutureForecast): object {
  return { kind: f.kind, rows: forecastRows(f) };
}

export async function writeForecast(
  path: string,
  f: FutureForecast,
  level: IntervalLevel = 95,
): Promise<void> {
  const json = extname(path).toLowerCase() === '.json';
  await writeFileAtomic(path, json ? `${JSON.stringify(forecastJson(f), null, 2)}\n` : forecastCsv(f, level));
}
