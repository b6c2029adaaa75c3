// Cross-checks our hand-written Elman, LSTM and GRU cells against an independent implementation,
// tf.js (cpu backend): with identical weights, outputs and MSE gradients of every weight must agree.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { backwardBatch, createWorkspace, forwardBatch } from '../../src/rnn/bptt.ts';
import { lossAndGradient } from '../../src/rnn/loss.ts';
import { PRECISIONS } from '../../src/rnn/floats.ts';
import type { Precision } from '../../src/rnn/floats.ts';
import { networkFromParams } from '../../src/rnn/network.ts';
import type { Network, NetworkConfig } from '../../src/rnn/network.ts';
import { createRandom } from '../../src/rnn/random.ts';
import {
  fromTfLayout,
  maxAbs,
  maxAbsDiff,
  normals,
  randomNetwork,
  tfLayoutShape,
  tfRecurrentLayer,
  toTfLayout,
} from '../support/tfjs-layout.ts';

const B = 4,
  T = 7,
  F = 3,
  H = 5;
// tf.js computes in float32, so agreement is to float32 round-off, not float64: our float64
// engine meets it to tf.js's round-off; our float32 engine sums in another order than tf.js,
// so each side's round-off counts, and its tolerances are twice as wide.
const TOLERANCES: Record<Precision, { forward: number; gradient: number }> = {
  float64: { forward: 1e-5, gradient: 1e-4 },
  float32: { forward: 2e-5, gradient: 2e-4 },
};

interface CrossCheckCase {
  name: string;
  config: NetworkConfig;
}

const singleLayer = (cell: NetworkConfig['cell'], extra: Partial<NetworkConfig> = {}): NetworkConfig => ({
  cell,
  inputSize: F,
  hiddenSize: H,
  layers: 1,
  outputs: 1,
  ...extra,
});

const CASES: CrossCheckCase[] = [
  { name: 'rnn (tanh)', config: singleLayer('rnn', { activation: 'tanh' }) },
  { name: 'rnn (relu)', config: singleLayer('rnn', { activation: 'relu' }) },
  { name: 'lstm', config: singleLayer('lstm') },
  { name: 'gru', config: singleLayer('gru') },
  { name: 'rnn (tanh), 2 layers', config: singleLayer('rnn', { layers: 2 }) },
  { name: 'rnn (relu), 2 layers', config: singleLayer('rnn', { layers: 2, activation: 'relu' }) },
  { name: 'lstm, 2 layers', config: singleLayer('lstm', { layers: 2 }) },
  { name: 'gru, 2 layers', config: singleLayer('gru', { layers: 2 }) },
  { name: 'rnn (tanh), K = 3 outputs', config: singleLayer('rnn', { outputs: 3 }) },
  { name: 'lstm, K = 3 outputs', config: singleLayer('lstm', { outputs: 3 }) },
  { name: 'gru, 2 layers, K = 3 outputs', config: singleLayer('gru', { layers: 2, outputs: 3 }) },
  // Keras's Bidirectional, merge 'concat': [forward, backward] states, sequences re-aligned in time.
  { name: 'rnn (tanh), bidirectional', config: singleLayer('rnn', { bidirectional: true }) },
  { name: 'lstm, bidirectional, 2 layers', config: singleLayer('lstm', { layers: 2, bidirectional: true }) },
  {
    name: 'gru, bidirectional, 2 layers, K = 3 outputs',
    config: singleLayer('gru', { layers: 2, outputs: 3, bidirectional: true }),
  },
];

/**
 * The same network in tf.js: stacked recurrent layers (sequences between them), last state
 * into a dense head.
 */
function tfModelWithOurWeights(net: Network): tf.Sequential {
  const { config } = net;
  const model = tf.sequential();
  for (let l = 0; l < config.layers; l++) {
    const inputShape = l === 0 ? [B, T, config.inputSize] : undefined;
    const sequences = l < config.layers - 1;
    if (!config.bidirectional) model.add(tfRecurrentLayer(config, sequences, inputShape));
    else
      model.add(
        tf.layers.bidirectional({
          layer: tfRecurrentLayer(config, sequences) as tf.RNN,
          mergeMode: 'concat',
          ...(inputShape ? { batchInputShape: inputShape } : {}),
        }),
      );
  }
  model.add(tf.layers.dense({ units: config.outputs, useBias: true }));
  // model.weights run layer by layer, [kernel, recurrent kernel, bias] (forward direction,
  // then backward) then the head's [kernel, bias]: the order of our flat parameter vector.
  // The shape check guards that.
  expect(model.weights.map((w) => w.shape)).toEqual(net.tensors.map(tfLayoutShape));
  model.setWeights(
    net.tensors.map((tensor) =>
      tf.tensor(
        toTfLayout(tensor, net.params.subarray(tensor.offset, tensor.offset + tensor.size)),
        tfLayoutShape(tensor),
      ),
    ),
  );
  return model;
}

