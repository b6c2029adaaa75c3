// What the wasm gemm kernels buy end to end: our training step on the issue-2 workload
// with setGemmKernel('js') (the pure-JS 2×4 kernel, as before) against 'auto' (wasm SIMD for
// large products), in one process, interleaved round by round so background load hits
// both alike. Reports the median over rounds of each and the ratio of medians.
//
// Usage: npx tsx bench/gemm-kernels.ts [--quick] [--rounds=N]
// The full run writes bench/RESULTS.md, section "## gemm kernels: wasm vs JS".
import { setGemmKernel } from '../src/rnn/kernels/gemm.ts';
import type { GemmKernel } from '../src/rnn/kernels/gemm.ts';
import { machineDescription, writeResultsSection } from './results-md.ts';
import {
  allConfigs,
  BATCH,
  createOurTrainer,
  makeSeries,
  makeWindows,
  trainFlopsPerWindow,
} from './workload.ts';
import type { BenchConfig } from './workload.ts';

const HEADING = '## gemm kernels: wasm vs JS';
/** Each timed slice does about this many FLOPs (≈ 0.1–0.5 s). */
const SLICE_FLOPS = 1e9;

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;

/** Training windows/s for each kernel, alternating which goes first each round. */
function compare(cfg: BenchConfig, rounds: number, quick: boolean): Record<'js' | 'auto', number[]> {
  const w = makeWindows(makeSeries(), cfg.T);
  const batches = quick ? 1 : Math.max(2, Math.round(SLICE_FLOPS / (trainFlopsPerWindow(cfg) * BATCH)));
  const kernels: ('js' | 'auto')[] = ['js', 'auto'];
  const trainers = { js: createOurTrainer(cfg, w), auto: createOurTrainer(cfg, w) };
  const rates: Record<'js' | 'auto', number[]> = { js: [], auto: [] };
  let batch = 0;
  const slice = (kernel: GemmKernel & ('js' | 'auto'), timed: boolean) => {
    setGemmKernel(kernel);
    const start = performance.now();
    for (let b = 0; b < batches; b++) trainers[kernel].train(batch++);
    if (timed) rates[kernel].push((batches * BATCH * 1000) / (performance.now() - start));
  };
  for (const kernel of kernels) slice(kernel, false); // warm-up
  for (let r = 0; r < rounds; r++)
    for (const kernel of r % 2 ? [...kernels].reverse() : kernels) slice(kernel, true);
  setGemmKernel('auto');
  return rates;
}

function main(): void {
  const quick = process.argv.includes('--quick');
  const rounds = Number(process.argv.find((a) => a.startsWith('--rounds='))?.slice(9) ?? (quick ? 1 : 5));
  if (!setGemmKernel('auto')) {
    console.log('wasm kernels unavailable on this host: nothing to compare.');
    return;
  }
  const started = performance.now();
  const configs = quick ? [{ cell: 'lstm' as const, T: 30, H: 32 }] : allConfigs();
  const lines = [
    '| cell | T | H | JS kernel train win/s | wasm (auto) train win/s | speed-up | GFLOP/s JS | GFLOP/s wasm |',
    '|---|---|---|---|---|---|---|---|',
  ];
  console.log(lines.join('\n'));
  for (const cfg of configs) {
    const rates = compare(cfg, rounds, quick);
    const js = median(rates.js),
      wasm = median(rates.auto),
      gf = trainFlopsPerWindow(cfg) / 1e9;
    lines.push(
      `| ${cfg.cell} | ${cfg.T} | ${cfg.H} | ${js.toFixed(0)} | ${wasm.toFixed(0)} | ${(wasm / js).toFixed(2)}× | ${(js * gf).toFixed(2)} | ${(wasm * gf).toFixed(2)} |`,
    );
    console.log(lines[lines.length - 1]);
  }
  const notes = [
    `Date: ${new Date().toISOString().slice(0, 10)}. Machine: ${machineDescription()}.`,
    `Command: \`${['npx tsx bench/gemm-kernels.ts', ...process.argv.slice(2)].join(' ')}\` (also run by \`npm run bench\`); took ${((performance.now() - started) / 1000).toFixed(0)} s.`,
    `Same process, same workload as the training-throughput table; ${rounds} interleaved rounds per kernel of ≈${SLICE_FLOPS / 1e9} GFLOP of training each (after one warm-up slice), median reported.`,
  ];
  console.log(`\n${notes.join('\n')}`);
  if (!quick) writeResultsSection(HEADING, `${notes.join('\n\n')}\n\n${lines.join('\n')}`);
}

main();
