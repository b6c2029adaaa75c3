// How windows reach a sharded step: gathered by index into its minibatch for training,
// and copied chunk by chunk for scoring a validation set.
import type { Floats } from '../rnn/floats.ts';
import { lossValue } from '../rnn/loss.ts';
import type { TrainingConfig } from './config.ts';
import type { ShardedStep } from './parallel/sharded-step.ts';
import type { WindowData } from './trainer.ts';

/**
 * Mean loss of the network over a set of windows, in chunks of the step's minibatch, each
 * copied into its input and run sharded like a training batch.
 */
export function evaluateLoss(step: ShardedStep, data: WindowData, loss: TrainingConfig['loss']): number {
  const B = step.maxBatch,
    window = step.x.length / B,
    K = step.y.length / B;
  let sum = 0;
  for (let start = 0; start < data.count; start += B) {
    const n = Math.min(B, data.count - start);
    for (let i = 0; i < n * window; i++) step.x[i] = data.inputs[start * window + i]!;
    const out = step.forward(n, false);
    sum += lossValue(loss, out, data.targets, n * K, start * K) * n;
  }
  return sum / data.count;
}

/** Copies windows order[start], …, order[start + n − 1] of data into the minibatch x [n, T, F], y [n, K]. */
export function gather(
  data: WindowData,
  order: Uint32Array,
  start: number,
  n: number,
  xStride: number,
  K: number,
  x: Floats,
  y: Floats,
): void {
  for (let r = 0; r < n; r++) {
    const w = order[start + r]!;
    // Plain copies: subarray() would allocate a view object per window per batch.
    for (let i = 0, from = w * xStride, to = r * xStride; i < xStride; i++)
      x[to + i] = data.inputs[from + i]!;
    for (let k = 0; k < K; k++) y[r * K + k] = data.targets[w * K + k]!;
  }
}
