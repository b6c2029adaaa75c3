// Selection rules compared offline on one set of fits. `npm run bench:m4 -- --methods pool`
// journals every candidate of auto's pool for each series: its validation forecasts and its
// forecast of the M4 test part (fitted before validation, not refitted). Each rule below
// turns those into one forecast per series, scored with the M4 measures, so rules are
// compared on the very same networks, not on fits that differ by the luck of a seed.
//
//   npx tsx bench/m4-selection.ts [--journal /tmp/recurrent-m4.jsonl] [--freqs weekly,hourly]
//                                 [--add arima]
//
// --add fits more classical methods into every journaled pool, as auto mode would have: on
// the history before validation, scored on the same validation origins, forecasting the test
// part from the end of the history with the parameters fitted before validation. So a new
// method's place in the pool is measured without fitting the networks again.
//
// Tuning a rule on the test part of these series is tuning on M4, as the issue allows; the
// rule chosen is then checked by real `auto` runs on other series (bench/M4.md).
import { readFileSync, writeFileSync } from 'node:fs';
import { fitClassical } from '../src/classical/index.ts';
import { parseArgs } from 'node:util';
import { medianOf } from '../src/forecast/combination.ts';
import type { FittedForecaster } from '../src/forecast/contract.ts';
import { familyOf } from '../src/forecast/families.ts';
import { ValidationScorer } from '../src/forecast/select.ts';
import { loadM4, M4_SPEC } from './m4-data.ts';
import type { M4Frequency, M4Series } from './m4-data.ts';
import type { M4Result, PoolCandidate } from './m4-run.ts';
import { scoreSet } from './m4-score.ts';
import { machineDescription } from './results-md.ts';

/** One journaled candidate: its validation score and forecasts, and its forecast of the test part. */
type Candidate = PoolCandidate;

/** What a rule sees of one series: its candidates, best validation score first, and a scorer for new forecasts. */
interface Pool {
  candidates: Candidate[];
  scoreOf(predicted: Float64Array): number;
}

type Rule = (pool: Pool) => Float64Array;

const f64 = (a: number[]) => Float64Array.from(a);
const median = (members: Candidate[]) => medianOf(members.map((m) => f64(m.forecast)));
const medianPredicted = (members: Candidate[]) => medianOf(members.map((m) => f64(m.predicted)));

/** The best of each family (network, smoothing, benchmark: src/forecast/families.ts) that the pool holds. */
function bestOfEachFamily(candidates: Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return candidates.filter((c) => {
    const family = familyOf(c as unknown as Pick<FittedForecaster, 'kind' | 'name'>);
    if (seen.has(family)) return false;
    seen.add(family);
    return true;
  });
}

/** The best RNN and the best two others: diverse by the contract's kinds alone. */
function bestOfEachKind(candidates: Candidate[]): Candidate[] {
  const rnn = candidates.find((c) => c.kind === 'rnn');
  const others = candidates.filter((c) => c.kind !== 'rnn').slice(0, rnn ? 2 : 3);
  return rnn ? [rnn, ...others] : others;
}

/** Keeps whichever of the single candidates and these combinations validates best. */
function bestOf(pool: Pool, combos: Candidate[][], margin = 0): Float64Array {
  let best: { forecast: Float64Array; score: number } = {
    forecast: f64(pool.candidates[0]!.forecast),
    score: pool.candidates[0]!.score * (1 + margin),
  };
  for (const members of combos) {
    if (members.length < 2) continue;
    const score = pool.scoreOf(medianPredicted(members));
    if (score < best.score) best = { forecast: median(members), score };
  }
  return best.forecast;
}

const RULES: Record<string, Rule> = {
  'best single': (p) => f64(p.candidates[0]!.forecast),
  'auto before: best single or median of best 3': (p) => bestOf(p, [p.candidates.slice(0, 3)]),
  'median of best 3, always': (p) => median(p.candidates.slice(0, 3)),
  'median of best 5, always': (p) => median(p.candidates.slice(0, 5)),
  'median of best of each family, always': (p) => median(bestOfEachFamily(p.candidates)),
  'auto before ARIMA: best single, best 3 or best of each family': (p) =>
    bestOf(p, [p.candidates.slice(0, 3), bestOfEachFamily(p.candidates)]),
  'best of each family unless a single beats it by 10 %': (p) =>
    bestOf(p, [bestOfEachFamily(p.candidates)], 0.1),
  'median of best 3 unless a single beats it by 10 %': (p) => bestOf(p, [p.candidates.slice(0, 3)], 0.1),
  'best single, best 3 or best RNN with the best 2 classical': (p) =>
    bestOf(p, [p.candidates.slice(0, 3), bestOfEachKind(p.candidates)]),
  'best single, best 3, best 5 or best of each family': (p) =>
    bestOf(p, [p.candidates.slice(0, 3), p.candidates.slice(0, 5), bestOfEachFamily(p.candidates)]),
  'auto now: best of each family unless a single beats it by 5 %': (p) =>
    bestOf(p, [bestOfEachFamily(p.candidates)], 0.05),
  'best 3 or best of each family, unless a single beats both by 10 %': (p) =>
    bestOf(p, [p.candidates.slice(0, 3), bestOfEachFamily(p.candidates)], 0.1),
  'best RNN': (p) => f64(p.candidates.find((c) => c.kind === 'rnn')?.forecast ?? p.candidates[0]!.forecast),
};

