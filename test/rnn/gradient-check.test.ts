// Finite-difference gradient checks of every cell, every parameter tensor, the dense head
// and every loss — stacked, over T ≥ 5 steps, and with truncated BPTT — in float64, and in
// float32 with the looser tolerance its 24-bit mantissa allows.
import { describe, expect, it } from 'vitest';
import { backwardBatch, createWorkspace, forwardBatch } from '../../src/rnn/bptt.ts';
import type { LstmTape } from '../../src/rnn/cells/lstm.ts';
import { setGemmKernel } from '../../src/rnn/kernels/gemm.ts';
import { lossAndGradient, lossValue } from '../../src/rnn/loss.ts';
import type { LossKind } from '../../src/rnn/loss.ts';
import { createNetwork, networkFromParams } from '../../src/rnn/network.ts';
import type { NetworkConfig } from '../../src/rnn/network.ts';
import { createRandom } from '../../src/rnn/random.ts';
import {
  numericGradient,
  randomArray,
  relativeError,
  truncationChanges,
} from '../support/finite-difference.ts';

const B = 3,
  T = 6,
  F = 2,
  H = 4,
  K = 2;
const CELLS: NetworkConfig[] = [
  { cell: 'rnn', activation: 'tanh', inputSize: F, hiddenSize: H, layers: 2, outputs: K },
  { cell: 'rnn', activation: 'relu', inputSize: F, hiddenSize: H, layers: 2, outputs: K },
  { cell: 'lstm', inputSize: F, hiddenSize: H, layers: 2, outputs: K },
  { cell: 'gru', inputSize: F, hiddenSize: H, layers: 2, outputs: K },
];

function label(c: NetworkConfig): string {
  return c.activation ? `${c.cell}-${c.activation}` : c.cell;
}

/** Worst relative error per parameter tensor between analytic and numeric gradients. */
function worstErrorByTensor(
  config: NetworkConfig,
  loss: LossKind,
  truncateSteps?: number,
  epsilon = 1e-3,
  floor = 1e-6,
): Map<string, number> {
  const net = createNetwork(config, 7);
  const random = createRandom(11);
  const x = randomArray(B * T * F, () => random.normal());
  const ws = createWorkspace(net, B, T);
  // Targets sit a fixed distance from the initial prediction, away from the kinks of
  // MAE (0) and Huber (±1), which a finite difference cannot straddle.
  const out = forwardBatch(ws, x, B);
  const target = Float64Array.from({ length: B * K }, (_, i) => out[i]! + (i % 2 === 0 ? 0.4 : -2.5));
  const dOut = new Float64Array(B * K);
  lossAndGradient(loss, forwardBatch(ws, x, B), target, B * K, dOut);
  backwardBatch(ws, dOut, B, truncateSteps);
  const analytic = Float64Array.from(ws.grads);

  const reference =
    truncateSteps === undefined
      ? () => lossValue(loss, forwardBatch(ws, x, B), target, B * K)
      : frozenPrefixLoss(net, ws, x, target, loss, truncateSteps);
  const worst = new Map<string, number>();
  for (const tensor of net.tensors) {
    let max = 0;
    for (let i = tensor.offset; i < tensor.offset + tensor.size; i++) {
      max = Math.max(
        max,
        relativeError(analytic[i]!, numericGradient(reference, net.params, i, epsilon), floor),
      );
    }
    worst.set(tensor.name, max);
  }
  return worst;
}

/**
 * Truncated BPTT over the last k steps is the exact gradient of a network that starts
 * from the states the first T − k steps reached under the *unperturbed* weights. This
 * builds that network: the prefix is run once and frozen into the suffix's h0 (and c0).
 */
function frozenPrefixLoss(
  net: ReturnType<typeof createNetwork>,
  ws: ReturnType<typeof createWorkspace>,
  x: Float64Array,
  target: Float64Array,
  loss: LossKind,
  k: number,
): () => number {
  forwardBatch(ws, x, B);
  const suffix = createWorkspace(net, B, k);
  const split = T - k;
  ws.tapes.forEach((tape, l) => {
    const off = (split - 1) * B * H;
    suffix.tapes[l]!.h0.set(tape.h.subarray(off, off + B * H));
    if (net.config.cell === 'lstm')
      (suffix.tapes[l] as LstmTape).c0.set((tape as LstmTape).c.subarray(off, off + B * H));
  });
  const xs = new Float64Array(B * k * F);
  for (let b = 0; b < B; b++) xs.set(x.subarray((b * T + split) * F, (b + 1) * T * F), b * k * F);
  return () => lossValue(loss, forwardBatch(suffix, xs, B), target, B * K);
}

