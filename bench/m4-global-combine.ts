// Combinations of global models' M4 forecasts saved by `m4-global.ts --save`: each alone,
// their mean and median per step, and per series the one that scored better on that
// series' own validation origins (known before the test values). Scored with the M4
// measures beside Naive2 on the same series.
//
//   npx tsx bench/m4-global-combine.ts m24.json m168.json [more.json …]
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { medianOf } from '../src/forecast/combination.ts';
import { M4_SPEC, loadM4 } from './m4-data.ts';
import type { M4Frequency } from './m4-data.ts';
import { scoreSet } from './m4-score.ts';

interface Saved {
  freq: M4Frequency;
  series: { id: string; forecast: number[]; validationScore: number | null }[];
}

const files = process.argv.slice(2);
if (files.length < 2) throw new Error('give two or more files saved by m4-global.ts --save');
const runs = await Promise.all(
  files.map(async (f) => ({
    name: basename(f, '.json'),
    ...(JSON.parse(await readFile(f, 'utf8')) as Saved),
  })),
);
const freq = runs[0]!.freq;
const spec = M4_SPEC[freq];
const ids = runs[0]!.series.map((s) => s.id);
const byRun = runs.map((r) => new Map(r.series.map((s) => [s.id, s])));

const perStep = (pick: (values: number[]) => number) =>
  new Map(
    ids.map((id) => [
      id,
      Array.from({ length: spec.horizonSteps }, (_, j) => pick(byRun.map((m) => m.get(id)!.forecast[j]!))),
    ]),
  );
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const median = (v: number[]) => medianOf(v.map((x) => Float64Array.of(x)))[0]!;
const bestOnValidation = new Map(
  ids.map((id) => {
    const scored = byRun.map((m) => m.get(id)!);
    const best = scored.reduce((a, b) =>
      (b.validationScore ?? Infinity) < (a.validationScore ?? Infinity) ? b : a,
    );
    return [id, best.forecast];
  }),
);

const methods = new Map<string, Map<string, ArrayLike<number>>>([
  ...runs.map((r, i): [string, Map<string, ArrayLike<number>>] => [
    r.name,
    new Map(ids.map((id) => [id, byRun[i]!.get(id)!.forecast])),
  ]),
  ['mean', perStep(mean)],
  ['median', perStep(median)],
  ['best-on-validation', bestOnValidation],
]);
const wanted = new Set(ids);
const cases = loadM4(freq)
  .filter((s) => wanted.has(s.id))
  .map((s) => ({ id: s.id, train: s.train, test: s.test }));
const scores = scoreSet(cases, spec.horizonSteps, spec.scoringSeason, methods);
console.log(`M4 ${freq}, ${cases.length} series: ${files.join(', ')}`);
for (const [name, s] of scores)
  console.log(
    `${name.padEnd(20)} sMAPE ${s.smape.toFixed(3)} MASE ${s.mase.toFixed(3)} OWA ${s.owa.toFixed(3)}`,
  );
