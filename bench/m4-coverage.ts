// How often the M4 test values fell inside the forecasts' 80 % and 95 % bands: a calibrated
// interval covers about as often as its level says. Pooled over every step of every series
// that has bands (a series scored as naive has none and is left out).
import type { M4Series } from './m4-data.ts';
import type { M4Result } from './m4-run.ts';

export interface Coverage {
  /** Share of test values inside the band, 0–1; NaN when no result had bands. */
  within80: number;
  within95: number;
  series: number;
}

export function intervalCoverage(results: readonly M4Result[], series: readonly M4Series[]): Coverage {
  const test = new Map(series.map((s) => [s.id, s.test]));
  let inside80 = 0,
    inside95 = 0,
    values = 0,
    counted = 0;
  for (const r of results) {
    const actual = test.get(r.id);
    if (!r.ok || !r.bands || !actual) continue;
    counted++;
    const { lower80, upper80, lower95, upper95 } = r.bands;
    for (let i = 0; i < actual.length; i++) {
      const y = actual[i]!;
      if (y >= lower80[i]! && y <= upper80[i]!) inside80++;
      if (y >= lower95[i]! && y <= upper95[i]!) inside95++;
      values++;
    }
  }
  return { within80: inside80 / values, within95: inside95 / values, series: counted };
}
