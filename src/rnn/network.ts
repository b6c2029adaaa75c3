// The many-to-one network: 1–3 stacked recurrent layers whose top layer's last hidden
// state h_T feeds a dense head of `outputs` units (1 for the next step, k for a direct
// k-step forecast). All parameters live in one flat Float64Array, with named views, so
// optimisers, clipping and serialisation each see a single vector.
import { gruCell } from './cells/gru.ts';
import { lstmCell } from './cells/lstm.ts';
import { createRnnCell } from './cells/rnn.ts';
import { CELL_KINDS } from './cells/cell.ts';
import type { Cell, CellKind, LayerParams } from './cells/cell.ts';
import type { RnnActivation } from './cells/rnn.ts';
import { glorotUniform, orthogonalBlocks } from './init.ts';
import { createRandom } from './random.ts';

export interface NetworkConfig {
  cell: CellKind;
  inputSize: number;
  hiddenSize: number;
  layers: number;
  outputs: number;
  /** Elman cells only; LSTM and GRU use their own gate non-linearities. */
  activation?: RnnActivation;
}

export interface ParamTensor {
  name: string;
  shape: number[];
  offset: number;
  size: number;
}

export interface Network {
  readonly config: Readonly<NetworkConfig>;
  readonly cell: Cell;
  readonly tensors: readonly ParamTensor[];
  readonly params: Float64Array;
  readonly layers: readonly LayerParams[];
  readonly head: { W: Float64Array; b: Float64Array };
}

export const MAX_LAYERS = 3;

export function cellFor(config: NetworkConfig): Cell {
  switch (config.cell) {
    case 'rnn':
      return createRnnCell(config.activation ?? 'tanh');
    case 'lstm':
      return lstmCell as unknown as Cell;
    case 'gru':
      return gruCell as unknown as Cell;
  }
}

export function validateNetworkConfig(config: NetworkConfig): void {
  const positive = (name: keyof NetworkConfig) => {
    const v = config[name];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
      throw new Error(`network config: ${name} must be a positive integer, got ${String(v)}`);
  };
  if (!CELL_KINDS.includes(config.cell))
    throw new Error(
      `network config: cell must be one of ${CELL_KINDS.join(', ')}, got ${String(config.cell)}`,
    );
  positive('inputSize');
  positive('hiddenSize');
  positive('layers');
  positive('outputs');
  if (config.layers > MAX_LAYERS)
    throw new Error(`network config: layers must be 1 to ${MAX_LAYERS}, got ${config.layers}`);
  if (config.activation !== undefined && config.activation !== 'tanh' && config.activation !== 'relu') {
    throw new Error(`network config: activation must be tanh or relu, got ${String(config.activation)}`);
  }
}

/** The named tensors of a network, in the order they sit in the flat parameter vector. */
export function layoutTensors(config: NetworkConfig): ParamTensor[] {
  const G = cellFor(config).gateCount;
  const H = config.hiddenSize;
  const shapes: [string, number[]][] = [];
  for (let l = 0; l < config.layers; l++) {
    const F = l === 0 ? config.inputSize : H;
    shapes.push([`layer${l}.Wx`, [G * H, F]], [`layer${l}.Wh`, [G * H, H]], [`layer${l}.b`, [G * H]]);
  }
  shapes.push(['head.W', [config.outputs, H]], ['head.b', [config.outputs]]);
  let offset = 0;
  return shapes.map(([name, shape]) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const tensor = { name, shape, offset, size };
    offset += size;
    return tensor;
  });
}

/** Wraps a flat parameter (or gradient) vector in per-layer and head views. */
export function viewParams(
  config: NetworkConfig,
  tensors: readonly ParamTensor[],
  flat: Float64Array,
): { layers: LayerParams[]; head: { W: Float64Array; b: Float64Array } } {
  const view = (i: number) => flat.subarray(tensors[i]!.offset, tensors[i]!.offset + tensors[i]!.size);
  const layers: LayerParams[] = [];
  for (let l = 0; l < config.layers; l++)
    layers.push({ Wx: view(3 * l), Wh: view(3 * l + 1), b: view(3 * l + 2) });
  return { layers, head: { W: view(3 * config.layers), b: view(3 * config.layers + 1) } };
}

/** Builds a network around existing parameters (copied), e.g. when loading a model file. */
export function networkFromParams(config: NetworkConfig, params: Float64Array): Network {
  validateNetworkConfig(config);
  const tensors = layoutTensors(config);
  const total = tensors.reduce((n, t) => n + t.size, 0);
  if (params.length !== total)
    throw new Error(`network parameters: expected ${total} values for this config, got ${params.length}`);
  const own = Float64Array.from(params);
  return {
    config: { ...config },
    cell: cellFor(config),
    tensors,
    params: own,
    ...viewParams(config, tensors, own),
  };
}

/** A freshly initialised network; the same seed gives byte-identical weights. */
export function createNetwork(config: NetworkConfig, seed: number): Network {
  validateNetworkConfig(config);
  const net = networkFromParams(
    config,
    new Float64Array(layoutTensors(config).reduce((n, t) => n + t.size, 0)),
  );
  const random = createRandom(seed);
  const H = config.hiddenSize,
    G = net.cell.gateCount;
  net.layers.forEach((layer, l) => {
    const F = l === 0 ? config.inputSize : H;
    glorotUniform(layer.Wx, F, G * H, random);
    orthogonalBlocks(layer.Wh, H, G, random);
    if (config.cell === 'lstm') layer.b.fill(1, H, 2 * H);
  });
  glorotUniform(net.head.W, H, config.outputs, random);
  return net;
}

export function parameterCount(net: Network): number {
  return net.params.length;
}
