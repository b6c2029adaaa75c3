// Initialisation: orthogonal recurrent blocks, Glorot ranges, the LSTM forget bias, and
// the promise that one seed gives byte-identical weights.
import { describe, expect, it } from 'vitest';
import { orthogonalBlocks } from '../../src/rnn/init.ts';
import { createNetwork } from '../../src/rnn/network.ts';
import { createRandom } from '../../src/rnn/random.ts';

describe('initialisation', () => {
  it('orthogonal blocks satisfy QᵀQ = I', () => {
    const n = 16,
      blocks = 3;
    const w = new Float64Array(n * n * blocks);
    orthogonalBlocks(w, n, blocks, createRandom(3));
    for (let b = 0; b < blocks; b++) {
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          let dot = 0;
          for (let r = 0; r < n; r++) dot += w[b * n * n + r * n + i]! * w[b * n * n + r * n + j]!;
          expect(dot).toBeCloseTo(i === j ? 1 : 0, 10);
        }
    }
  });

  it('Glorot-uniform input weights stay within √(6/(fanIn+fanOut)); biases are zero but LSTM forget', () => {
    const H = 8,
      F = 3;
    const net = createNetwork({ cell: 'lstm', inputSize: F, hiddenSize: H, layers: 1, outputs: 1 }, 9);
    const limit = Math.sqrt(6 / (F + 4 * H));
    const wx = net.layers[0]!.Wx;
    expect(Math.max(...wx.map(Math.abs))).toBeLessThanOrEqual(limit);
    expect(Math.max(...wx.map(Math.abs))).toBeGreaterThan(limit / 2);
    const b = Array.from(net.layers[0]!.b);
    expect(b.slice(0, H).every((v) => v === 0)).toBe(true);
    expect(b.slice(H, 2 * H).every((v) => v === 1)).toBe(true);
    expect(b.slice(2 * H).every((v) => v === 0)).toBe(true);
  });

  it('the same seed gives byte-identical weights; another seed does not', () => {
    const config = { cell: 'gru', inputSize: 2, hiddenSize: 6, layers: 2, outputs: 3 } as const;
    const bytes = (seed: number) => Buffer.from(createNetwork(config, seed).params.buffer).toString('hex');
    expect(bytes(123)).toBe(bytes(123));
    expect(bytes(123)).not.toBe(bytes(124));
  });

  it('the PRNG is reproducible and roughly uniform and normal', () => {
    const a = createRandom(77),
      b = createRandom(77);
    const xs = Array.from({ length: 20000 }, () => a.nextFloat());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b.nextFloat()));
    const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
    expect(mean).toBeCloseTo(0.5, 1);
    const normals = Array.from({ length: 20000 }, () => a.normal());
    const nm = normals.reduce((s, v) => s + v, 0) / normals.length;
    const nv = normals.reduce((s, v) => s + (v - nm) ** 2, 0) / normals.length;
    expect(Math.abs(nm)).toBeLessThan(0.03);
    expect(nv).toBeCloseTo(1, 1);
  });

  it('rejects configs it cannot build, naming the field', () => {
    expect(() =>
      createNetwork({ cell: 'lstm', inputSize: 1, hiddenSize: 4, layers: 4, outputs: 1 }, 1),
    ).toThrow(/layers must be 1 to 3/);
    expect(() =>
      createNetwork({ cell: 'lstm', inputSize: 0, hiddenSize: 4, layers: 1, outputs: 1 }, 1),
    ).toThrow(/inputSize/);
    expect(() =>
      createNetwork({ cell: 'cnn' as never, inputSize: 1, hiddenSize: 4, layers: 1, outputs: 1 }, 1),
    ).toThrow(/cell must be/);
  });
});