interface ForwardAndGradients {
  output: ArrayLike<number>;
  loss: number;
  /** One gradient per parameter tensor, in our layout, in the order of net.tensors. */
  grads: ArrayLike<number>[];
}

function ours(net: Network, x: Float64Array, y: Float64Array): ForwardAndGradients {
  const ws = createWorkspace(net, B, T);
  const output = Float64Array.from(forwardBatch(ws, x, B));
  const dOut = new Float64Array(output.length);
  const loss = lossAndGradient('mse', output, y, output.length, dOut);
  backwardBatch(ws, dOut, B);
  return { output, loss, grads: net.tensors.map((t) => ws.grads.slice(t.offset, t.offset + t.size)) };
}

function theirs(net: Network, x: Float64Array, y: Float64Array): ForwardAndGradients {
  const model = tfModelWithOurWeights(net);
  try {
    return tf.tidy(() => {
      const xs = tf.tensor3d(Float32Array.from(x), [B, T, net.config.inputSize]);
      const ys = tf.tensor2d(Float32Array.from(y), [B, net.config.outputs]);
      const output = (model.predict(xs) as tf.Tensor).dataSync();
      const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
      const { value, grads } = tf.variableGrads(
        () => tf.mean(tf.squaredDifference(model.apply(xs) as tf.Tensor, ys)) as tf.Scalar,
        variables,
      );
      return {
        output: Float32Array.from(output),
        loss: value.dataSync()[0]!,
        grads: net.tensors.map((tensor, i) =>
          fromTfLayout(tensor, Float32Array.from(grads[variables[i]!.name]!.dataSync())),
        ),
      };
    });
  } finally {
    model.dispose();
  }
}

describe('recurrent cells agree with tf.js given identical weights', () => {
  beforeAll(async () => {
    tf.enableProdMode(); // only silences the "install tfjs-node" hint
    await tf.setBackend('cpu');
    await tf.ready();
  });

  const runs = [
    ...PRECISIONS.flatMap((precision) => CASES.map((c, i) => ({ ...c, precision, seed: 1000 + i }))),
    // H a multiple of 4: float32 steps run on the WebAssembly gate kernels (H = 5 keeps JS).
    ...CASES.map((c, i) => ({
      ...c,
      name: `${c.name}, H = 8 (gate kernels)`,
      config: { ...c.config, hiddenSize: 8 },
      precision: 'float32' as const,
      seed: 1100 + i,
    })),
  ];
  it.each(runs)('$name, $precision', ({ config, precision, seed }) => {
    const random = createRandom(seed);
    const drawn = randomNetwork(config, random);
    // The same weights in the precision under test (float32: rounded, as tf.js also rounds them).
    const net = networkFromParams({ ...drawn.config, precision }, drawn.params);
    const x = normals(B * T * config.inputSize, random);
    const y = normals(B * config.outputs, random);
    const { forward: FORWARD_TOLERANCE, gradient: GRADIENT_TOLERANCE } = TOLERANCES[precision];

    const expected = theirs(net, x, y);
    const actual = ours(net, x, y);

    expect(maxAbsDiff(actual.output, expected.output), 'forward output').toBeLessThan(FORWARD_TOLERANCE);
    expect(Math.abs(actual.loss - expected.loss), 'MSE loss').toBeLessThan(FORWARD_TOLERANCE);
    net.tensors.forEach((tensor, i) => {
      // A gradient that is ~0 in both would agree vacuously.
      expect(maxAbs(actual.grads[i]!), `|∂L/∂${tensor.name}|`).toBeGreaterThan(10 * GRADIENT_TOLERANCE);
      expect(maxAbsDiff(actual.grads[i]!, expected.grads[i]!), `∂L/∂${tensor.name}`).toBeLessThan(
        GRADIENT_TOLERANCE,
      );
    });
  });
});
