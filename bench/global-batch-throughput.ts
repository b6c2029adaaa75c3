// Forecasting with a trained global model through batch, one worker against a pool of two:
// N generated daily series (one CSV each, weekly season, trend and noise, seeded) in one
// `model: global` job. A first, unmeasured run trains the model and saves it beside the
// outputs; then the same jobs file runs on 1 worker and on 2, each with a fresh run store,
// so every series is forecast again while the saved model (its fingerprint unchanged) is
// reused. Both measured runs include the coordinator's work before dispatching (listing
// each file's series from its header, hashing every file for that fingerprint), which
// does not spread over workers.
//
//   npx tsx bench/global-batch-throughput.ts [--series 10000] [--points 1000]
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseJobs } from '../src/batch/jobs.ts';
import { createLocalExecutor } from '../src/batch/local-executor.ts';
import { runBatch } from '../src/batch/runner.ts';
import { formatTime } from '../src/forecaster.ts';
import { openDatabase } from '../src/store/db.ts';
import { generatedCollection } from '../test/support/generated-collection.ts';

const { values } = parseArgs({
  options: { series: { type: 'string', default: '10000' }, points: { type: 'string', default: '1000' } },
});
const count = Number(values.series);
const points = Number(values.points);
const dir = await mkdtemp(join(tmpdir(), 'recurrent-global-batch-'));
await mkdir(join(dir, 'series'));
for (const s of generatedCollection(count, points, 7)) {
  const rows = Array.from(s.values, (v, t) => `${formatTime(s.time[t]!).slice(0, 10)},${v.toFixed(3)}`);
  await writeFile(join(dir, 'series', `${s.id.padStart(6, '0')}.csv`), `date,value\n${rows.join('\n')}\n`);
}
// Window-relative scaling keeps the unmeasured training to minutes at 10,000 series (the
// default ES scaling fits a smoother per series first); forecasting is what is measured.
const jobs = `jobs:\n  - name: global\n    source: series/*.csv\n    target: value\n    horizon: 14\n    model: global\n    config: { hiddenSize: 16, maxEpochs: 2, scale: relative, seed: 1 }\n    output: { dir: out }\n`;

async function run(workers: number) {
  const db = openDatabase(':memory:');
  const executor = createLocalExecutor(workers);
  try {
    const summary = await runBatch(parseJobs(jobs, join(dir, 'jobs.yaml')), {
      db,
      execute: executor.execute,
      concurrency: executor.concurrency,
      forecastConcurrency: executor.forecastConcurrency,
    });
    if (summary.failed > 0)
      throw new Error(`${summary.failed} series failed: ${summary.results.find((r) => r.error)?.error}`);
    return { workers, seconds: summary.wallMs / 1000, perMinute: (60 * count) / (summary.wallMs / 1000) };
  } finally {
    await executor.close();
    db.close();
  }
}

const started = performance.now();
await run(1); // trains and saves the model; not measured
console.error(
  `trained the global model and forecast once in ${((performance.now() - started) / 1000).toFixed(0)} s`,
);
const one = await run(1);
const two = await run(2);
console.log(
  [
    `${count} series × ${points} points, one model: global job (GRU 16, window-relative, 2 epochs), horizon 14.`,
    '| workers | wall s | series/min |',
    '|---|---|---|',
    ...[one, two].map((r) => `| ${r.workers} | ${r.seconds.toFixed(1)} | ${r.perMinute.toFixed(0)} |`),
    '',
    `Two workers over one: **${(two.perMinute / one.perMinute).toFixed(2)}×**.`,
  ].join('\n'),
);
await rm(dir, { recursive: true, force: true });
