// Finite-difference gradient checks (float64) of the sequence-to-sequence network and the
// bidirectional encoder: every parameter tensor, every cell, full and truncated BPTT.
//
// Truncated BPTT over the last k steps is the exact gradient of a network whose encoder
// states before step T − k of each direction are constants, the values the unperturbed
// weights gave them. The reference below builds exactly that with the real engine: a cell
// that, for the encoder's tapes, overwrites each frozen step's state with its recorded
// value, so every later step (and layer, and the decoder) reads the constant.
import { describe, expect, it } from 'vitest';
import { backwardBatch, createWorkspace, forwardBatch } from '../../src/rnn/bptt.ts';
import type { Workspace } from '../../src/rnn/bptt.ts';
import type { Cell, LayerTape } from '../../src/rnn/cells/cell.ts';
import type { LstmTape } from '../../src/rnn/cells/lstm.ts';
import { lossAndGradient, lossValue } from '../../src/rnn/loss.ts';
import { createNetwork } from '../../src/rnn/network.ts';
import type { Network, NetworkConfig } from '../../src/rnn/network.ts';
import { createRandom } from '../../src/rnn/random.ts';
import {
  numericGradient,
  randomArray,
  relativeError,
  truncationChanges,
} from '../support/finite-difference.ts';

const B = 3,
  T = 6,
  F = 7,
  H = 3,
  K = 3;
// Columns 1…3 and 4…6 hold leads 1…3 of two known-future columns, as future-columns.ts lays them out.
const decoder = { leadColumns: [1, 4] };

interface Case {
  name: string;
  config: NetworkConfig;
}

const CASES: Case[] = (['rnn', 'lstm', 'gru'] as const).flatMap((cell) => {
  const base = { cell, inputSize: F, hiddenSize: H, outputs: K };
  return [
    { name: `${cell} bidirectional, 2 layers`, config: { ...base, layers: 2, bidirectional: true } },
    { name: `${cell} seq2seq`, config: { ...base, layers: 1, decoder } },
    {
      name: `${cell} seq2seq, bidirectional 2-layer encoder`,
      config: { ...base, layers: 2, bidirectional: true, decoder },
    },
  ];
});

/** The network with a cell that pins the encoder's steps before `firstStep` to recorded states. */
function frozenPrefix(net: Network, firstStep: number): { net: Network; freeze(ws: Workspace): void } {
  const frozen = new Map<LayerTape, { h: Float64Array; c: Float64Array | null }>();
  const inner = net.cell;
  const cell: Cell = {
    ...inner,
    stepForward(p, tape, t, B) {
      inner.stepForward(p, tape, t, B);
      const saved = frozen.get(tape);
      if (!saved || t >= firstStep) return;
      const H = tape.hiddenSize,
        at = t * B * H;
      tape.h.set(saved.h.subarray(at, at + B * H), at);
      if (saved.c) (tape as LstmTape).c.set(saved.c.subarray(at, at + B * H), at);
    },
  };
  return {
    net: { ...net, cell },
    freeze(ws) {
      for (const tape of [...ws.encoder.tapes, ...ws.encoder.reverseTapes])
        frozen.set(tape, {
          h: Float64Array.from(tape.h),
          c: 'c' in tape ? Float64Array.from((tape as LstmTape).c) : null,
        });
    },
  };
}

/** Worst relative error per tensor between backwardBatch and finite differences of the teacher-forced MSE. */
function worstErrorByTensor(config: NetworkConfig, truncateSteps?: number): Map<string, number> {
  const base = createNetwork(config, 7);
  // Random biases too: zero biases would hide a mixed-up gate block.
  const random = createRandom(11);
  for (let i = 0; i < base.params.length; i++) base.params[i] = base.params[i]! + random.uniform(-0.3, 0.3);
  const firstStep = truncateSteps === undefined ? 0 : T - truncateSteps;
  const frozen = frozenPrefix(base, firstStep);
  const net = frozen.net;
  const x = randomArray(B * T * F, () => random.normal());
  const target = randomArray(B * K, () => random.normal());
  const ws = createWorkspace(net, B, T);
  forwardBatch(ws, x, B, 0, target);
  frozen.freeze(ws);
  const dOut = new Float64Array(B * K);
  lossAndGradient('mse', forwardBatch(ws, x, B, 0, target), target, B * K, dOut);
  backwardBatch(ws, dOut, B, truncateSteps);
  const analytic = Float64Array.from(ws.grads);
  const loss = () => lossValue('mse', forwardBatch(ws, x, B, 0, target), target, B * K);
  const worst = new Map<string, number>();
  for (const tensor of net.tensors) {
    let max = 0;
    for (let i = tensor.offset; i < tensor.offset + tensor.size; i++)
      max = Math.max(max, relativeError(analytic[i]!, numericGradient(loss, net.params, i)));
    worst.set(tensor.name, max);
  }
  return worst;
}

describe('sequence-to-sequence and bidirectional gradients (float64, 4-point finite differences)', () => {
  it('lays out both directions of each layer, then the decoder, then the head', () => {
    const names = createNetwork(CASES[2]!.config, 1).tensors.map((t) => t.name);
    expect(names).toEqual([
      ...['layer0', 'layer0.reverse', 'layer1', 'layer1.reverse', 'decoder'].flatMap((l) => [
        `${l}.Wx`,
        `${l}.Wh`,
        `${l}.b`,
      ]),
      'head.W',
      'head.b',
    ]);
  });

  for (const { name, config } of CASES) {
    it(`${name}, T=${T}, full BPTT: every tensor within 1e-6`, () => {
      for (const [tensor, err] of worstErrorByTensor(config)) expect(err, tensor).toBeLessThan(1e-6);
    });
    it(`${name}, truncated to the last 3 of ${T} steps: every tensor within 1e-6`, () => {
      for (const [tensor, err] of worstErrorByTensor(config, 3)) expect(err, tensor).toBeLessThan(1e-6);
    });
  }

  it('truncation changes both directions’ gradients (the truncated check is not vacuous)', () => {
    const net = createNetwork(CASES[0]!.config, 3);
    const random = createRandom(5);
    const x = randomArray(B * T * F, () => random.normal());
    const { changes } = truncationChanges(net, x, B, T, 2);
    for (const name of ['layer0.Wx', 'layer0.reverse.Wx']) {
      expect(changes.get(name), name).toBeGreaterThan(1e-4);
    }
  });
});
