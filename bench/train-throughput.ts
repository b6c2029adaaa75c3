// Training and inference throughput (windows/second) of our engine against tf.js 4.22
// (cpu and wasm backends) on one identical workload, in one process (issue 2).
//
// Workload: a fixed 20,000-point series (two sines plus seeded noise), sliding windows of
// length T with the next value as target, 1 feature, minibatch 64, one recurrent layer of
// H units + dense(1), Adam(1e-3), MSE. Ours: forwardBatch → lossAndGradient → backwardBatch
// → clipByGlobalNorm(1) → Adam, in Float64; tf.js: trainOnBatch on float32 tensors.
// Minibatches are taken in order; each engine/config times a fixed number of them after
// warm-up (see batchCounts), sized so the whole run stays within a few minutes on 2 cores.
//
// Usage: npx tsx bench/train-throughput.ts [--quick] [--engines=ours,tfjs-wasm,tfjs-cpu] [--configs=lstm:30:32,...]
//   --quick    one small config per cell, 2 timed batches, nothing written (smoke test)
//   --engines  measure only these engines (others show as –); nothing written
//   --configs  only these cell:T:H configs; nothing written
// The full run writes its table to bench/RESULTS.md, section "## Training throughput (issue 2)".
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { CellKind } from '../src/rnn/cells/cell.ts';
import type { Precision } from '../src/rnn/floats.ts';
import { machineDescription, writeResultsSection } from './results-md.ts';
import {
  allConfigs,
  BATCH,
  batchStart,
  createOurTrainer,
  FEATURES,
  makeSeries,
  makeWindows,
  SERIES_LENGTH,
  trainFlopsPerWindow,
} from './workload.ts';
import type { BenchConfig, Windows } from './workload.ts';

const HEADING = '## Training throughput (issues 2 and 13)';

type EngineName = 'ours' | 'tfjs-cpu' | 'tfjs-wasm' | 'torch';

/**
 * Training batches timed per engine are chosen so each gets about this many FLOPs of work:
 * a second or more for ours and PyTorch, whose ratio the issue-13 targets read (at a third
 * of this, both sides' figures moved by ±15 % between runs of the same code).
 */
const TRAIN_BUDGET: Record<EngineName, number> = {
  ours: 24e9,
  'tfjs-cpu': 0.8e9,
  'tfjs-wasm': 3e9,
  torch: 16e9,
};
const INFER_BUDGET = 3e9;
// Enough for V8 (ours, tf.js) to compile the hot path before the clock starts.
const WARMUP = 8;

// ---------------------------------------------------------------- counts

function batchCounts(cfg: BenchConfig, engine: EngineName, quick: boolean): { train: number; infer: number } {
  if (quick) return { train: 2, infer: 2 };
  const perBatch = trainFlopsPerWindow(cfg) * BATCH;
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(v)));
  return {
    train: clamp(TRAIN_BUDGET[engine] / perBatch, 2, 400),
    infer: clamp((3 * INFER_BUDGET) / perBatch, 3, 300),
  };
}

// ---------------------------------------------------------------- timing

/** Windows per second over `count` batches of `run`, after `warmup` untimed ones. */
async function windowsPerSecond(
  run: (batch: number) => unknown,
  warmup: number,
  count: number,
): Promise<number> {
  for (let i = 0; i < warmup; i++) await run(i);
  const start = performance.now();
  for (let i = warmup; i < warmup + count; i++) await run(i);
  return (count * BATCH * 1000) / (performance.now() - start);
}

interface Measured {
  train: number;
  infer?: number;
  trainBatches: number;
  inferBatches?: number;
}

// ---------------------------------------------------------------- our engine

/** Our engine in one precision on 1 or 2 threads; timing starts once the helper thread is up. */
async function measureOurs(
  cfg: BenchConfig,
  w: Windows,
  quick: boolean,
  variant: OurVariant,
): Promise<Measured> {
  const ours = createOurTrainer(cfg, w, variant.threads, variant.precision);
  const until = performance.now() + 30_000;
  while (variant.threads > 1 && !ours.helperReady() && performance.now() < until)
    await new Promise((r) => setTimeout(r, 10));
  try {
    const infer = variant === OUR_DEFAULT ? ours.infer : null;
    return await measureBoth(ours.train, infer, batchCounts(cfg, 'ours', quick), quick);
  } finally {
    ours.close();
  }
}

interface OurVariant {
  precision: Precision;
  threads: number;
}
/** What a fit uses when it has the machine to itself (float32, both cores), then the rows that show each gain. */
const OUR_DEFAULT: OurVariant = { precision: 'float32', threads: 2 };
const OUR_VARIANTS: OurVariant[] = [
  OUR_DEFAULT,
  { precision: 'float32', threads: 1 },
  { precision: 'float64', threads: 2 },
  { precision: 'float64', threads: 1 },
];
const variantLabel = (v: OurVariant) => `${v.precision} ${v.threads} thread${v.threads > 1 ? 's' : ''}`;

