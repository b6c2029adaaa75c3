// The series the covariate and architecture benchmarks share: a generated retail series
// whose sales answer to US holidays and a promotion known ahead, and bundled real series.
import { fileURLToPath } from 'node:url';
import { calendarValues } from '../src/forecast/calendar-features.ts';
import { ingestCsv } from '../src/forecaster.ts';
import type { TimeSeries } from '../src/forecaster.ts';
import { createRandom } from '../src/rnn/random.ts';

const DAY = 86_400_000;

/** Three years of daily retail sales: weekly and yearly pattern, +25 on US holidays, +8 on promotion days, N(0, 2²). */
export function retail(seed = 61): TimeSeries {
  const n = 3 * 365;
  const time = Float64Array.from({ length: n }, (_, t) => Date.UTC(2021, 0, 1) + t * DAY);
  const [holiday] = calendarValues(time, { columns: ['holiday'], holidays: 'US' });
  const random = createRandom(seed);
  const promo = Float64Array.from({ length: n }, () => (random.uniform(0, 1) < 0.15 ? 1 : 0));
  const values = Float64Array.from(time, (_, t) => {
    const week = [0, 3, 4, 4, 6, 12, 9][t % 7]!;
    const year = 10 * Math.sin((2 * Math.PI * t) / 365.25);
    return 100 + week + year + 25 * holiday![t]! + 8 * promo[t]! + 2 * random.normal();
  });
  return {
    id: '',
    time,
    target: 'sales',
    values,
    features: [{ name: 'promo', values: promo }],
    frequency: { unit: 'day', step: 1, label: 'daily' },
  };
}

export async function bundled(file: string, target: string): Promise<TimeSeries> {
  const path = fileURLToPath(new URL(`../datasets/${file}`, import.meta.url));
  const { series } = await ingestCsv(path, { target });
  return series[0]!;
}
