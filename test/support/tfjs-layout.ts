// Shared by the tf.js cross-checks: our parameter tensors in tf.js layout and back, tf.js
// recurrent layers configured as our cells, random networks and comparisons.
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import { createNetwork } from '../../src/rnn/network.ts';
import type { Network, NetworkConfig, ParamTensor } from '../../src/rnn/network.ts';
import type { Random } from '../../src/rnn/random.ts';

export function normals(n: number, random: Random): Float64Array {
  return Float64Array.from({ length: n }, () => random.normal());
}

/**
 * A fresh network whose biases are also random: all-zero (GRU, Elman) biases would hide a
 * mixed-up gate block.
 */
export function randomNetwork(config: NetworkConfig, random: Random): Network {
  const net = createNetwork(config, random.nextInt(1 << 30));
  for (const b of [...net.layers, ...net.reverseLayers].map((layer) => layer.b).concat(net.head.b)) {
    for (let i = 0; i < b.length; i++) b[i]! += random.uniform(-0.5, 0.5);
  }
  return net;
}

/** Row-major [rows, cols] → its transpose [cols, rows]. */
export function transpose(m: ArrayLike<number>, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = m[r * cols + c]!;
  return out;
}

/**
 * Our tensor in tf.js layout. Our matrices are [G·H, in] (PyTorch weight_ih/weight_hh, head [K, H]);
 * tf.js kernels are their transposes [in, G·H] / [H, K], with the same gate order (LSTM i f g o,
 * GRU z r n), so a plain transpose lines the gate blocks up. Vectors are shared as they are.
 */
export function tfLayoutShape(tensor: ParamTensor): number[] {
  return [...tensor.shape].reverse();
}

export function toTfLayout(tensor: ParamTensor, values: ArrayLike<number>): Float32Array {
  const [rows, cols] = tensor.shape;
  return cols === undefined ? Float32Array.from(values) : transpose(values, rows!, cols);
}

export function fromTfLayout(tensor: ParamTensor, values: Float32Array): Float32Array {
  const [rows, cols] = tensor.shape;
  return cols === undefined ? values : transpose(values, cols, rows!);
}

export function tfRecurrentLayer(
  config: NetworkConfig,
  returnSequences: boolean,
  batchInputShape?: number[],
  returnState = false,
): tf.layers.Layer {
  const common = {
    units: config.hiddenSize,
    useBias: true,
    returnSequences,
    returnState,
    ...(batchInputShape ? { batchInputShape } : {}),
  };
  switch (config.cell) {
    case 'rnn':
      return tf.layers.simpleRNN({ ...common, activation: config.activation ?? 'tanh' });
    case 'lstm':
      return tf.layers.lstm({
        ...common,
        activation: 'tanh',
        recurrentActivation: 'sigmoid',
        unitForgetBias: false,
      });
    // tf.js GRUs are always reset_after = false (reset gate before the recurrent matmul), like ours.
    case 'gru':
      return tf.layers.gru({ ...common, activation: 'tanh', recurrentActivation: 'sigmoid' });
  }
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

export function maxAbs(a: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]!));
  return max;
}