describe('gradient check (float64, 4-point finite differences)', () => {
  for (const config of CELLS) {
    for (const loss of ['mse', 'mae', 'huber'] as const) {
      it(`${label(config)}, 2 layers, T=${T}, ${loss}: every tensor within 1e-6`, () => {
        const worst = worstErrorByTensor(config, loss);
        expect([...worst.keys()]).toEqual([
          'layer0.Wx',
          'layer0.Wh',
          'layer0.b',
          'layer1.Wx',
          'layer1.Wh',
          'layer1.b',
          'head.W',
          'head.b',
        ]);
        for (const [name, err] of worst) expect(err, name).toBeLessThan(1e-6);
      });
    }
    it(`${label(config)}, 2 layers, truncated to the last 3 of ${T} steps: every tensor within 1e-6`, () => {
      for (const [name, err] of worstErrorByTensor(config, 'mse', 3)) expect(err, name).toBeLessThan(1e-6);
    });
  }

  it('with the WebAssembly kernels forced on every product, gradients still check to 1e-6', () => {
    setGemmKernel('wasm');
    try {
      // Smooth cells only: at H = 8 a ReLU pre-activation sits within the stencil's ±2ε of
      // its kink for this seed (the JS kernel shows the same 1e-3), which says nothing of wasm.
      const smooth = CELLS.filter((c) => c.activation !== 'relu');
      for (const config of smooth)
        for (const [name, err] of worstErrorByTensor({ ...config, hiddenSize: 8 }, 'mse'))
          expect(err, `${label(config)} ${name}`).toBeLessThan(1e-6);
    } finally {
      setGemmKernel('auto');
    }
  });

  it('truncation changes the gradient (the check above is not vacuous)', () => {
    const net = createNetwork(CELLS[0]!, 3);
    const random = createRandom(5);
    const x = randomArray(B * T * F, () => random.normal());
    const { changes, ws } = truncationChanges(net, x, B, T, 2);
    expect(changes.get('layer0.Wx')).toBeGreaterThan(1e-4);
    expect(ws.gradNorms?.[0]?.[0]).toBe(0);
    expect(ws.gradNorms?.[0]?.[T - 1]).toBeGreaterThan(0);
  });
});

// Float32: a step of 3e-2 keeps the stencil's O(ε⁴) truncation near 1e-6 while float32
// round-off in the loss (~1e-7 of it) divided by ε stays near 3e-6 absolute. Gradients
// below F32_FLOOR are compared absolutely: that round-off is most of such a small one.
const F32_EPSILON = 3e-2,
  F32_FLOOR = 1e-3,
  F32_TOLERANCE = 1e-2;

describe('gradient check (float32, 4-point finite differences)', () => {
  const smooth = CELLS.filter((c) => c.activation !== 'relu');
  for (const config of smooth) {
    it(`${label(config)}, 2 layers, T=${T}, mse, float32: every tensor within ${F32_TOLERANCE}`, () => {
      const worst = worstErrorByTensor(
        { ...config, precision: 'float32' },
        'mse',
        undefined,
        F32_EPSILON,
        F32_FLOOR,
      );
      expect(worst.size).toBe(8);
      for (const [name, err] of worst) expect(err, name).toBeLessThan(F32_TOLERANCE);
    });
  }

  it(`with the float32 WebAssembly kernels forced on every product, gradients check to ${F32_TOLERANCE}`, () => {
    setGemmKernel('wasm');
    try {
      for (const config of smooth)
        for (const [name, err] of worstErrorByTensor(
          { ...config, hiddenSize: 9, precision: 'float32' },
          'mse',
          undefined,
          F32_EPSILON,
          F32_FLOOR,
        ))
          expect(err, `${label(config)} ${name}`).toBeLessThan(F32_TOLERANCE);
    } finally {
      setGemmKernel('auto');
    }
  });

  it('the float32 gradient is the float64 gradient of the same weights to 1e-4 of its scale', () => {
    for (const config of CELLS) {
      const wide = createNetwork({ ...config, hiddenSize: 13 }, 4);
      const narrow = networkFromParams({ ...wide.config, precision: 'float32' }, wide.params);
      wide.params.set(narrow.params); // both start from the same float32-representable weights
      const random = createRandom(2);
      const x = randomArray(B * T * F, () => random.normal());
      const target = randomArray(B * K, () => random.normal());
      const [g64, g32] = [wide, narrow].map((net) => {
        const ws = createWorkspace(net, B, T);
        const dOut = new Float64Array(B * K);
        lossAndGradient('mse', forwardBatch(ws, x, B), target, B * K, dOut);
        backwardBatch(ws, dOut, B);
        return Float64Array.from(ws.grads);
      });
      expect(narrow.params).toBeInstanceOf(Float32Array);
      const scale = Math.max(...g64!.map(Math.abs));
      const worst = Math.max(...g64!.map((g, i) => Math.abs(g - g32![i]!)));
      expect(worst / scale, label(config)).toBeLessThan(1e-4);
      expect(worst, label(config)).toBeGreaterThan(0); // float32 arithmetic did run
    }
  });
});
