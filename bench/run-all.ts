// `npm run bench`: runs every benchmark script in turn, each in its own Node process (so
// tf.js backends, JIT state and memory of one cannot skew the next). Extra arguments are
// passed to every script, e.g. `npm run bench -- --quick`.
// To add a benchmark, add one line to BENCHES; its script should accept --quick.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BENCHES = [
  'train-throughput.ts',
  'gemm-kernels.ts',
  'gemm-blocking.ts',
  'ingest-throughput.ts',
  'forecast-latency.ts',
  'batch-throughput.ts',
  'web-page.ts',
];

const args = process.argv.slice(2);
const failed: string[] = [];
for (const name of BENCHES) {
  const script = fileURLToPath(new URL(`./${name}`, import.meta.url));
  console.log(`\n=== bench/${name} ${args.join(' ')}`.trimEnd());
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { stdio: 'inherit' });
  if (r.status !== 0) failed.push(`${name} (${r.error?.message ?? `exit ${r.status ?? r.signal}`})`);
}
if (failed.length > 0) {
  console.error(`\nFailed: ${failed.join(', ')}`);
  process.exit(1);
}
