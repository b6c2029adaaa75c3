// What the analyst knows about the future, measured (issue 15): the RNN without inputs,
// with calendar inputs, with a country's holidays, and with a known-future regressor, on a
// generated retail series (weekly and yearly pattern, US holiday spikes, a planned
// promotion) and on real daily series (Seattle temperature and wind, the S&P 500). Each row
// is the RNN alone (`candidates: ['rnn']`), scored on the held-out test split; "selected"
// is the configuration with the best validation score, so a user who lets validation
// choose is never shown test data. Writes bench/COVARIATES.md atomically.
//
//   npx tsx bench/covariates.ts [--out file.md]
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../src/files/atomic-write.ts';
import { evaluate, fit } from '../src/forecaster.ts';
import type { ForecastOptions, TimeSeries } from '../src/forecaster.ts';
import { bundled, retail } from './covariate-series.ts';
import { machineDescription } from './results-md.ts';

const outIndex = process.argv.indexOf('--out');
const OUT =
  outIndex > 0 ? process.argv[outIndex + 1]! : fileURLToPath(new URL('./COVARIATES.md', import.meta.url));

interface Case {
  name: string;
  load: () => Promise<TimeSeries>;
  horizonSteps: number;
  /** The configurations to compare, by label; the first is the one without inputs. */
  configs: [string, Partial<ForecastOptions>][];
}

const WITHOUT: [string, Partial<ForecastOptions>] = ['none', {}];
const CALENDAR: [string, Partial<ForecastOptions>] = ['calendar', { calendar: {} }];
const HOLIDAYS: [string, Partial<ForecastOptions>] = [
  'calendar + US holidays',
  { calendar: { holidays: 'US' } },
];

const cases: Case[] = [
  {
    name: 'generated retail (holidays + promotion)',
    load: async () => retail(),
    horizonSteps: 14,
    // The promotion column is an input only where a row names it.
    configs: [
      ['none', { features: [] }],
      ['calendar', { features: [], calendar: {} }],
      ['calendar + US holidays', { features: [], calendar: { holidays: 'US' } }],
      ['promotion (known future)', { features: [], futureFeatures: ['promo'] }],
      [
        'promotion + calendar + holidays',
        { features: [], futureFeatures: ['promo'], calendar: { holidays: 'US' } },
      ],
    ],
  },
  {
    name: 'seattle-weather temp_max',
    load: () => bundled('seattle-weather.csv', 'temp_max'),
    horizonSteps: 14,
    configs: [WITHOUT, CALENDAR, HOLIDAYS],
  },
  {
    name: 'seattle-weather wind',
    load: () => bundled('seattle-weather.csv', 'wind'),
    horizonSteps: 14,
    configs: [WITHOUT, CALENDAR, HOLIDAYS],
  },
  {
    name: 'sp500 close (business days)',
    load: () => bundled('sp500-2000.csv', 'close'),
    horizonSteps: 5,
    configs: [WITHOUT, CALENDAR],
  },
];

const rows: string[] = [];
const started = Date.now();
for (const c of cases) {
  const series = await c.load();
  const scored: { label: string; validation: number; test: number; mae: number; seconds: number }[] = [];
  for (const [label, extra] of c.configs) {
    const t0 = Date.now();
    const model = await fit(series, {
      horizonSteps: c.horizonSteps,
      candidates: ['rnn'],
      training: { seed: 42 },
      ...extra,
    });
    const evaluation = evaluate(model, series);
    if (!evaluation) throw new Error(`${c.name}: no test split`);
    const row = {
      label,
      validation: model.validation.mase,
      test: evaluation.model.mase,
      mae: evaluation.model.mae,
      seconds: (Date.now() - t0) / 1000,
    };
    scored.push(row);
    console.log(
      `${c.name} · ${label}: validation MASE ${row.validation.toFixed(3)}, test MASE ${row.test.toFixed(3)} (${row.seconds.toFixed(1)} s)`,
    );
  }
  const none = scored[0]!;
  const selected = scored.reduce((best, r) => (r.validation < best.validation ? r : best));
  for (const r of scored)
    rows.push(
      `| ${c.name} | ${r.label}${r === selected ? ' ◀ selected' : ''} | ${r.validation.toFixed(3)} | ${r.test.toFixed(3)} | ${(100 * (1 - r.test / none.test)).toFixed(0)} % | ${r.mae.toPrecision(3)} | ${r.seconds.toFixed(1)} |`,
    );
}

const text = `# Known-future inputs: calendar, holidays, a known-future regressor

${new Date().toISOString().slice(0, 10)} · \`npx tsx bench/covariates.ts\` · ${machineDescription()} · ${((Date.now() - started) / 60000).toFixed(1)} min

Each row is the RNN alone (\`candidates: ['rnn']\`, seed 42) with the inputs named, scored
on the held-out test split (the last 15 %, h-step forecasts from every origin, MASE scaled
by in-sample seasonal naive). "Lower" is the test MASE relative to the row without inputs.
◀ marks the configuration with the best validation MASE: what a run that lets validation
choose would keep, without seeing the test split. The generated retail series is 3 years
of daily sales: 100 + a weekly pattern + 10·sin(yearly) + 25 on US public holidays + 8 on
promotion days (15 % of days, drawn at random, known ahead) + N(0, 2²), seed 61.

| series | inputs | validation MASE | test MASE | lower | test MAE | fit s |
|---|---|---|---|---|---|---|
${rows.join('\n')}
`;
await writeFileAtomic(OUT, text);
console.log(`wrote ${OUT}`);
