// Sequence-to-sequence and bidirectional networks against many-to-one (issue 15, item 5).
//  - Series where the future is partly known: the generated retail series with its
//    promotion, calendar and holidays, Seattle temperature with the calendar, and two
//    without inputs (Seattle wind, the S&P 500). The RNN alone (`candidates: ['rnn']`, seed
//    42) in each architecture, scored on the held-out test split as in COVARIATES.md; ◀
//    marks what validation keeps, which is what `--architecture try` does.
//  - Seeded samples of M4 Hourly and Weekly, forecast from each series' training part and
//    scored on its test part by M4's sMAPE, MASE and OWA against Naive2.
// Writes bench/ARCHITECTURES.md atomically.
//
//   npx tsx bench/architectures.ts [--hourly N] [--weekly N] [--out file.md]
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../src/files/atomic-write.ts';
import { evaluate, fit, forecast } from '../src/forecaster.ts';
import type { ForecastOptions, TimeSeries } from '../src/forecaster.ts';
import { bundled, retail } from './covariate-series.ts';
import { loadM4, M4_SPEC, m4TimeSeries } from './m4-data.ts';
import type { M4Frequency } from './m4-data.ts';
import { sampleIds } from './m4-sample.ts';
import { scoreSet } from './m4-score.ts';
import { machineDescription } from './results-md.ts';

const { values: args } = parseArgs({
  options: {
    hourly: { type: 'string', default: '8' },
    weekly: { type: 'string', default: '16' },
    out: { type: 'string', default: fileURLToPath(new URL('./ARCHITECTURES.md', import.meta.url)) },
  },
});

const ARCHITECTURES: [string, ForecastOptions['network']][] = [
  ['many-to-one', {}],
  ['bidirectional', { bidirectional: true }],
  ['seq2seq', { architecture: 'seq2seq' }],
  ['bidirectional seq2seq', { architecture: 'seq2seq', bidirectional: true }],
];

interface Case {
  name: string;
  load: () => Promise<TimeSeries>;
  horizonSteps: number;
  inputs: string;
  options: Partial<ForecastOptions>;
}

// Each series with the inputs COVARIATES.md found best for it on validation.
const CASES: Case[] = [
  {
    name: 'generated retail',
    load: async () => retail(),
    horizonSteps: 14,
    inputs: 'promotion (known future) + calendar + US holidays',
    options: { features: [], futureFeatures: ['promo'], calendar: { holidays: 'US' } },
  },
  {
    name: 'seattle-weather temp_max',
    load: () => bundled('seattle-weather.csv', 'temp_max'),
    horizonSteps: 14,
    inputs: 'calendar',
    options: { calendar: {} },
  },
  {
    name: 'seattle-weather wind',
    load: () => bundled('seattle-weather.csv', 'wind'),
    horizonSteps: 14,
    inputs: 'none',
    options: {},
  },
  {
    name: 'sp500 close',
    load: () => bundled('sp500-2000.csv', 'close'),
    horizonSteps: 5,
    inputs: 'none',
    options: {},
  },
];

const seconds = (t0: number) => (Date.now() - t0) / 1000;
const started = Date.now();

async function seriesRows(): Promise<string[]> {
  const rows: string[] = [];
  for (const c of CASES) {
    const series = await c.load();
    const scored: { label: string; validation: number; test: number; seconds: number }[] = [];
    for (const [label, network] of ARCHITECTURES) {
      const t0 = Date.now();
      const model = await fit(series, {
        horizonSteps: c.horizonSteps,
        candidates: ['rnn'],
        training: { seed: 42 },
        network,
        ...c.options,
      });
      const evaluation = evaluate(model, series);
      if (!evaluation) throw new Error(`${c.name}: no test split`);
      scored.push({
        label,
        validation: model.validation.mase,
        test: evaluation.model.mase,
        seconds: seconds(t0),
      });
      console.log(
        `${c.name} · ${label}: test MASE ${evaluation.model.mase.toFixed(3)} (${seconds(t0).toFixed(1)} s)`,
      );
    }
    const base = scored[0]!;
    const selected = scored.reduce((best, r) => (r.validation < best.validation ? r : best));
    for (const r of scored)
      rows.push(
        `| ${c.name} | ${c.inputs} | ${r.label}${r === selected ? ' ◀' : ''} | ${r.validation.toFixed(3)} | ${r.test.toFixed(3)} | ${(100 * (r.test / base.test - 1)).toFixed(0)} % | ${r.seconds.toFixed(1)} |`,
      );
  }
  return rows;
}

