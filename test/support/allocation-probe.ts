// Child-process probe for the allocation test: heap growth of the training hot path (the
// trainer's sharded step, both shards on this thread) over many batches after warm-up. Run
// with --expose-gc and a young generation large enough that no scavenge can hide an
// allocation. Arguments: cell, '' or 'seq2seq', precision.
import type { CellKind } from '../../src/rnn/cells/cell.ts';
import type { Precision } from '../../src/rnn/floats.ts';
import { lossAndGradient } from '../../src/rnn/loss.ts';
import { createNetwork } from '../../src/rnn/network.ts';
import { clipByGlobalNorm, createOptimizer } from '../../src/rnn/optim.ts';
import { createRandom } from '../../src/rnn/random.ts';
import { createShardedStep } from '../../src/train/parallel/sharded-step.ts';
import { getHeapSpaceStatistics } from 'node:v8';

const cell = process.argv[2] as CellKind;
// 'seq2seq': a bidirectional encoder and a decoder reading one known-future column's leads, teacher-forced.
const seq2seq = process.argv[3] === 'seq2seq';
const precision = (process.argv[4] ?? 'float64') as Precision;
const B = 32,
  T = 20,
  F = seq2seq ? 5 : 2,
  H = 32,
  batches = 200;
const net = createNetwork(
  {
    cell,
    inputSize: F,
    hiddenSize: H,
    layers: 2,
    outputs: 3,
    ...(seq2seq ? { bidirectional: true, decoder: { leadColumns: [2] } } : {}),
    precision,
  },
  1,
);
const sharded = createShardedStep(net, B, T, 1);
const random = createRandom(2);
for (let i = 0; i < sharded.x.length; i++) sharded.x[i] = random.normal();
for (let i = 0; i < sharded.y.length; i++) sharded.y[i] = random.normal();
const adam = createOptimizer({ kind: 'adam', learningRate: 1e-3 }, net.params.length);
const step = () => {
  const out = sharded.forward(B, true);
  lossAndGradient('mse', out, sharded.y, B * 3, sharded.dOut);
  const grads = sharded.backward(B, 15);
  clipByGlobalNorm(grads, 1);
  adam.step(net.params, grads);
};
// Long enough for every function to reach optimised code: compiling allocates too.
for (let i = 0; i < 300; i++) step();
const gc = (globalThis as { gc?: () => void }).gc!;
// Objects a step creates (views, tuples, boxed doubles) are born in the young generation,
// which is large enough here that nothing is collected; compiled code lives elsewhere, so
// JIT work finishing late under load does not count. Several windows, keeping the least.
const youngUsed = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_used_size;
let least = Infinity;
for (let w = 0; w < 5; w++) {
  gc();
  const before = youngUsed();
  for (let i = 0; i < batches; i++) step();
  least = Math.min(least, (youngUsed() - before) / batches);
}
console.log(JSON.stringify({ bytesPerBatch: least }));
