// A sequence-to-sequence network is trained with teacher forcing (its decoder is fed the
// true previous value) and forecasts without it (fed its own previous output). Asserted on
// the decoder's own input buffer, and on what one step of the real training loop does.
import { describe, expect, it } from 'vitest';
import { backwardBatch, createWorkspace, forwardBatch, predictWindows } from '../../src/rnn/bptt.ts';
import { lossAndGradient } from '../../src/rnn/loss.ts';
import { createNetwork } from '../../src/rnn/network.ts';
import type { NetworkConfig } from '../../src/rnn/network.ts';
import { createRandom } from '../../src/rnn/random.ts';
import { train } from '../../src/train/trainer.ts';

const N = 6,
  T = 5,
  F = 4,
  K = 3;
const CONFIG: NetworkConfig = {
  cell: 'gru',
  inputSize: F,
  hiddenSize: 5,
  layers: 1,
  outputs: K,
  decoder: { leadColumns: [1] },
};
const random = createRandom(3);
const inputs = Float64Array.from({ length: N * T * F }, () => random.normal());
const targets = Float64Array.from({ length: N * K }, () => random.normal());

/** The previous-output slot of decoder step k for window b, from the decoder's input buffer. */
function fedBack(ws: ReturnType<typeof createWorkspace>, b: number, k: number, B: number): number {
  return ws.decoder!.inputs[(k * B + b) * (1 + CONFIG.decoder!.leadColumns.length)]!;
}

/** θ − lr·∇L at θ, mean squared error over all N windows, with or without the teacher. */
function oneSgdStep(teacher: boolean, learningRate: number): Float64Array {
  const net = createNetwork(CONFIG, 9);
  const ws = createWorkspace(net, N, T);
  const dOut = new Float64Array(N * K);
  lossAndGradient('mse', forwardBatch(ws, inputs, N, 0, teacher ? targets : null), targets, N * K, dOut);
  backwardBatch(ws, dOut, N);
  return Float64Array.from(net.params, (p, i) => p - learningRate * ws.grads[i]!);
}

describe('teacher forcing', () => {
  it('feeds the decoder the true previous values when given a teacher, its own outputs otherwise', () => {
    const net = createNetwork(CONFIG, 1);
    const ws = createWorkspace(net, N, T);
    forwardBatch(ws, inputs, N, 0, targets);
    expect(ws.decoder!.teacherForced).toBe(true);
    for (let b = 0; b < N; b++) {
      expect(fedBack(ws, b, 0, N)).toBe(0);
      for (let k = 1; k < K; k++) expect(fedBack(ws, b, k, N)).toBe(targets[b * K + k - 1]);
    }
    const own = Float64Array.from(forwardBatch(ws, inputs, N));
    expect(ws.decoder!.teacherForced).toBe(false);
    for (let b = 0; b < N; b++)
      for (let k = 1; k < K; k++) expect(fedBack(ws, b, k, N)).toBe(own[b * K + k - 1]);
    // Step 0 reads no previous output, so it agrees either way; the later steps do not.
    const forced = forwardBatch(ws, inputs, N, 0, targets);
    for (let b = 0; b < N; b++) expect(forced[b * K]).toBe(own[b * K]);
    expect(Math.abs(forced[1]! - own[1]!)).toBeGreaterThan(1e-6);
  });

  it('forecasting (predictWindows) runs without the teacher: its outputs are the free-running ones', () => {
    const net = createNetwork(CONFIG, 2);
    const ws = createWorkspace(net, N, T);
    const free = Float64Array.from(forwardBatch(ws, inputs, N));
    const forced = Float64Array.from(forwardBatch(ws, inputs, N, 0, targets));
    const forecast = predictWindows(net, inputs, N, T);
    for (let i = 0; i < N * K; i++) expect(forecast[i]).toBeCloseTo(free[i]!, 12);
    expect(Math.max(...forecast.map((v, i) => Math.abs(v - forced[i]!)))).toBeGreaterThan(1e-6);
  });

  it('the training loop takes the teacher-forced gradient step', async () => {
    const learningRate = 0.5;
    const net = createNetwork(CONFIG, 9);
    await train(net, {
      windowLength: T,
      train: { inputs, targets, count: N },
      config: {
        maxEpochs: 1,
        batchSize: N,
        optimizer: 'sgd',
        momentum: 0,
        learningRate,
        clipNorm: null,
        seed: 4,
      },
    });
    const forced = oneSgdStep(true, learningRate);
    const free = oneSgdStep(false, learningRate);
    // One minibatch of all N windows, in shuffled order: the same mean up to round-off.
    const gap = (a: Float64Array) => Math.max(...a.map((v, i) => Math.abs(v - net.params[i]!)));
    expect(gap(forced)).toBeLessThan(1e-12);
    expect(gap(free)).toBeGreaterThan(1e-4);
  });
});