/** The RNN alone in each architecture on a seeded M4 sample; hourly reads the ES-RNN scaler, as ES-RNN did. */
async function m4Rows(freq: M4Frequency, n: number): Promise<string[]> {
  if (n === 0) return [];
  const all = loadM4(freq);
  const ids = new Set(
    sampleIds(
      all.map((s) => s.id),
      n,
      2026,
    ),
  );
  const sample = all.filter((s) => ids.has(s.id));
  const { horizonSteps: h, scoringSeason } = M4_SPEC[freq];
  const methods = new Map<string, Map<string, Float64Array>>();
  const times = new Map<string, number>();
  for (const [label, network] of ARCHITECTURES) {
    const forecasts = new Map<string, Float64Array>();
    const t0 = Date.now();
    for (const s of sample) {
      const series = await m4TimeSeries(s.id, s.train, freq);
      const model = await fit(series, {
        horizonSteps: h,
        candidates: ['rnn'],
        training: { seed: 42 },
        network,
        ...(freq === 'hourly' ? { scaler: { kind: 'zscore', transform: 'es-normalise' } } : {}),
      });
      forecasts.set(s.id, forecast(model, series).forecast);
    }
    methods.set(label, forecasts);
    times.set(label, seconds(t0));
    console.log(`M4 ${freq} · ${label}: ${seconds(t0).toFixed(0)} s`);
  }
  const scores = scoreSet(sample, h, scoringSeason, methods);
  return [...ARCHITECTURES.map(([label]) => label), 'sNaive', 'Naive2'].map((label) => {
    const s = scores.get(label)!;
    const time = times.get(label);
    return `| M4 ${freq}, ${n} series | ${label} | ${s.smape.toFixed(3)} | ${s.mase.toFixed(3)} | ${s.owa.toFixed(3)} | ${s.failed.length} | ${time === undefined ? '–' : time.toFixed(0)} |`;
  });
}

const seriesTable = await seriesRows();
const m4Table = [
  ...(await m4Rows('hourly', Number(args.hourly))),
  ...(await m4Rows('weekly', Number(args.weekly))),
];

const text = `# Sequence-to-sequence and bidirectional networks against many-to-one

${new Date().toISOString().slice(0, 10)} · \`npx tsx bench/architectures.ts --hourly ${args.hourly} --weekly ${args.weekly}\` · ${machineDescription()} · ${((Date.now() - started) / 60000).toFixed(1)} min

- **many-to-one**: the encoder's last hidden state feeds a dense head of h outputs, Recurrent's default.
- **bidirectional**: the encoder also reads each window backwards (Keras Bidirectional, concat).
- **seq2seq**: a decoder starts from the encoder's state and unrolls the h steps, reading its
  previous output (the true one in training: teacher forcing) and each step's known-future values.

## Series where part of the future is known

The RNN alone (\`candidates: ['rnn']\`, seed 42) with each series' inputs, scored on the
held-out test split (h-step forecasts from every origin, MASE scaled by in-sample seasonal
naive). "Change" is the test MASE against many-to-one's. ◀ marks the best validation MASE:
what \`--architecture try\` would keep, without seeing the test split.

| series | inputs | architecture | validation MASE | test MASE | change | fit s |
|---|---|---|---|---|---|---|
${seriesTable.join('\n')}

## M4 samples (seed 2026)

The RNN alone, fitted on each series' training part and scored on its test part as M4 scored
it (sMAPE and MASE averaged over the series; OWA against Naive2 on the same series; hourly
with the exponential-smoothing scaler, weekly with auto mode's RNN candidates). Seconds are
the whole sample's fits.

| set | method | sMAPE | MASE | OWA | failed | s |
|---|---|---|---|---|---|---|
${m4Table.join('\n')}
`;
await writeFileAtomic(args.out, text);
console.log(`wrote ${args.out}`);
