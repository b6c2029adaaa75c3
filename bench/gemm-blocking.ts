// The register-blocking study behind gemm-kernels-wat.ts's BLOCKS (issue 13): every block
// shape tried, on the four products a float32 training step spends its time in, for
// H = 16 … 256, as GFLOP/s of the bare kernel on operands already in the module memory
// (no staging, no JS edges: the block shape is all that differs).
//   fwd NT   gates[B, GH] += h[B, H]·Whᵀ        kvec (Wh as stored)
//   fwd NN   gates[B, GH] += h[B, H]·Whᵀ        jvec (on the pinned transpose, H < 64)
//   dh NN    dh[B, H] += da[B, GH]·Wh           jvec
//   dWh TN   dWh[GH, H] += daᵀ·h over 256 rows  jvec, A strided
// with B = 32 rows (one shard of a 64-window minibatch) and GH = 4H (an LSTM). "×2k" is
// jvec with its k loop unrolled twice. Each shape is compiled from the same templates as
// the engine's kernels, in a module of its own.
//
// Usage: npx tsx bench/gemm-blocking.ts [--quick]
// The full run writes bench/RESULTS.md, section "## gemm register blocking (issue 13)".
import { BLOCKS, jvec, kvec } from '../src/rnn/kernels/gemm-kernels-wat.ts';
import { compileWat } from '../src/rnn/kernels/kernel-module.ts';
import type { KernelFn } from '../src/rnn/kernels/wasm-instance.ts';
import { machineDescription, writeResultsSection } from './results-md.ts';

const HEADING = '## gemm register blocking (issue 13)';
const ROWS = 32;
/** jvec shapes: rows × vectors of 4 columns. */
const JVEC = [
  [2, 4],
  [4, 2],
  [1, 8],
  [3, 3],
  [4, 3],
  [3, 4],
  [6, 2],
  [4, 4],
  [8, 2],
] as const;
/** kvec shapes: rows × columns. */
const KVEC = [
  [2, 4],
  [4, 2],
  [1, 8],
  [3, 4],
  [4, 3],
  [2, 6],
  [4, 4],
] as const;

/** jvec with its k loop body written twice (K even in every product timed here). */
function jvecUnrolled(rows: number, vecs: number, name: string): string {
  const text = jvec('float32', rows, vecs, name);
  const start = text.indexOf('(loop $overK'),
    end = text.indexOf('(local.set $k (i32.sub');
  const body = text.slice(text.indexOf('\n', start) + 1, end);
  return `${text.slice(0, start)}(loop $overK\n${body}${body}${text.slice(end).replace('(i32.const 1)))', '(i32.const 2)))')}`;
}

async function instantiate(): Promise<Record<string, KernelFn>> {
  const fns = [
    ...JVEC.map(([r, v]) => jvec('float32', r, v, `j${r}x${v}`)),
    ...KVEC.map(([r, c]) => kvec('float32', r, c, `k${r}x${c}`)),
    jvecUnrolled(2, 4, 'u2x4'),
    jvecUnrolled(4, 2, 'u4x2'),
  ];
  const bytes = await compileWat(
    `(module (memory (export "memory") 512)\n${fns.join('\n')})`,
    'blocking.wat',
  );
  const api = (
    globalThis as unknown as {
      WebAssembly: {
        Module: new (b: Uint8Array) => object;
        Instance: new (m: object, i: object) => { exports: Record<string, unknown> };
      };
    }
  ).WebAssembly;
  const exports = new api.Instance(new api.Module(bytes), {}).exports;
  const memory = new Float32Array((exports.memory as { buffer: ArrayBuffer }).buffer);
  for (let i = 0; i < memory.length; i++) memory[i] = ((i % 7) - 3) * 0.01;
  return exports as Record<string, KernelFn>;
}

