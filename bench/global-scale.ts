// A global model at scale: 10,000 generated series of 1,000 daily values (each with its own
// level, trend, weekly season and noise, seeded), one fitGlobal over all of them. Reports
// the wall time per training epoch and the peak RSS (the bound: under 2 GB).
// Series are built in memory, not read from a 10-million-row CSV: this measures the fit.
//
//   npx tsx bench/global-scale.ts [--series 10000] [--points 1000] [--max-epochs 4]
import { parseArgs } from 'node:util';
import { fitGlobal, forecastGlobal } from '../src/forecaster.ts';
import { generatedCollection } from '../test/support/generated-collection.ts';

const { values } = parseArgs({
  options: {
    series: { type: 'string', default: '10000' },
    points: { type: 'string', default: '1000' },
    'max-epochs': { type: 'string', default: '4' },
  },
});
const count = Number(values.series);
const points = Number(values.points);

const seconds = (ms: number[]) => ms.map((e) => (e / 1000).toFixed(1)).join(', ');

async function main() {
  const collection = generatedCollection(count, points, 7);
  // Epoch wall times of the held-out fit (each with its validation pass), then of the
  // refit (none): a fit's elapsed time starts again at 0 when the refit begins.
  const phases: number[][] = [[]];
  let last = 0;
  const started = performance.now();
  const model = await fitGlobal(
    collection,
    { horizonSteps: 14, training: { seed: 42, maxEpochs: Number(values['max-epochs']) } },
    {
      onEpoch: (p) => {
        if (p.partial !== undefined) return;
        if (p.elapsedMs < last) {
          phases.push([]);
          last = 0;
        }
        phases.at(-1)!.push(p.elapsedMs - last);
        last = p.elapsedMs;
        console.error(`epoch ${p.epoch}: ${(p.elapsedMs / 1000).toFixed(1)} s elapsed`);
      },
    },
  );
  const fitSeconds = (performance.now() - started) / 1000;
  const forecastStarted = performance.now();
  for (const s of collection) forecastGlobal(model, s);
  const forecastSeconds = (performance.now() - forecastStarted) / 1000;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  const beat = model.series.filter((s) => s.validation.score < 1).length;
  console.log(
    `${count} series × ${points} points: fit ${fitSeconds.toFixed(0)} s (held-out fit and refit), ` +
      `epochs of the held-out fit ${seconds(phases[0]!)} s, of the refit ${seconds(phases[1] ?? [])} s; ` +
      `forecasting all ${count}: ${forecastSeconds.toFixed(1)} s; peak RSS ${rssMb.toFixed(0)} MB; ` +
      `beats seasonal naive on validation on ${beat} of ${model.series.length}`,
  );
}
main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
