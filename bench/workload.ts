// The fixed training workload the throughput benches share: a 20,000-point series (two
// sines plus seeded noise), sliding windows of length T with the next value as target,
// 1 feature, minibatch 64, one recurrent layer + dense(1), Adam(1e-3), MSE, clip 1.
import type { CellKind } from '../src/rnn/cells/cell.ts';
import type { Precision } from '../src/rnn/floats.ts';
import { lossAndGradient } from '../src/rnn/loss.ts';
import { createNetwork } from '../src/rnn/network.ts';
import { clipByGlobalNorm, createOptimizer } from '../src/rnn/optim.ts';
import { createRandom } from '../src/rnn/random.ts';
import { createShardedStep } from '../src/train/parallel/sharded-step.ts';

export const SERIES_LENGTH = 20_000;
export const SEED = 2024;
export const BATCH = 64;
export const FEATURES = 1;

export interface BenchConfig {
  cell: CellKind;
  T: number;
  H: number;
}

/** cell × T ∈ {30, 60} × H ∈ {32, 128}, the grid of issue 2. */
export function allConfigs(): BenchConfig[] {
  const cells: CellKind[] = ['rnn', 'lstm', 'gru'];
  return cells.flatMap((cell) => [30, 60].flatMap((T) => [32, 64, 128].map((H) => ({ cell, T, H }))));
}

export function makeSeries(): Float64Array {
  const random = createRandom(SEED);
  const s = new Float64Array(SERIES_LENGTH);
  for (let i = 0; i < SERIES_LENGTH; i++) {
    s[i] = Math.sin((2 * Math.PI * i) / 50) + 0.5 * Math.sin((2 * Math.PI * i) / 173) + 0.1 * random.normal();
  }
  return s;
}

export interface Windows {
  x: Float64Array;
  y: Float64Array;
  count: number;
  T: number;
}

/** Every window of length T: x [N, T, 1] batch-major, y [N] the value after it. */
export function makeWindows(series: Float64Array, T: number): Windows {
  const count = series.length - T;
  const x = new Float64Array(count * T * FEATURES),
    y = new Float64Array(count);
  for (let n = 0; n < count; n++) {
    x.set(series.subarray(n, n + T), n * T);
    y[n] = series[n + T]!;
  }
  return { x, y, count, T };
}

/** First window of minibatch i: batches are consecutive and wrap around the window set. */
export function batchStart(i: number, w: Windows): number {
  return (i % Math.floor(w.count / BATCH)) * BATCH;
}

export const gateCount = (cell: CellKind) => ({ rnn: 1, lstm: 4, gru: 3 })[cell];

/** Matmul FLOPs per window of one training step: forward 2·G·H·(F+H)·T, backward ≈ 2× that. */
export function trainFlopsPerWindow({ cell, T, H }: BenchConfig): number {
  return 3 * 2 * gateCount(cell) * H * (FEATURES + H) * T;
}

/**
 * Our engine on minibatch i: train = gather → forwardBatch → lossAndGradient('mse') →
 * backwardBatch → clipByGlobalNorm(1) → Adam step; infer = gather → forwardBatch.
 */
export function createOurTrainer(
  cfg: BenchConfig,
  w: Windows,
  threads = 1,
  precision: Precision = 'float64',
): { train(i: number): void; infer(i: number): void; helperReady(): boolean; close(): void } {
  const net = createNetwork(
    { cell: cfg.cell, inputSize: FEATURES, hiddenSize: cfg.H, layers: 1, outputs: 1, precision },
    SEED,
  );
  const step = createShardedStep(net, BATCH, cfg.T, threads);
  const optimizer = createOptimizer({ kind: 'adam', learningRate: 1e-3 }, net.params.length);
  const stride = cfg.T * FEATURES;
  const { x: xb, y: yb, dOut } = step;
  const gather = (i: number) => {
    const s = batchStart(i, w);
    xb.set(w.x.subarray(s * stride, (s + BATCH) * stride));
    yb.set(w.y.subarray(s, s + BATCH));
  };
  return {
    train(i) {
      gather(i);
      lossAndGradient('mse', step.forward(BATCH, true), yb, BATCH, dOut);
      const grads = step.backward(BATCH);
      clipByGlobalNorm(grads, 1);
      optimizer.step(net.params, grads);
    },
    infer(i) {
      gather(i);
      step.forward(BATCH, false);
    },
    helperReady: () => step.helperReady(),
    close() {
      step.close();
    },
  };
}