/** GFLOP/s of f over about `ms` ms, after a warm-up. */
function gflops(f: () => void, flops: number, ms: number): number {
  for (let i = 0; i < 30; i++) f();
  let n = 0;
  const start = performance.now();
  let now = start;
  while ((now = performance.now()) - start < ms) {
    for (let i = 0; i < 10; i++) f();
    n += 10;
  }
  return (flops * n) / ((now - start) * 1e6);
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const ms = quick ? 20 : 150;
  const hs = quick ? [32] : [16, 32, 64, 128, 256];
  const k = await instantiate();
  const started = performance.now();
  // Operands at fixed byte offsets 8 MB apart.
  const A = 0,
    Bm = 8 << 20,
    C = 16 << 20;
  const lines = ['| product | H | shape: GFLOP/s (best first) |', '|---|---|---|'];
  for (const H of hs) {
    const GH = 4 * H;
    const row = (product: string, results: [string, number][]) => {
      // A shape whose blocks cover none of the product (1×8v at H = 16) has no figure.
      results = results.filter(([, g]) => g > 0).sort((x, y) => y[1] - x[1]);
      lines.push(`| ${product} | ${H} | ${results.map(([s, g]) => `${s} ${g.toFixed(1)}`).join(', ')} |`);
      console.log(lines[lines.length - 1]);
    };
    const jvecShapes: [label: string, name: string, rows: number, vecs: number][] = [
      ...JVEC.map(([r, v]): [string, string, number, number] => [`${r}×${v}v`, `j${r}x${v}`, r, v]),
      ['2×4v ×2k', 'u2x4', 2, 4],
      ['4×2v ×2k', 'u4x2', 4, 2],
    ];
    // Each shape on the largest part of the product its blocks cover (what the engine's
    // JS edges would leave is not timed).
    const onJvec = (M: number, N: number, K: number, aRow: number, aCol: number, bS: number, cRow: number) =>
      jvecShapes.map(([label, name, r, v]): [string, number] => {
        const m = M - (M % r),
          n = N - (N % (4 * v));
        return [label, gflops(() => k[name]!(m, n, K, A, aRow, aCol, Bm, bS, C, cRow), 2 * m * n * K, ms)];
      });
    const onKvec = KVEC.map(([r, c]): [string, number] => {
      const m = ROWS - (ROWS % r),
        n = GH - (GH % c);
      return [
        `${r}×${c}`,
        gflops(() => k[`k${r}x${c}`]!(m, n, H, A, 4 * H, 4, Bm, 4 * H, C, 4 * GH), 2 * m * n * H, ms),
      ];
    });
    row('fwd NT (kvec)', onKvec);
    row('fwd NN (jvec)', onJvec(ROWS, GH, H, 4 * H, 4, 4 * GH, 4 * GH));
    row('dh NN (jvec)', onJvec(ROWS, H, GH, 4 * GH, 4, 4 * H, 4 * H));
    row('dWh TN (jvec)', onJvec(GH, H, 256, 4, 4 * GH, 4 * H, 4 * H));
  }
  const { jvec: j, kvec: kv } = BLOCKS;
  const notes = [
    `Date: ${new Date().toISOString().slice(0, 10)}. Machine: ${machineDescription()}.`,
    `Command: \`${['npx tsx bench/gemm-blocking.ts', ...process.argv.slice(2)].join(' ')}\` (also run by \`npm run bench\`); took ${((performance.now() - started) / 1000).toFixed(0)} s.`,
    `Float32, bare kernels on operands in the module memory, ${ROWS} rows of C for the per-step products, GH = 4H; shape = rows × vectors of 4 columns (jvec, "×2k": k loop unrolled twice) or rows × columns (kvec). The engine uses jvec ${j.rows}×${j.vecs}v and kvec ${kv.rows}×${kv.cols} (BLOCKS in src/rnn/kernels/gemm-kernels-wat.ts): eight accumulators is the most V8 keeps in registers, and unrolling k spills too.`,
  ];
  console.log(`\n${notes.join('\n')}`);
  if (!quick) writeResultsSection(HEADING, `${notes.join('\n\n')}\n\n${lines.join('\n')}`);
}

await main();
