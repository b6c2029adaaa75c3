// The RNN on exponential-smoothing–normalised windows (ES-RNN's inputs, src/prep/es-normalise.ts)
// against the RNN on seasonal differences and against seasonal naive, on a seeded sample of
// M4 Hourly series: each fitted through the facade on the organisers' train part, forecasting
// its h = 48 test values, scored by M4's sMAPE and MASE (in-sample seasonal-naive scale, m = 24).
//
//   npx tsx bench/es-normalise-m4.ts [--sample 20] [--seed 2026] [--out results.json]
//
// One network per series and scaler (the facade also refits the kept one on all the data),
// so this measures the scaler, not Smyl's cross-series training and ensembling. "es alone" is
// the scaler's smoother by itself (l_{n−1} S_{n+k}, constants fitted for h = 48 on the whole
// train part): what the es-normalise network forecasts when its output is 0.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fit, forecast } from '../src/forecaster.ts';
import type { ForecastOptions, TimeSeries } from '../src/forecaster.ts';
import { fitSmoothing } from '../src/prep/es-fit.ts';
import { smoothColumn } from '../src/prep/es-smoother.ts';
import { loadM4, m4TimeSeries, M4_SPEC } from './m4-data.ts';
import { sampleIds } from './m4-sample.ts';
import { mase, smape } from './m4-score.ts';

const { values: args } = parseArgs({
  options: { sample: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' } },
});
const sampleSize = Number(args.sample ?? '20');
const seed = Number(args.seed ?? '2026');
const { horizonSteps: h, scoringSeason: m } = M4_SPEC.hourly;

const METHODS = {
  'rnn es-normalise': { kind: 'zscore', transform: 'es-normalise', seasonLength: m },
  'rnn seasonal-difference': { kind: 'zscore', transform: 'seasonal-difference', seasonLength: m },
} as const satisfies Record<string, ForecastOptions['scaler']>;
type Method = keyof typeof METHODS | 'seasonal naive' | 'es alone';
const NAMES: Method[] = ['seasonal naive', 'es alone', ...(Object.keys(METHODS) as (keyof typeof METHODS)[])];

interface Row {
  id: string;
  scores: Record<Method, { smape: number; mase: number }>;
  fitSeconds: Partial<Record<Method, number>>;
  /** The es-normalise model's smoothing constants (refit on all the train part). */
  smoothing: unknown;
}

async function runSeries(id: string, train: Float64Array, test: Float64Array): Promise<Row> {
  const series: TimeSeries = await m4TimeSeries(id, train, 'hourly');
  const score = (f: ArrayLike<number>) => ({ smape: smape(test, f), mase: mase(train, test, f, m) });
  const naive = Float64Array.from({ length: h }, (_, j) => train[train.length - m + (j % m)]!);
  const path = smoothColumn(train, fitSmoothing(train, m, h));
  const n = train.length;
  const smoother = Float64Array.from({ length: h }, (_, k) => path.level[n - 1]! * path.season[n + (k % m)]!);
  const scores = { 'seasonal naive': score(naive), 'es alone': score(smoother) } as Row['scores'];
  const row: Row = { id, scores, fitSeconds: {}, smoothing: null };
  for (const [name, scaler] of Object.entries(METHODS) as [
    keyof typeof METHODS,
    ForecastOptions['scaler'],
  ][]) {
    const started = performance.now();
    const model = await fit(series, {
      horizonSteps: h,
      seasonLength: m,
      scaler,
      candidates: ['rnn'],
      training: { seed: 42 },
    });
    row.fitSeconds[name] = (performance.now() - started) / 1000;
    row.scores[name] = score(forecast(model, series, h).forecast);
    if (scaler?.transform === 'es-normalise') {
      const json = model.final.toJSON() as { scalers?: { target?: { params?: { smoothing?: unknown } } } };
      row.smoothing = json.scalers?.target?.params?.smoothing ?? null;
    }
  }
  return row;
}

const all = loadM4('hourly');
const byId = new Map(all.map((s) => [s.id, s]));
const ids = sampleIds(
  all.map((s) => s.id),
  sampleSize,
  seed,
);
console.log(`M4 Hourly, ${ids.length} series (seed ${seed}), h = ${h}, m = ${m}, training seed 42`);
const rows: Row[] = [];
for (const id of ids) {
  const { train, test } = byId.get(id)!;
  const row = await runSeries(id, train, test);
  rows.push(row);
  const cells = NAMES.map((n) => `${n} ${row.scores[n].smape.toFixed(2)}/${row.scores[n].mase.toFixed(3)}`);
  const seconds = Object.values(row.fitSeconds).map((s) => s!.toFixed(0));
  console.log(`${id} (n ${train.length}): sMAPE/MASE ${cells.join(', ')}; fits ${seconds.join('+')} s`);
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
console.log('\nmethod                     mean sMAPE  mean MASE  median MASE  MASE wins vs sNaive');
for (const name of NAMES) {
  const s = rows.map((r) => r.scores[name].smape),
    q = rows.map((r) => r.scores[name].mase);
  const wins = rows.filter((r) => r.scores[name].mase < r.scores['seasonal naive'].mase).length;
  console.log(
    `${name.padEnd(26)} ${mean(s).toFixed(3).padStart(10)} ${mean(q).toFixed(3).padStart(10)} ` +
      `${median(q).toFixed(3).padStart(12)}   ${wins}/${rows.length}`,
  );
}
const esWins = rows.filter(
  (r) => r.scores['rnn es-normalise'].mase < r.scores['rnn seasonal-difference'].mase,
).length;
console.log(`es-normalise has the lower MASE than seasonal-difference on ${esWins}/${rows.length} series`);
if (args.out !== undefined) writeFileSync(args.out, `${JSON.stringify({ seed, h, m, rows }, null, 2)}\n`);