async function measureBoth(
  train: (i: number) => unknown,
  infer: ((i: number) => unknown) | null,
  counts: { train: number; infer: number },
  quick: boolean,
): Promise<Measured> {
  const warmup = quick ? 1 : WARMUP;
  const result: Measured = {
    train: await windowsPerSecond(train, warmup, counts.train),
    trainBatches: counts.train,
  };
  if (infer) {
    result.infer = await windowsPerSecond(infer, warmup, counts.infer);
    result.inferBatches = counts.infer;
  }
  return result;
}

// ---------------------------------------------------------------- tf.js

async function initTfjs(): Promise<void> {
  tf.enableProdMode();
  const wasmDir = fileURLToPath(
    new URL('../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url),
  );
  setWasmPaths(wasmDir.endsWith('/') ? wasmDir : `${wasmDir}/`);
  for (const backend of ['wasm', 'cpu']) {
    if (!(await tf.setBackend(backend))) throw new Error(`tf.js backend ${backend} failed to initialise`);
  }
  await tf.ready();
}

function buildTfjsModel({ cell, T, H }: BenchConfig): tf.LayersModel {
  // The recurrent initializer does not affect throughput; tf.js's default orthogonal one
  // warns and is slow for 4H×H kernels, so glorotUniform keeps the set-up quiet.
  const common = { units: H, inputShape: [T, FEATURES], recurrentInitializer: 'glorotUniform' as const };
  const model = tf.sequential();
  if (cell === 'rnn') model.add(tf.layers.simpleRNN(common));
  else if (cell === 'lstm') model.add(tf.layers.lstm({ ...common, recurrentActivation: 'sigmoid' }));
  else model.add(tf.layers.gru({ ...common, recurrentActivation: 'sigmoid' }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'meanSquaredError' });
  return model;
}

async function measureTfjs(
  backend: 'cpu' | 'wasm',
  cfg: BenchConfig,
  w: Windows,
  x32: Float32Array,
  y32: Float32Array,
  quick: boolean,
): Promise<Measured> {
  await tf.setBackend(backend);
  const model = buildTfjsModel(cfg);
  const stride = cfg.T * FEATURES;
  const tensors = (i: number) => {
    const s = batchStart(i, w);
    return [
      tf.tensor3d(x32.subarray(s * stride, (s + BATCH) * stride), [BATCH, cfg.T, FEATURES]),
      tf.tensor2d(y32.subarray(s, s + BATCH), [BATCH, 1]),
    ] as const;
  };
  const train = async (i: number) => {
    const [xs, ys] = tensors(i);
    await model.trainOnBatch(xs, ys);
    tf.dispose([xs, ys]);
  };
  const infer = async (i: number) => {
    const [xs, ys] = tensors(i);
    const out = model.predict(xs, { batchSize: BATCH }) as tf.Tensor;
    await out.data();
    tf.dispose([xs, ys, out]);
  };
  // tfjs-cpu inference is not part of the table; skipping it saves minutes.
  const result = await measureBoth(
    train,
    backend === 'wasm' ? infer : null,
    batchCounts(cfg, `tfjs-${backend}`, quick),
    quick,
  );
  model.dispose();
  return result;
}

// ---------------------------------------------------------------- PyTorch (optional)

type TorchProbe = { ok: true; python: string; version: string } | { ok: false; reason: string };

/**
 * The first Python that imports torch: $PYTHON, then python3 on the PATH, then Debian's
 * /usr/bin/python3 (where `apt-get install python3-torch` puts it, and a pyenv python3 on
 * the PATH would not see it).
 */
function probeTorch(): TorchProbe {
  const tried: string[] = [];
  for (const python of [process.env.PYTHON, 'python3', '/usr/bin/python3']) {
    if (!python) continue;
    const r = spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
    if (!r.error && r.status === 0) return { ok: true, python, version: r.stdout.trim() };
    const last = r.error?.message ?? r.stderr.trim().split('\n').pop() ?? `exit status ${r.status}`;
    tried.push(`${python}: ${last}`);
  }
  return { ok: false, reason: `no Python here imports torch (${tried.join('; ')})` };
}

/** Runs bench/torch_throughput.py on the same series and configs; train win/s per config, and the BLAS torch loaded. */
function measureTorch(
  python: string,
  threads: number,
  series: Float64Array,
  configs: BenchConfig[],
  quick: boolean,
): { trainWps: number[]; blas: string } {
  const script = fileURLToPath(new URL('./torch_throughput.py', import.meta.url));
  const job = {
    series: Array.from(series),
    batch: BATCH,
    warmup: quick ? 1 : WARMUP,
    threads,
    configs: configs.map((cfg) => ({ ...cfg, batches: batchCounts(cfg, 'torch', quick).train })),
  };
  const r = spawnSync(python, [script], {
    input: JSON.stringify(job),
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) throw new Error(`torch_throughput.py failed: ${r.stderr || r.error?.message}`);
  return JSON.parse(r.stdout) as { trainWps: number[]; blas: string };
}

// ---------------------------------------------------------------- report

interface Row {
  cfg: BenchConfig;
  /** Our default (OUR_DEFAULT). */
  ours?: Measured;
  /** Training windows/s of the other OUR_VARIANTS, in their order. */
  oursOther?: number[];
  cpu?: Measured;
  wasm?: Measured;
  /** PyTorch's training windows/s at 1 and at 2 threads. */
  torch?: { one: number; two: number };
}

const fmt = (v: number | undefined, digits = 0) => (v === undefined ? '–' : v.toFixed(digits));

/** Issue 13's targets: against PyTorch at its better thread count, and against tf.js-wasm. */
const WASM_TARGET = 3;
function torchTargetFor(H: number): number {
  return H <= 64 ? 1 : 0.5;
}

function tableMarkdown(rows: Row[], withTorch: boolean): string {
  const head = [
    'cell',
    'T',
    'H',
    `ours train win/s (${variantLabel(OUR_DEFAULT)})`,
    ...OUR_VARIANTS.slice(1).map((v) => `ours ${variantLabel(v)}`),
    'tfjs-cpu train win/s',
    'tfjs-wasm train win/s',
    'ours/wasm',
    'ours/cpu',
    'ours infer win/s',
    'wasm infer win/s',
    'GFLOP/s ours',
    'GFLOP/s cpu',
    'GFLOP/s wasm',
  ];
  if (withTorch)
    head.push('torch 1 thread win/s', 'torch 2 threads win/s', 'ours/torch (best)', 'GFLOP/s torch (best)');
  head.push('target', 'result');
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const { cfg, ours, oursOther, cpu, wasm, torch } of rows) {
    const flops = trainFlopsPerWindow(cfg) / 1e9;
    const ratio = ours && wasm ? ours.train / wasm.train : undefined;
    const gflops = (wps: number | undefined) => fmt(wps === undefined ? undefined : wps * flops, 2);
    const best = torch ? Math.max(torch.one, torch.two) : undefined;
    const vsTorch = ours && best ? ours.train / best : undefined;
    const cells = [
      cfg.cell,
      cfg.T,
      cfg.H,
      fmt(ours?.train),
      ...OUR_VARIANTS.slice(1).map((_, i) => fmt(oursOther?.[i])),
      fmt(cpu?.train),
      fmt(wasm?.train),
      fmt(ratio, 2),
      fmt(ours && cpu ? ours.train / cpu.train : undefined, 2),
      fmt(ours?.infer),
      fmt(wasm?.infer),
      gflops(ours?.train),
      gflops(cpu?.train),
      gflops(wasm?.train),
    ];
    if (withTorch) cells.push(fmt(torch?.one), fmt(torch?.two), fmt(vsTorch, 2), gflops(best));
    const torchTarget = torchTargetFor(cfg.H);
    const met =
      ratio !== undefined && ratio >= WASM_TARGET && (vsTorch === undefined || vsTorch >= torchTarget);
    cells.push(
      `≥${WASM_TARGET}× wasm${withTorch ? `, ≥${torchTarget}× torch` : ''}`,
      ratio === undefined ? '–' : met ? 'PASS' : 'MISS',
    );
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

function countsMarkdown(rows: Row[], quick: boolean): string {
  const counts = (m: Measured | undefined) => (m ? `${m.trainBatches}/${m.inferBatches ?? '–'}` : '–');
  const parts = rows.map(
    ({ cfg, ours, cpu, wasm }) =>
      `${cfg.cell} T${cfg.T} H${cfg.H}: ours ${counts(ours)}, tfjs-cpu ${counts(cpu)}, tfjs-wasm ${counts(wasm)}`,
  );
  return (
    `Timed minibatches of ${BATCH} (train/inference) after ${quick ? 1 : WARMUP} warm-up batches each:\n` +
    parts.map((p) => `- ${p}`).join('\n')
  );
}

// ---------------------------------------------------------------- main

interface Options {
  quick: boolean;
  engines: Set<string>;
  configs: BenchConfig[];
  partial: boolean;
}

function parseOptions(argv: string[]): Options {
  const quick = argv.includes('--quick');
  const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const cells: CellKind[] = ['rnn', 'lstm', 'gru'];
  let configs = quick ? cells.map((cell) => ({ cell, T: 30, H: 32 })) : allConfigs();
  const only = value('configs');
  if (only) {
    configs = only.split(',').map((spec) => {
      const [cell, T, H] = spec.split(':');
      if (!cells.includes(cell as CellKind) || !(Number(T) > 0) || !(Number(H) > 0))
        throw new Error(`--configs: expected cell:T:H, got ${spec}`);
      return { cell: cell as CellKind, T: Number(T), H: Number(H) };
    });
  }
  const engines = new Set(value('engines')?.split(',') ?? ['ours', 'tfjs-wasm', 'tfjs-cpu']);
  return { quick, engines, configs, partial: quick || only !== undefined || value('engines') !== undefined };
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  const { quick, engines } = opts;
  const started = performance.now();
  await initTfjs();
  const wasmFlavour = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'))
    ? 'SIMD, single-threaded'
    : 'no SIMD';
  const series = makeSeries();
  const rows: Row[] = [];
  for (const cfg of opts.configs) {
    const w = makeWindows(series, cfg.T);
    const x32 = Float32Array.from(w.x),
      y32 = Float32Array.from(w.y);
    const row: Row = { cfg };
    if (engines.has('ours')) {
      row.ours = await measureOurs(cfg, w, quick, OUR_DEFAULT);
      row.oursOther = [];
      for (const v of OUR_VARIANTS.slice(1)) row.oursOther.push((await measureOurs(cfg, w, quick, v)).train);
    }
    if (engines.has('tfjs-wasm')) row.wasm = await measureTfjs('wasm', cfg, w, x32, y32, quick);
    if (engines.has('tfjs-cpu')) row.cpu = await measureTfjs('cpu', cfg, w, x32, y32, quick);
    rows.push(row);
    console.log(
      `${cfg.cell} T=${cfg.T} H=${cfg.H}: ours ${fmt(row.ours?.train)} win/s, wasm ${fmt(row.wasm?.train)}, cpu ${fmt(row.cpu?.train)}  (${((performance.now() - started) / 1000).toFixed(0)} s)`,
    );
  }

  const torch = probeTorch();
  let torchNote: string;
  if (torch.ok) {
    const one = measureTorch(torch.python, 1, series, opts.configs, quick);
    const two = measureTorch(torch.python, 2, series, opts.configs, quick);
    rows.forEach((row, i) => {
      row.torch = { one: one.trainWps[i]!, two: two.trainWps[i]! };
    });
    torchNote = `PyTorch ${torch.version} (${torch.python}, float32) at 1 and 2 threads; BLAS loaded: ${one.blas}. Debian's python3-torch uses the reference BLAS unless OpenBLAS is on the library path: \`apt-get download libopenblas0-openmp && dpkg -x libopenblas0-openmp_*.deb /opt/openblas\`, then run with \`LD_LIBRARY_PATH=/opt/openblas/usr/lib/x86_64-linux-gnu/openblas-openmp\`.`;
  } else {
    torchNote = `PyTorch skipped: ${torch.reason}.`;
  }

  const elapsed = (performance.now() - started) / 1000;
  const table = tableMarkdown(rows, torch.ok);
  const notes = [
    `Date: ${new Date().toISOString().slice(0, 10)}. Machine: ${machineDescription()}. tf.js ${tf.version.tfjs}, wasm backend ${wasmFlavour}.`,
    `Command: \`${['npx tsx bench/train-throughput.ts', ...process.argv.slice(2)].join(' ')}\` (the full run is also \`npm run bench\`); took ${elapsed.toFixed(0)} s.`,
    `Series of ${SERIES_LENGTH} points, windows of T → next value, batch ${BATCH}, Adam(1e-3), MSE, 1 layer + dense(1). Ours at its default, ${variantLabel(OUR_DEFAULT)} (each minibatch in two shards, the second on a helper thread), and in the other precision and thread count; "ours" in the ratios is the default; inference is the default's. tf.js in float32 (trainOnBatch / predict), LSTM/GRU recurrentActivation 'sigmoid'.`,
    `GFLOP/s counts only the matmuls: 3 · 2·G·H·(F+H)·T per window (G = 1, 4, 3 for rnn, lstm, gru). Targets (issue 13): ours ≥ ${WASM_TARGET}× tf.js-wasm everywhere, and against PyTorch at its better thread count ≥ 1× at H ≤ 64, ≥ 0.5× at H = 128.`,
    torchNote,
  ];
  console.log(`\n${table}\n\n${notes.join('\n')}\n${countsMarkdown(rows, quick)}`);
  if (!opts.partial) {
    writeResultsSection(HEADING, `${notes.join('\n\n')}\n\n${table}\n\n${countsMarkdown(rows, quick)}`);
    console.log(`\nWrote ${HEADING.slice(3)} to bench/RESULTS.md`);
  }
}

await main();
