// `--global auto` on a seeded M4 sample: chooseCollectionFit fits the global model and
// auto mode's fit per series without the last h values of every series, keeps the better
// by the leaderboard's score, and refits it on all the data; the kept fit's forecasts are
// then scored on the M4 test values beside Naive2, with the choice and its wall time.
//
//   npx tsx bench/m4-global-auto.ts [--freq hourly|weekly] [--sample 20] [--seed 2026]
import { parseArgs } from 'node:util';
import { chooseCollectionFit, forecast, forecastCollection } from '../src/forecaster.ts';
import { M4_SPEC, loadM4, m4TimeSeries } from './m4-data.ts';
import type { M4Frequency } from './m4-data.ts';
import { sampleIds } from './m4-sample.ts';
import { scoreSet } from './m4-score.ts';

const { values } = parseArgs({
  options: {
    freq: { type: 'string', default: 'hourly' },
    sample: { type: 'string', default: '20' },
    seed: { type: 'string', default: '2026' },
  },
});
const freq = values.freq as M4Frequency;
const spec = M4_SPEC[freq];
const all = loadM4(freq);
const ids = new Set(
  sampleIds(
    all.map((s) => s.id),
    Number(values.sample),
    Number(values.seed),
  ),
);
const picked = all.filter((s) => ids.has(s.id));
const collection = await Promise.all(
  picked.map(async (s) => ({ ...(await m4TimeSeries(s.id, s.train, freq)), id: s.id })),
);
const options = { horizonSteps: spec.horizonSteps, training: { seed: 42 } };
const started = performance.now();
const fitted = await chooseCollectionFit(collection, options);
const forecasts = new Map<string, ArrayLike<number>>();
if (fitted.kind === 'global') {
  for (const e of await forecastCollection(fitted.global, collection, options))
    forecasts.set(e.id, e.forecast.forecast);
} else {
  for (const s of collection) forecasts.set(s.id, forecast(fitted.models.get(s.id)!, s).forecast);
}
const seconds = (performance.now() - started) / 1000;
const scores = scoreSet(
  picked.map((s) => ({ id: s.id, train: s.train, test: s.test })),
  spec.horizonSteps,
  spec.scoringSeason,
  new Map([[`auto: ${fitted.kind}`, forecasts]]),
);
console.log(`M4 ${freq}, ${picked.length} series (seed ${values.seed}): ${seconds.toFixed(0)} s`);
console.log(`choice: ${fitted.choice.reason}`);
for (const [name, s] of scores)
  console.log(
    `${name.padEnd(20)} sMAPE ${s.smape.toFixed(3)} MASE ${s.mase.toFixed(3)} OWA ${s.owa.toFixed(3)}`,
  );
