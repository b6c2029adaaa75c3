// Scores the classical methods (src/classical) on a seeded sample of M4 Hourly and Weekly series
// with the M4 scorer (/work/shared/bench/m4/score.py): writes one `id,F1..Fh` CSV per method to
// /tmp/classical-m4/, runs score.py on the sampled ids, and prints sMAPE, MASE, OWA and fit time.
//
//   npx tsx bench/classical-m4.ts [--count 100] [--seed 1] [--freq hourly,weekly] [--methods ets,theta]
//
// Weekly is scored with m = 1 (as M4 did); the seasonal methods are also run with m = 52 as a
// model choice ("theta@52"), which the scorer does not see.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { CLASSICAL_METHODS, fitClassical } from '../src/classical/index.ts';
import { createRandom } from '../src/rnn/random.ts';

const M4_DIR = '/work/shared/bench/m4';
const OUT_DIR = '/tmp/classical-m4';
const SPEC = {
  hourly: { h: 48, m: 24, modelSeasons: [24] },
  weekly: { h: 13, m: 1, modelSeasons: [1, 52] },
} as const;
type Frequency = keyof typeof SPEC;

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1]! : fallback;
}

function readM4(path: string): Map<string, Float64Array> {
  const out = new Map<string, Float64Array>();
  const lines = readFileSync(path, 'utf8').trim().split('\n').slice(1);
  for (const line of lines) {
    const cells = line.split(',').map((c) => c.replace(/"/g, ''));
    const values = cells
      .slice(1)
      .filter((c) => c !== '')
      .map(Number);
    out.set(cells[0]!, Float64Array.from(values));
  }
  return out;
}

interface Scored {
  smape: number;
  mase: number;
  owa: number;
}

function score(freq: Frequency, forecasts: string, ids: string[]): Scored {
  const json = `${forecasts}.json`;
  const args = [`${M4_DIR}/score.py`, '--freq', freq, '--forecasts', forecasts, '--json', json];
  args.push('--series', ids.join(','));
  execFileSync('python3', args, { stdio: 'ignore' });
  const result = JSON.parse(readFileSync(json, 'utf8')) as { results: { candidate: Scored; Naive2: Scored } };
  return result.results.candidate;
}

function runFrequency(freq: Frequency, count: number, seed: number, methods: readonly string[]): void {
  const { h, modelSeasons } = SPEC[freq];
  const train = readM4(`${M4_DIR}/${freq}-train.csv`);
  const ids = [...train.keys()];
  const order = Int32Array.from(ids.keys());
  createRandom(seed).shuffle(order);
  const sample = Array.from(order.subarray(0, Math.min(count, ids.length)), (i) => ids[i]!);
  console.log(`\nM4 ${freq}: ${sample.length} series (seed ${seed}), h = ${h}`);
  console.log(
    `${'method'.padEnd(18)} ${'sMAPE'.padStart(8)} ${'MASE'.padStart(8)} ${'OWA'.padStart(7)}` +
      `  fit ms: ${'mean'.padStart(7)} ${'max'.padStart(7)}`,
  );
  for (const method of methods) {
    for (const m of modelSeasons) {
      if (m > 1 && modelSeasons.length > 1 && ['naive', 'drift'].includes(method)) continue;
      const label = modelSeasons.length > 1 && m > 1 ? `${method}@${m}` : method;
      const rows: string[] = [];
      let total = 0;
      let worst = 0;
      for (const id of sample) {
        const y = train.get(id)!;
        const start = performance.now();
        const fit = fitClassical(method, y, { seasonLength: m, horizonSteps: h });
        const f = fit.forecastFrom(y, [y.length], h);
        const elapsed = performance.now() - start;
        total += elapsed;
        worst = Math.max(worst, elapsed);
        rows.push(`${id},${Array.from(f).join(',')}`);
      }
      const file = `${OUT_DIR}/${freq}-${label}.csv`;
      writeFileSync(file, `${rows.join('\n')}\n`);
      const s = score(freq, file, sample);
      const owa = s.owa.toFixed(3).padStart(7);
      const scores = `${s.smape.toFixed(3).padStart(8)} ${s.mase.toFixed(3).padStart(8)} ${owa}`;
      const times = `${(total / sample.length).toFixed(1).padStart(7)} ${worst.toFixed(1).padStart(7)}`;
      console.log(`${label.padEnd(18)} ${scores}  ${' '.repeat(8)}${times}`);
    }
  }
}

mkdirSync(OUT_DIR, { recursive: true });
const count = Number(option('count', '100'));
const seed = Number(option('seed', '1'));
const freqs = option('freq', 'hourly,weekly').split(',') as Frequency[];
const methods = option('methods', CLASSICAL_METHODS.join(',')).split(',');
for (const freq of freqs) runFrequency(freq, count, seed, methods);