/** A classical method fitted into a journaled pool (see --add above). */
function addedCandidate(
  method: string,
  s: M4Series,
  validation: { origins: number[]; seasonLength: number; trainEnd: number },
  h: number,
  scoreOf: (predicted: Float64Array) => { score: number; smape: number; mase: number },
): Candidate {
  const started = performance.now();
  const fit = fitClassical(method, s.train.slice(0, validation.trainEnd), {
    seasonLength: validation.seasonLength,
    horizonSteps: h,
  });
  const predicted = fit.forecastFrom(s.train, validation.origins, h);
  const forecast = fit.forecastFrom(s.train, [s.train.length], h);
  const { score, smape, mase } = scoreOf(predicted);
  return {
    name: method,
    kind: 'classical',
    score,
    smape,
    mase,
    fitSeconds: (performance.now() - started) / 1000,
    forecast: Array.from(forecast),
    predicted: Array.from(predicted),
  };
}

function readPools(
  journal: string,
  freq: M4Frequency,
  series: Map<string, M4Series>,
  added: readonly string[],
): Map<string, Pool> {
  const pools = new Map<string, Pool>();
  const h = M4_SPEC[freq].horizonSteps;
  for (const line of readFileSync(journal, 'utf8').split('\n')) {
    if (!line.includes('"method":"pool"')) continue;
    const r = JSON.parse(line) as M4Result;
    const s = series.get(r.id);
    if (r.freq !== freq || !r.ok || !r.candidates || !r.validation || !s) continue;
    const { origins, seasonLength, trainEnd } = r.validation;
    const actual = new Float64Array(origins.length * h);
    origins.forEach((o, i) => actual.set(s.train.subarray(o, o + h), i * h));
    const scorer = new ValidationScorer(
      s.train,
      { origins: Int32Array.from(origins), actual },
      h,
      seasonLength,
      trainEnd,
    );
    const extra = added.map((method) =>
      addedCandidate(method, s, r.validation as typeof r.validation & { origins: number[] }, h, (p) =>
        scorer.score(p),
      ),
    );
    const candidates = [...r.candidates, ...extra]
      .filter((c) => c.forecast.every(Number.isFinite))
      .sort((a, b) => a.score - b.score);
    pools.set(r.id, { candidates, scoreOf: (predicted) => scorer.score(predicted).score });
  }
  return pools;
}

const { values: args } = parseArgs({
  options: {
    journal: { type: 'string' },
    freqs: { type: 'string' },
    out: { type: 'string' },
    add: { type: 'string' },
  },
});
const journal = args.journal ?? '/tmp/recurrent-m4.jsonl';
const lines = [
  '# Selection rules on M4, compared offline on the same fits',
  '',
  `Date: ${new Date().toISOString().slice(0, 10)}. Machine: ${machineDescription()}. Command: \`npx tsx bench/m4-selection.ts ${process.argv.slice(2).join(' ')}\` over the journal of \`npx tsx bench/m4.ts --methods pool …\` (${journal}).`,
  '',
  'Every candidate of auto mode\'s pool was fitted once per series on the history before validation and journaled with its validation forecasts and its forecast of the M4 test part from the end of the history (not refitted on all the data, so networks are at a disadvantage here that auto mode does not have). Each rule turns the same candidates into one forecast per series; scores are M4\'s sMAPE, MASE and OWA against Naive2 on the same series. "auto before" keeps the best of the single candidates and the median of the best 3; "auto before ARIMA" adds the median of the best of each family (network, smoothing, benchmark); "auto now", chosen on these tables with ARIMA in the pool (`--add arima`), keeps the median of the best of each family (ARIMA a family of its own) unless a single candidate validates at least 5 % better.',
];
for (const freq of (args.freqs ?? 'weekly,hourly').split(',') as M4Frequency[]) {
  const all = new Map(loadM4(freq).map((s) => [s.id, s]));
  const added = args.add ? args.add.split(',') : [];
  const pools = readPools(journal, freq, all, added);
  if (pools.size === 0) continue;
  const cases = [...pools.keys()].map((id) => all.get(id)!);
  const methods = new Map<string, Map<string, Float64Array>>();
  for (const [name, rule] of Object.entries(RULES))
    methods.set(name, new Map([...pools].map(([id, pool]) => [id, rule(pool)])));
  const { horizonSteps, scoringSeason } = M4_SPEC[freq];
  const scores = scoreSet(cases, horizonSteps, scoringSeason, methods);
  lines.push(
    '',
    `## M4 ${freq}, ${pools.size} series`,
    '',
    '| rule | sMAPE | MASE | OWA |',
    '|---|---|---|---|',
  );
  for (const [name, s] of scores)
    lines.push(`| ${name} | ${s.smape.toFixed(3)} | ${s.mase.toFixed(3)} | ${s.owa.toFixed(3)} |`);
}
const text = `${lines.join('\n')}\n`;
if (args.out) writeFileSync(args.out, text);
else process.stdout.write(text);
