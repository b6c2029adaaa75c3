// The float32 gate kernels (WebAssembly, with their own exp) against the cells' JS loops
// (Math.exp and Math.tanh rounded to float32), and their non-linearities against Math.
import { afterEach, describe, expect, it } from 'vitest';
import { backwardBatch, createWorkspace, forwardBatch } from '../../src/rnn/bptt.ts';
import { setGateKernels, tanhInto } from '../../src/rnn/kernels/gate-kernels.ts';
import { lossAndGradient } from '../../src/rnn/loss.ts';
import { createNetwork } from '../../src/rnn/network.ts';
import type { NetworkConfig } from '../../src/rnn/network.ts';
import { createRandom } from '../../src/rnn/random.ts';
import { randomArray } from '../support/finite-difference.ts';

afterEach(() => setGateKernels(true));

const B = 5,
  T = 9,
  F = 3;

/** Output and gradient of one float32 pass, with the gate kernels on or off. */
function pass(config: NetworkConfig, kernels: boolean): { out: Float64Array; grads: Float64Array } {
  setGateKernels(kernels);
  const net = createNetwork({ ...config, precision: 'float32' }, 6);
  const random = createRandom(3);
  const x = randomArray(B * T * F, () => 2 * random.normal());
  const y = randomArray(B * config.outputs, () => random.normal());
  const ws = createWorkspace(net, B, T);
  const out = Float64Array.from(forwardBatch(ws, x, B, 0, y).subarray(0, B * config.outputs));
  const dOut = new Float64Array(out.length);
  lossAndGradient('mse', out, y, out.length, dOut);
  backwardBatch(ws, dOut, B);
  return { out, grads: Float64Array.from(ws.grads) };
}

const worstRelative = (a: Float64Array, b: Float64Array) => {
  const scale = Math.max(...b.map(Math.abs));
  return Math.max(...a.map((v, i) => Math.abs(v - b[i]!))) / scale;
};

describe('float32 gate kernels', () => {
  const configs: NetworkConfig[] = [];
  for (const cell of ['rnn', 'lstm', 'gru'] as const)
    for (const hiddenSize of [4, 12, 32])
      configs.push({ cell, inputSize: F, hiddenSize, layers: 2, outputs: 2 });
  configs.push({ cell: 'lstm', inputSize: F, hiddenSize: 8, layers: 1, outputs: 3, bidirectional: true });
  configs.push({
    cell: 'gru',
    inputSize: F,
    hiddenSize: 8,
    layers: 1,
    outputs: 3,
    decoder: { leadColumns: [0] },
  });

  for (const config of configs) {
    const name = `${config.cell} H=${config.hiddenSize}${config.bidirectional ? ' bidirectional' : ''}${config.decoder ? ' seq2seq' : ''}`;
    it(`${name}: outputs and gradients match the JS loops to float32 round-off`, () => {
      const fused = pass(config, true);
      const js = pass(config, false);
      expect(worstRelative(fused.out, js.out)).toBeLessThan(2e-6);
      expect(worstRelative(fused.grads, js.grads)).toBeLessThan(2e-5);
      // The kernels did run: their exp is not Math.exp rounded, so some last bits differ.
      expect(Buffer.from(fused.grads.buffer)).not.toEqual(Buffer.from(js.grads.buffer));
    });
  }

  it('tanh is Math.tanh to 3e-7 from −20 to 20, saturating to ±1 beyond', () => {
    const n = 4096;
    const a = Float32Array.from({ length: n }, (_, i) => -20 + (40 * i) / (n - 1));
    const h = new Float32Array(n);
    tanhInto(a, h, 0, n);
    let worst = 0;
    for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(h[i]! - Math.tanh(a[i]!)));
    expect(worst).toBeLessThan(3e-7);
    const far = Float32Array.of(-1e4, -100, 100, 1e4);
    tanhInto(far, far, 0, 4);
    expect(Array.from(far)).toEqual([-1, -1, 1, 1]);
  });
});
