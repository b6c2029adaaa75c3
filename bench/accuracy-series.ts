// The series bench/accuracy.ts scores: every bundled dataset (through ingestCsv, as a user
// would load it) and seeded synthetic series with trend, seasonality and noise, so that
// auto-mode defaults are not tuned on one series.
import { fileURLToPath } from 'node:url';
import { ingestCsv } from '../src/forecaster.ts';
import type { Frequency, TimeSeries } from '../src/forecaster.ts';
import { createRandom } from '../src/rnn/random.ts';

/**
 * What a series measures. weather (bundled): target is "beat seasonal naive"; stock: report
 * against naive; synthetic: informative; economic, climate, activity: the vega-datasets
 * suite, judged per frequency group.
 */
export type SeriesKind = 'weather' | 'stock' | 'synthetic' | 'economic' | 'climate' | 'activity';

export interface BenchSeries {
  name: string;
  kind: SeriesKind;
  /** Where it came from, for the report. */
  source: string;
  horizonSteps: number;
  series: TimeSeries;
  /** Same values as an earlier series (weather.csv's Seattle is seattle-weather.csv): kept out of experiment summaries so it does not count twice. */
  duplicateOf?: string;
}

export function markDuplicates(benches: BenchSeries[]): BenchSeries[] {
  return benches.map((b, i) => {
    const twin = benches
      .slice(0, i)
      .find(
        (o) =>
          o.horizonSteps === b.horizonSteps &&
          o.series.values.length === b.series.values.length &&
          o.series.values.every((v, k) => v === b.series.values[k]),
      );
    return twin ? { ...b, duplicateOf: twin.name } : b;
  });
}

const datasets = (file: string) => fileURLToPath(new URL(`../datasets/${file}`, import.meta.url));

async function bundled(
  file: string,
  target: string,
  name: (id: string) => string,
  kind: SeriesKind,
  horizonSteps: number,
): Promise<BenchSeries[]> {
  const { series } = await ingestCsv(datasets(file), { target });
  return series.map((s) => ({
    name: name(s.id),
    kind,
    source: `datasets/${file} (${target}${s.id ? `, ${s.id}` : ''})`,
    horizonSteps,
    series: s,
  }));
}

export async function bundledSeries(): Promise<BenchSeries[]> {
  return [
    ...(await bundled('seattle-weather.csv', 'temp_max', () => 'seattle-weather', 'weather', 14)),
    ...(await bundled('weather.csv', 'temp_max', (id) => `weather/${id}`, 'weather', 14)),
    ...(await bundled(
      'seattle-weather-hourly-normals.csv',
      'temperature',
      () => 'seattle-hourly-normals',
      'weather',
      24,
    )),
    ...(await bundled('sp500-2000.csv', 'close', () => 'sp500', 'stock', 5)),
    ...(await bundled('stocks.csv', 'price', (id) => `stocks/${id}`, 'stock', 3)),
  ];
}

const HOUR = 3_600_000,
  DAY = 24 * HOUR;
const DAILY: Frequency = { unit: 'day', step: 1, label: 'daily' };
const HOURLY: Frequency = { unit: 'hour', step: 1, label: 'hourly' };
const MONTHLY: Frequency = { unit: 'month', step: 1, label: 'monthly' };

function synthetic(
  name: string,
  frequency: Frequency,
  time: (i: number) => number,
  values: Float64Array,
): TimeSeries {
  return {
    id: name,
    time: Float64Array.from({ length: values.length }, (_, i) => time(i)),
    target: 'y',
    values,
    features: [],
    frequency,
  };
}

const START = Date.UTC(2000, 0, 1);
const sin = (i: number, period: number) => Math.sin((2 * Math.PI * i) / period);

export function generatedSeries(): BenchSeries[] {
  const out: BenchSeries[] = [];
  {
    // Daily: slow trend, weekly and yearly seasons, Gaussian noise.
    const r = createRandom(101),
      n = 1500;
    const v = Float64Array.from(
      { length: n },
      (_, i) => 20 + 0.01 * i + 3 * sin(i, 7) + 1.5 * sin(i + 2, 3.5) + 5 * sin(i, 365.25) + r.normal(),
    );
    out.push({
      name: 'synth/daily-trend-weekly',
      kind: 'synthetic',
      source: '20 + 0.01t + weekly (3, 1.5) + yearly (5) + N(0,1), n 1500, seed 101',
      horizonSteps: 14,
      series: synthetic('daily-trend-weekly', DAILY, (i) => START + i * DAY, v),
    });
  }
  {
    // Monthly: strong trend (leaves the training range) and a 12-month season.
    const r = createRandom(202),
      n = 240;
    const v = Float64Array.from({ length: n }, (_, i) => 100 + 0.5 * i + 10 * sin(i, 12) + 3 * r.normal());
    out.push({
      name: 'synth/monthly-trend-season12',
      kind: 'synthetic',
      source: '100 + 0.5t + 10 sin(2πt/12) + N(0,3²), n 240, seed 202',
      horizonSteps: 6,
      series: synthetic('monthly-trend-season12', MONTHLY, (i) => Date.UTC(2000, i, 1), v),
    });
  }
  {
    // Random walk with drift: nothing beats naive-with-drift in expectation.
    const r = createRandom(303),
      n = 1000;
    const v = new Float64Array(n);
    v[0] = 100;
    for (let i = 1; i < n; i++) v[i] = v[i - 1]! + 0.1 + r.normal();
    out.push({
      name: 'synth/random-walk-drift',
      kind: 'synthetic',
      source: 'y_t = y_{t−1} + 0.1 + N(0,1), y_0 = 100, daily, n 1000, seed 303',
      horizonSteps: 7,
      series: synthetic('random-walk-drift', DAILY, (i) => START + i * DAY, v),
    });
  }
  {
    // Hourly: daily season plus AR(1) noise, which a model can exploit and seasonal naive cannot.
    const r = createRandom(404),
      n = 2000;
    const v = new Float64Array(n);
    let e = 0;
    for (let i = 0; i < n; i++) {
      e = 0.8 * e + 0.7 * r.normal();
      v[i] = 10 + 4 * sin(i, 24) + e;
    }
    out.push({
      name: 'synth/hourly-season24-ar1',
      kind: 'synthetic',
      source: '10 + 4 sin(2πt/24) + AR(1) φ 0.8, σ 0.7, n 2000, seed 404',
      horizonSteps: 24,
      series: synthetic('hourly-season24-ar1', HOURLY, (i) => START + i * HOUR, v),
    });
  }
  return out;
}

/** A 5,000-point daily CSV (trend + weekly + yearly + noise) for the CLI timing run. */
export function syntheticDailyCsv(points = 5000, seed = 505): string {
  const r = createRandom(seed);
  const lines = ['date,value'];
  for (let i = 0; i < points; i++) {
    const day = new Date(START + i * DAY).toISOString().slice(0, 10);
    lines.push(`${day},${(50 + 0.005 * i + 3 * sin(i, 7) + 6 * sin(i, 365.25) + r.normal()).toFixed(4)}`);
  }
  return `${lines.join('\n')}\n`;
}
