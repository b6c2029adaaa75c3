// One global model per M4 frequency: every series of the set (or a seeded sample) read as
// the app reads a user's file, one fitGlobal over all of them, forecastCollection for each
// (a series too short for the global model gets auto mode's fit of its own, as the CLI
// gives it, and counts in the score: the OWA is of every series), and
// the M4 measures beside Naive2 and sNaive on the same series (m4-score.ts), with the fit's
// wall time and peak RSS.
//
//   npx tsx bench/m4-global.ts [--freq hourly|weekly] [--sample N] [--hidden 32] [--season 168] [--window 52]
//                              [--extra-seasons none|168]
//                              [--max-work 2e11] [--max-epochs 80] [--save forecasts.json]
//
// --save keeps each series' forecast and validation score, for m4-global-combine.ts.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { fitGlobal, forecastCollection } from '../src/forecaster.ts';
import type { ForecastOptions } from '../src/forecaster.ts';
import { M4_SPEC, loadM4, m4TimeSeries } from './m4-data.ts';
import type { M4Frequency } from './m4-data.ts';
import { sampleIds } from './m4-sample.ts';
import { scoreSet } from './m4-score.ts';
import { stepScale } from '../src/forecast/global/global-intervals.ts';

const { values } = parseArgs({
  options: {
    freq: { type: 'string', default: 'hourly' },
    sample: { type: 'string' },
    hidden: { type: 'string' },
    window: { type: 'string' },
    season: { type: 'string' },
    'max-work': { type: 'string' },
    'max-epochs': { type: 'string' },
    seed: { type: 'string', default: '2026' },
    save: { type: 'string' },
    'extra-seasons': { type: 'string' },
  },
});
const freq = values.freq as M4Frequency;
const spec = M4_SPEC[freq];
const all = loadM4(freq);
const ids = values.sample
  ? new Set(
      sampleIds(
        all.map((s) => s.id),
        Number(values.sample),
        Number(values.seed),
      ),
    )
  : null;
const picked = ids ? all.filter((s) => ids.has(s.id)) : all;

async function main() {
  const collection = await Promise.all(
    picked.map(async (s) => ({ ...(await m4TimeSeries(s.id, s.train, freq)), id: s.id })),
  );
  const options: ForecastOptions = {
    horizonSteps: spec.horizonSteps,
    seasonLength: values.season ? Number(values.season) : freq === 'hourly' ? 24 : 52,
    windowLength: values.window ? Number(values.window) : undefined,
    // The further networks of an ensemble: the frequency's longer seasons by default.
    extraSeasons:
      values['extra-seasons'] === undefined
        ? undefined
        : values['extra-seasons'] === 'none'
          ? []
          : values['extra-seasons'].split(',').map(Number),
    network: values.hidden ? { hiddenSize: Number(values.hidden) } : undefined,
    training: {
      seed: 42,
      ...(values['max-work'] ? { maxTrainingWork: Number(values['max-work']) } : {}),
      ...(values['max-epochs'] ? { maxEpochs: Number(values['max-epochs']) } : {}),
    },
  };
  const started = performance.now();
  const model = await fitGlobal(collection, options, {
    onEpoch: (p) => {
      if (p.partial === undefined)
        console.error(
          `epoch ${p.epoch}: train ${p.trainLoss.toFixed(4)} validation ${p.validationLoss?.toFixed(4)} (${(p.elapsedMs / 1000).toFixed(0)} s)`,
        );
    },
  });
  const entries = await forecastCollection(model, collection, {
    horizonSteps: spec.horizonSteps,
    training: { seed: 42 },
  });
  const ownFits = entries.filter((e) => e.source === 'own fit').length;
  const futures = new Map(entries.map((e) => [e.id, e.forecast]));
  const fitSeconds = (performance.now() - started) / 1000;
  const forecasts = new Map([...futures].map(([id, f]) => [id, f.forecast]));
  // Coverage of the M4 test values: each series' own widths (what forecastGlobal gives a
  // fitted series) against the pooled, scaled widths an unseen series would get.
  const covered = { own80: 0, own95: 0, pooled80: 0, pooled95: 0, values: 0 };
  for (const s of picked) {
    const f = futures.get(s.id)!;
    const scale = stepScale(s.train);
    const pooled = model.relativeIntervals.halfWidths.map((row) => row.map((w) => w * scale));
    s.test.forEach((y, j) => {
      covered.values++;
      if (y >= f.lower80[j]! && y <= f.upper80[j]!) covered.own80++;
      if (y >= f.lower95[j]! && y <= f.upper95[j]!) covered.own95++;
      if (Math.abs(y - f.forecast[j]!) <= pooled[0]![j]!) covered.pooled80++;
      if (Math.abs(y - f.forecast[j]!) <= pooled[1]![j]!) covered.pooled95++;
    });
  }
  const pct = (k: number) => `${((100 * k) / covered.values).toFixed(1)} %`;
  const scores = scoreSet(
    picked.map((s) => ({ id: s.id, train: s.train, test: s.test })),
    spec.horizonSteps,
    spec.scoringSeason,
    new Map([['global', forecasts]]),
  );
  const beat = model.series.filter((s) => s.validation.score < 1).length;
  if (values.save) {
    const validation = new Map(model.series.map((s) => [s.id, s.validation.score]));
    const saved = picked.map((s) => ({
      id: s.id,
      forecast: Array.from(forecasts.get(s.id)!),
      validationScore: validation.get(s.id) ?? null,
    }));
    await writeFile(values.save, `${JSON.stringify({ freq, options, series: saved })}\n`);
  }
  console.log(
    `M4 ${freq}, ${picked.length} series, one global fit: ${fitSeconds.toFixed(0)} s with the forecasts (${ownFits} series too short for it fitted on their own), peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
  console.log(
    `config: ${model.config.network.cell} ${model.config.network.hiddenSize}, window ${model.config.windowLength}, ${JSON.stringify(model.config.scaler)}, best epoch ${model.training.bestEpoch} of ${model.training.history.length} (${model.training.stoppedBy}); networks: m = ${[model, ...(model.members ?? [])].map((m) => m.config.seasonLength).join(', ')}; beats seasonal naive on validation on ${beat} of ${model.series.length}`,
  );
  console.log(
    `test values inside the 80 % / 95 % bands: per-series widths ${pct(covered.own80)} / ${pct(covered.own95)}; pooled widths ${pct(covered.pooled80)} / ${pct(covered.pooled95)} (no non-negativity clip on the pooled ones)`,
  );
  for (const [name, s] of scores)
    console.log(
      `${name.padEnd(8)} sMAPE ${s.smape.toFixed(3)} MASE ${s.mase.toFixed(3)} OWA ${s.owa.toFixed(3)}${s.failed.length ? ` failed ${s.failed.length}` : ''}`,
    );
}
main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
