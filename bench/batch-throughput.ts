// Batch throughput in series per minute: 100 generated daily series of 2,000 points, the
// same jobs file run on 1 worker and on a pool of 2 (both cores), in this script.
// Target (issue 6): speed-up ≥ 1.7×. Also the peak V8 heap of each worker. `--quick`: 10
// series of 500 points, printed only.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseJobs } from '../src/batch/jobs.ts';
import { createLocalExecutor } from '../src/batch/local-executor.ts';
import { runBatch } from '../src/batch/runner.ts';
import { createRandom } from '../src/rnn/random.ts';
import { openDatabase } from '../src/store/db.ts';
import { writeResultsSection } from './results-md.ts';

const quick = process.argv.includes('--quick');
const SERIES = quick ? 10 : 100,
  POINTS = quick ? 500 : 2000;
const dir = await mkdtemp(join(tmpdir(), 'recurrent-batch-bench-'));
await mkdir(join(dir, 'series'));
const random = createRandom(7);
for (let s = 0; s < SERIES; s++) {
  const level = 20 + 10 * random.nextFloat(),
    amplitude = 1 + 3 * random.nextFloat();
  const rows = Array.from(
    { length: POINTS },
    (_, i) =>
      `${new Date(Date.UTC(2015, 0, 1 + i)).toISOString().slice(0, 10)},${(level + amplitude * Math.sin((2 * Math.PI * i) / 7) + 0.01 * i + random.normal()).toFixed(4)}`,
  );
  await writeFile(
    join(dir, 'series', `s${String(s).padStart(3, '0')}.csv`),
    `date,value\n${rows.join('\n')}\n`,
  );
}
const jobs = `jobs:\n  - name: bench\n    source: series/*.csv\n    target: value\n    horizon: 7\n    config: { cell: gru, hiddenSize: 16, windowLength: 14, maxEpochs: 4, patienceEpochs: 4, seed: 1 }\n    output: { dir: out }\n`;

async function measure(workers: number) {
  const file = parseJobs(jobs, join(dir, 'jobs.yaml'));
  const db = openDatabase(':memory:');
  const executor = createLocalExecutor(workers);
  try {
    // Unmeasured warm-up: workers load their modules and compile, as a long batch amortises.
    const warmup = parseJobs(
      jobs.replace('series/*.csv', `series/s00[0-${workers - 1}].csv`),
      join(dir, 'jobs.yaml'),
    );
    await runBatch(warmup, { db, execute: executor.execute, concurrency: executor.concurrency, force: true });
    const summary = await runBatch(file, {
      db,
      execute: executor.execute,
      concurrency: executor.concurrency,
      force: true,
    });
    if (summary.failed > 0)
      throw new Error(`${summary.failed} series failed: ${summary.results.find((r) => r.error)?.error}`);
    const peak = Math.max(...summary.results.map((r) => r.peakHeapMb ?? 0));
    return {
      workers,
      seconds: summary.wallMs / 1000,
      perMinute: (60 * SERIES) / (summary.wallMs / 1000),
      peakHeapMb: peak,
    };
  } finally {
    await executor.close();
    db.close();
  }
}

const one = await measure(1);
const pool = await measure(cpus().length);
const speedup = pool.perMinute / one.perMinute;
const table = [
  '| workers | wall s | series/min | peak heap per worker (MB) |',
  '|---|---|---|---|',
  ...[one, pool].map(
    (r) =>
      `| ${r.workers} | ${r.seconds.toFixed(1)} | ${r.perMinute.toFixed(1)} | ${r.peakHeapMb.toFixed(1)} |`,
  ),
  '',
  `Speed-up of the pool over 1 worker: **${speedup.toFixed(2)}×** (target ≥ 1.7×: ${speedup >= 1.7 ? 'PASS' : 'MISS'}).`,
].join('\n');
console.log(table);
if (!quick) {
  writeResultsSection(
    '## Batch throughput (issue 6)',
    [
      `Date: ${new Date().toISOString().slice(0, 10)}. Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}.`,
      `Command: \`npx tsx bench/batch-throughput.ts\` (also run by \`npm run bench\`). ${SERIES} generated daily series of ${POINTS} points (weekly season, trend, noise); GRU 16, window 14, 4 epochs, horizon 7, each series trained (auto mode fits two candidate scalers, level and seasonal difference, one after the other), forecast, scored and written; fresh in-memory run store per measurement. Peak heap is the largest per-series peak of a worker's V8 heap.`,
      table,
    ].join('\n\n'),
  );
}
