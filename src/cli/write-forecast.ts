// Writes a forecast to a file, atomically: CSV with exactly one row per step and the
// columns time, forecast, lower, upper (the 95 % interval unless --level 80), or JSON
// with both intervals.
import { extname } from 'node:path';
import { formatTime } from '../data/calendar.ts';
import { writeFileAtomic } from '../files/atomic-write.ts';
import type { FutureForecast } from '../forecaster.ts';

export type IntervalLevel = 80 | 95;

export function forecastCsv(f: FutureForecast, level: IntervalLevel = 95): string {
  const [lower, upper] = level === 80 ? [f.lower80, f.upper80] : [f.lower95, f.upper95];
  const rows = Array.from(f.forecast, (v, i) => `${formatTime(f.time[i]!)},${v},${lower[i]},${upper[i]}`);
  return `time,forecast,lower,upper\n${rows.join('\n')}\n`;
}

export function forecastJson(f: FutureForecast): object {
  return {
    kind: f.kind,
    rows: Array.from(f.forecast, (v, i) => ({
      time: formatTime(f.time[i]!), forecast: v,
      lower80: f.lower80[i], upper80: f.upper80[i], lower95: f.lower95[i], upper95: f.upper95[i],
    })),
  };
}

export async function writeForecast(path: string, f: FutureForecast, level: IntervalLevel = 95): Promise<void> {
  const json = extname(path).toLowerCase() === '.json';
  await writeFileAtomic(path, json ? `${JSON.stringify(forecastJson(f), null, 2)}\n` : forecastCsv(f, level));
}
