// Cross-checks the sequence-to-sequence network against tf.js (cpu backend), built as the
// Keras tutorials build one: an encoder layer that returns its state, a decoder layer
// started from that state (initialState) reading the teacher-forced inputs, and a dense
// unit on every decoder step. Same weights: outputs and MSE gradients of every weight agree.
import { PRECISIONS } from '../../src/rnn/floats.ts';
import type { Precision } from '../../src/rnn/floats.ts';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { backwardBatch, createWorkspace, forwardBatch } from '../../src/rnn/bptt.ts';
import { lossAndGradient } from '../../src/rnn/loss.ts';
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
  F = 5,
  H = 4,
  K = 3;
// Per precision of ours, as in cross-check-tfjs.test.ts: float32 sums in another order
// than tf.js, so both sides' round-off counts.
const TOLERANCES: Record<Precision, { forward: number; gradient: number }> = {
  float64: { forward: 1e-5, gradient: 1e-4 },
  float32: { forward: 2e-5, gradient: 2e-4 },
};
/** Column 1 holds lead 1 of a known-future column, columns 2 and 3 its leads 2 and 3. */
const LEAD = 1;

const seq2seq = (cell: NetworkConfig['cell'], bidirectional = false): NetworkConfig => ({
  cell,
  inputSize: F,
  hiddenSize: H,
  layers: 1,
  outputs: K,
  decoder: { leadColumns: [LEAD] },
  bidirectional,
});

/** Decoder inputs [B, K, 2] under teacher forcing: [0 | y_{k−1}, the lead of step k]. */
function decoderInputs(x: Float64Array, y: Float64Array): Float32Array {
  const out = new Float32Array(B * K * 2);
  for (let b = 0; b < B; b++)
    for (let k = 0; k < K; k++) {
      out[(b * K + k) * 2] = k === 0 ? 0 : y[b * K + k - 1]!;
      out[(b * K + k) * 2 + 1] = x[(b * T + T - 1) * F + LEAD + k]!;
    }
  return out;
}

function tfSeq2seq(net: Network): tf.LayersModel {
  const { config } = net;
  const window = tf.input({ batchShape: [B, T, F] });
  const fed = tf.input({ batchShape: [B, K, 2] });
  const encoderLayer = tfRecurrentLayer(config, false, undefined, true) as tf.RNN;
  const encoder = config.bidirectional
    ? tf.layers.bidirectional({ layer: encoderLayer, mergeMode: 'concat' })
    : encoderLayer;
  const [, ...parts] = encoder.apply(window) as tf.SymbolicTensor[];
  // A bidirectional LSTM returns [h→, c→, h←, c←]; the decoder starts from [h→ h←], [c→ c←].
  const perDirection = config.cell === 'lstm' ? 2 : 1;
  const states = config.bidirectional
    ? Array.from(
        { length: perDirection },
        (_, s) => tf.layers.concatenate().apply([parts[s]!, parts[perDirection + s]!]) as tf.SymbolicTensor,
      )
    : parts;
  const decoderLayer = tfRecurrentLayer({ ...config, hiddenSize: states[0]!.shape[1]! }, true);
  const decoded = decoderLayer.apply(fed, { initialState: states }) as tf.SymbolicTensor;
  const head = tf.layers.timeDistributed({ layer: tf.layers.dense({ units: 1 }) });
  const model = tf.model({ inputs: [window, fed], outputs: head.apply(decoded) as tf.SymbolicTensor });
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

describe('the sequence-to-sequence network agrees with a tf.js encoder–decoder given identical weights', () => {
  beforeAll(async () => {
    tf.enableProdMode();
    await tf.setBackend('cpu');
    await tf.ready();
  });

  const CASES = [
    seq2seq('rnn'),
    seq2seq('lstm'),
    seq2seq('gru'),
    seq2seq('lstm', true),
    seq2seq('gru', true),
  ];
  it.each(
    PRECISIONS.flatMap((precision) =>
      CASES.map((config, i) => ({
        config,
        precision,
        seed: 2000 + i,
        name: `${config.cell}${config.bidirectional ? ', bidirectional encoder' : ''}`,
      })),
    ),
  )('$name, teacher-forced, $precision', ({ config, precision, seed }) => {
    const random = createRandom(seed);
    const drawn = randomNetwork(config, random);
    const net = networkFromParams({ ...drawn.config, precision }, drawn.params);
    const { forward: FORWARD_TOLERANCE, gradient: GRADIENT_TOLERANCE } = TOLERANCES[precision];
    const x = normals(B * T * F, random);
    const y = normals(B * K, random);

    const ws = createWorkspace(net, B, T);
    const output = Float64Array.from(forwardBatch(ws, x, B, 0, y));
    const dOut = new Float64Array(B * K);
    lossAndGradient('mse', output, y, B * K, dOut);
    backwardBatch(ws, dOut, B);

    const model = tfSeq2seq(net);
    try {
      tf.tidy(() => {
        const inputs = [
          tf.tensor3d(Float32Array.from(x), [B, T, F]),
          tf.tensor3d(decoderInputs(x, y), [B, K, 2]),
        ];
        const ys = tf.tensor3d(Float32Array.from(y), [B, K, 1]);
        const theirs = (model.predict(inputs) as tf.Tensor).dataSync();
        expect(maxAbsDiff(output, theirs), 'forward output').toBeLessThan(FORWARD_TOLERANCE);
        const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
        const { grads } = tf.variableGrads(
          () => tf.mean(tf.squaredDifference(model.apply(inputs) as tf.Tensor, ys)) as tf.Scalar,
          variables,
        );
        net.tensors.forEach((tensor, i) => {
          const ours = ws.grads.subarray(tensor.offset, tensor.offset + tensor.size);
          const expected = fromTfLayout(tensor, Float32Array.from(grads[variables[i]!.name]!.dataSync()));
          expect(maxAbs(ours), `|∂L/∂${tensor.name}|`).toBeGreaterThan(10 * GRADIENT_TOLERANCE);
          expect(maxAbsDiff(ours, expected), `∂L/∂${tensor.name}`).toBeLessThan(GRADIENT_TOLERANCE);
        });
      });
    } finally {
      model.dispose();
    }
  });
});
