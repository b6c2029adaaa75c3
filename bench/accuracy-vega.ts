// Real series from vega-datasets (BSD-3-Clause, a devDependency) for the accuracy suite,
// each loaded through the facade's ingestCsv as a user would load it. JSON files are
// turned into CSV text first (ingestCsv reads CSV only). The horizon is M4's for the
// frequency, shortened only where a series is too short to hold out a test split.
// co2-concentration.csv is deliberately left out: it is kept for an independent check.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ingestCsv } from '../src/forecaster.ts';
import type { Frequency, IngestOptions, TimeSeries } from '../src/forecaster.ts';
import type { BenchSeries, SeriesKind } from './accuracy-series.ts';

// The package exports only its build/ entry; the data files sit beside that folder.
const DATA = join(dirname(createRequire(import.meta.url).resolve('vega-datasets')), '..', 'data');

/** The M4 Competition's horizons, so the suite asks what M4 asks of each frequency. */
const M4_HORIZON: Partial<Record<Frequency['unit'], number>> = {
  hour: 48,
  day: 14,
  'business-day': 14,
  week: 13,
  month: 18,
  quarter: 8,
  year: 6,
};

/**
 * The longest horizon up to M4's that still leaves a test split: fit() needs h test values,
 * h + 4 validation values (5 origins) and 8 training values (src/forecast/plan-split.ts).
 */
function horizonFor(series: TimeSeries): { h: number; note: string } {
  const m4 = M4_HORIZON[series.frequency.unit] ?? 14;
  const fits = Math.floor((series.values.length - 8 - 4) / 2);
  return fits >= m4
    ? { h: m4, note: '' }
    : { h: fits, note: `; h ${fits} instead of M4's ${m4}: only ${series.values.length} points` };
}

interface Source {
  file: string;
  kind: SeriesKind;
  options: IngestOptions;
  /** CSV text to ingest instead of the file itself (JSON files, or a fix said in `how`). */
  csv?: () => string;
  /** How the file was turned into CSV, for the report. */
  how?: string;
  name: (s: TimeSeries) => string;
}

const US_EMPLOYMENT = [
  'nonfarm',
  'construction',
  'manufacturing',
  'retail_trade',
  'leisure_and_hospitality',
  'government',
];

/** One row per industry and month; the month is taken from the year and month fields (the date field is 08:00 UTC). */
function unemploymentCsv(): string {
  const rows = JSON.parse(readFileSync(join(DATA, 'unemployment-across-industries.json'), 'utf8')) as {
    series: string;
    year: number;
    month: number;
    count: number;
  }[];
  const month = (r: (typeof rows)[number]) => `${r.year}-${String(r.month).padStart(2, '0')}-01`;
  return ['series,month,count', ...rows.map((r) => `"${r.series}",${month(r)},${r.count}`)].join('\n');
}

/**
 * github.csv lists only the hours with commits; an absent hour had none. ingestCsv leaves
 * gaps unfilled (it cannot know what they mean), so the zeros are written in first.
 */
function githubCsv(): string {
  const counts = new Map<number, string>();
  for (const line of readFileSync(join(DATA, 'github.csv'), 'utf8').trim().split('\n').slice(1)) {
    const [time, count] = line.split(',');
    counts.set(Date.parse(`${time!.replaceAll('/', '-').replace(' ', 'T')}Z`), count!);
  }
  const hours = [...counts.keys()];
  const first = Math.min(...hours),
    last = Math.max(...hours);
  const lines = ['time,count'];
  for (let t = first; t <= last; t += 3_600_000)
    lines.push(`${new Date(t).toISOString().slice(0, 19).replace('T', ' ')},${counts.get(t) ?? '0'}`);
  return lines.join('\n');
}

const SOURCES: Source[] = [
  ...US_EMPLOYMENT.map(
    (column): Source => ({
      file: 'us-employment.csv',
      kind: 'economic',
      options: { target: column },
      name: () => `vega/us-employment/${column}`,
    }),
  ),
  {
    file: 'unemployment-across-industries.json',
    kind: 'economic',
    options: { target: 'count', id: 'series', time: 'month' },
    csv: unemploymentCsv,
    how: 'JSON rows → CSV (series, month, count)',
    name: (s) => `vega/unemployment/${s.id}`,
  },
  { file: 'sp500.csv', kind: 'stock', options: { target: 'price' }, name: () => 'vega/sp500-monthly' },
  { file: 'global-temp.csv', kind: 'climate', options: { target: 'temp' }, name: () => 'vega/global-temp' },
  {
    file: 'iowa-electricity.csv',
    kind: 'economic',
    // The id column is "source", which ingestCsv does not guess.
    options: { target: 'net_generation', id: 'source' },
    name: (s) => `vega/iowa-electricity/${s.id}`,
  },
  {
    file: 'github.csv',
    kind: 'activity',
    options: { target: 'count' },
    csv: githubCsv,
    how: 'absent hours written as 0 commits',
    name: () => 'vega/github-commits',
  },
  ...['wind', 'temp_min'].map(
    (column): Source => ({
      file: 'seattle-weather.csv',
      kind: 'weather',
      options: { target: column },
      name: () => `vega/seattle-weather/${column}`,
    }),
  ),
];

/** Every vega-datasets series of the suite, and the files or series left out with the reason. */
export async function vegaSeries(): Promise<{ series: BenchSeries[]; skipped: string[] }> {
  const series: BenchSeries[] = [],
    skipped: string[] = [];
  for (const source of SOURCES) {
    const label = `vega-datasets ${source.file} (${source.options.target})`;
    try {
      const input = source.csv ? Buffer.from(source.csv()) : join(DATA, source.file);
      const { series: loaded, report } = await ingestCsv(input, { ...source.options, file: source.file });
      loaded.forEach((s, i) => {
        // A gap would be read as consecutive steps: such a series is not what it claims to be.
        const gaps = report.series[i]!.gaps.length;
        if (gaps > 0) {
          skipped.push(`${source.name(s)}: ${gaps} gaps left by ingestCsv`);
          return;
        }
        const { h, note } = horizonFor(s);
        series.push({
          name: source.name(s),
          kind: source.kind,
          source: `${label}${s.id ? `, ${s.id}` : ''}${source.how ? `; ${source.how}` : ''}${note}`,
          horizonSteps: h,
          series: s,
        });
      });
    } catch (e) {
      skipped.push(`${label}: ingestCsv rejected it: ${(e as Error).message}`);
    }
  }
  return { series, skipped };
}
