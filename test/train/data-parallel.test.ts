// Data-parallel training: each minibatch is cut into two shards whose gradients are summed
// in a fixed order, with the second shard on a helper thread when there is one. What must
// hold: the helper thread gives the very bytes this thread gives on its own (so results
// never depend on timing or core count), repeated runs are identical, and the sharded
// gradient is the whole batch's gradient up to the order of a sum.
import { describe, expect, it } from 'vitest';
import { backwardBatch, createWorkspace, forwardBatch } from '../../src/rnn/bptt.ts';
import { lossAndGradient } from '../../src/rnn/loss.ts';
import { createNetwork } from '../../src/rnn/network.ts';
import type { Network, NetworkConfig } from '../../src/rnn/network.ts';
import { PRECISIONS } from '../../src/rnn/floats.ts';
import type { Precision } from '../../src/rnn/floats.ts';
import { createRandom } from '../../src/rnn/random.ts';
import { leaseHelper } from '../../src/train/parallel/helper-thread.ts';
import { OP_FORWARD, sharedFloats } from '../../src/train/parallel/shard-protocol.ts';
import { ShardSession } from '../../src/train/parallel/shard-session.ts';
import { createShardedStep } from '../../src/train/parallel/sharded-step.ts';
import type { ShardedStep } from '../../src/train/parallel/sharded-step.ts';
import { trainingThreads } from '../../src/train/parallel/training-threads.ts';
import { train } from '../../src/train/trainer.ts';
import { noisySineWindows } from '../support/sine-windows.ts';

const T = 12;

const networks: [string, NetworkConfig][] = [
  ['lstm', { cell: 'lstm', inputSize: 2, hiddenSize: 13, layers: 2, outputs: 3 }],
  [
    'gru, bidirectional',
    { cell: 'gru', inputSize: 2, hiddenSize: 6, layers: 1, outputs: 2, bidirectional: true },
  ],
  [
    'rnn with a decoder',
    { cell: 'rnn', inputSize: 4, hiddenSize: 9, layers: 1, outputs: 3, decoder: { leadColumns: [1] } },
  ],
];

function fillBatch(step: ShardedStep, seed: number): void {
  const random = createRandom(seed);
  for (let i = 0; i < step.x.length; i++) step.x[i] = random.normal();
  for (let i = 0; i < step.y.length; i++) step.y[i] = random.normal();
}

/** One step's gradient on n windows: forward with the teacher, MSE, backward. */
function gradientOf(step: ShardedStep, net: Network, n: number, truncate?: number): Float64Array {
  const out = step.forward(n, true);
  lossAndGradient('mse', out, step.y, n * net.config.outputs, step.dOut);
  return Float64Array.from(step.backward(n, truncate));
}

/** A two-thread step whose helper has started (the first lease in a process waits for it). */
async function helperStep(net: Network, B: number): Promise<ShardedStep> {
  const step = createShardedStep(net, B, T, 2);
  const until = Date.now() + 60_000;
  while (!step.helperReady() && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
  expect(step.helperReady()).toBe(true);
  return step;
}

describe('a sharded step', () => {
  for (const [name, config] of networks) {
    it(`${name}: the helper thread gives the bytes of one thread, on odd and even batches`, async () => {
      const net = createNetwork(config, 3);
      const B = 11;
      const alone = createShardedStep(net, B, T, 1);
      const helped = await helperStep(net, B);
      try {
        for (const [n, truncate] of [
          [11, undefined],
          [6, 5],
          [1, undefined],
        ] as const) {
          fillBatch(alone, n);
          fillBatch(helped, n);
          const one = gradientOf(alone, net, n, truncate);
          const two = gradientOf(helped, net, n, truncate);
          expect(Buffer.from(two.buffer)).toEqual(Buffer.from(one.buffer));
          expect(one.some((g) => g !== 0)).toBe(true);
        }
      } finally {
        helped.close();
        alone.close();
      }
    });

    it(`${name}: the sharded gradient is the whole batch's to 1e-12`, () => {
      const net = createNetwork(config, 4);
      const B = 10;
      const step = createShardedStep(net, B, T, 1);
      fillBatch(step, 9);
      const sharded = gradientOf(step, net, B);
      const ws = createWorkspace(net, B, T);
      const dOut = new Float64Array(B * net.config.outputs);
      lossAndGradient('mse', forwardBatch(ws, step.x, B, 0, step.y), step.y, dOut.length, dOut);
      backwardBatch(ws, dOut, B);
      const scale = Math.max(...ws.grads.map(Math.abs));
      for (let i = 0; i < sharded.length; i++)
        expect(Math.abs(sharded[i]! - ws.grads[i]!)).toBeLessThan(1e-12 * scale);
    });
  }

  it('refuses a backward pass over other windows than the forward pass ran', async () => {
    const net = createNetwork(networks[0]![1], 3);
    const step = await helperStep(net, 8);
    try {
      fillBatch(step, 1);
      step.forward(8, true);
      expect(() => step.backward(6)).toThrow(/backward over 6 windows after a forward pass over 8/);
      expect(gradientOf(step, net, 8).every(Number.isFinite)).toBe(true);
    } finally {
      step.close();
    }
  });

  it('rethrows what the helper thread threw, and the helper serves the next session', async () => {
    const config = networks[0]![1];
    const net = createNetwork(config, 3);
    await helperStep(net, 4).then((s) => s.close()); // the helper has started
    const lease = leaseHelper()!;
    const floats = (n: number) => sharedFloats('float64', n);
    const session = new ShardSession(lease, config, 2, T, {
      params: floats(net.params.length),
      x: floats(4 * T * config.inputSize),
      y: floats(4 * config.outputs),
      dOut: floats(4 * config.outputs),
      out: floats(2 * config.outputs),
      grads: floats(net.params.length),
    });
    const until = Date.now() + 60_000;
    while (!session.ready() && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    session.start(OP_FORWARD, 0, 3); // three rows on a helper workspace of two
    expect(() => session.finish()).toThrow('batch size 3 outside 1..2 of this workspace');
    session.end();
    const next = await helperStep(net, 8);
    fillBatch(next, 2);
    expect(gradientOf(next, net, 8).every(Number.isFinite)).toBe(true);
    next.close();
  });
});

describe('training on two threads', () => {
  const sine = noisySineWindows({ points: 400 });
  // H = 12: in float32 the steps run on the WebAssembly gate kernels.
  const fit = async (threads: number, precision: Precision) => {
    const net = createNetwork(
      { cell: 'gru', inputSize: 1, hiddenSize: 12, layers: 1, outputs: 1, precision },
      5,
    );
    const result = await train(net, {
      windowLength: sine.windowLength,
      train: sine.train,
      validation: sine.validation,
      config: { maxEpochs: 6, batchSize: 16, seed: 8, learningRate: 0.01 },
      threads,
    });
    return { params: Buffer.from(net.params.buffer), losses: result.history.map((h) => h.validationLoss) };
  };

  it.each(PRECISIONS)(
    'gives bit-identical weights on repeated runs, and the weights of one thread, in %s',
    async (precision) => {
      const first = await fit(2, precision);
      const again = await fit(2, precision);
      const one = await fit(1, precision);
      expect(again.params).toEqual(first.params);
      expect(one.params).toEqual(first.params);
      expect(one.losses).toEqual(first.losses);
    },
  );

  it('refuses a thread count it cannot use, saying which', () => {
    expect(() => trainingThreads(3)).toThrow('training threads must be 1 or 2, got 3');
    expect(trainingThreads(1)).toBe(1);
  });
});
