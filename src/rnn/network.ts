// The network: 1–3 stacked recurrent layers (the encoder) over a window, then either
//  - many-to-one: the top layer's last hidden state h_T feeds a dense head of `outputs`
//    units (1 for the next step, k for a direct k-step forecast); or
//  - sequence-to-sequence: a decoder layer starts from the encoder's last state and
//    unrolls `outputs` steps, reading its previous output and the known-future values of
//    that step; one dense unit on each decoder state gives that step's forecast.
// A bidirectional encoder reads each layer's sequence both ways (Keras Bidirectional,
// merge 'concat'): the window is wholly observed, so the backward read leaks nothing.
// All parameters live in one flat array (float32 or float64: NetworkConfig.precision),
// with named views, so optimisers,
// clipping and serialisation each see a single vector.
import { PRECISIONS, floats } from './floats.ts';
import type { Floats, Precision } from './floats.ts';
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
  /** Each encoder layer also reads its sequence backwards; layers above and the head see both states. */
  bidirectional?: boolean;
  /** Sequence-to-sequence: a decoder unrolls the `outputs` steps; many-to-one when absent. */
  decoder?: DecoderConfig;
  /**
   * The arithmetic of every buffer the network's passes touch: float32 trains about twice
   * as fast; float64 (the default) is what the finite-difference gradient checks need.
   */
  precision?: Precision;
}

export interface DecoderConfig {
  /**
   * Input columns of the window's last step that hold lead 1 of a known-future column:
   * decoder step k (forecasting k + 1 steps ahead) reads column c + k for each c listed,
   * beside its previous output (0 at step 0, a start symbol).
   */
  leadColumns: number[];
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
  readonly precision: Precision;
  readonly params: Floats;
  readonly layers: readonly LayerParams[];
  /** The backward direction of each layer of a bidirectional encoder; empty otherwise. */
  readonly reverseLayers: readonly LayerParams[];
  readonly decoder: LayerParams | null;
  readonly head: { W: Floats; b: Floats };
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
  if (config.bidirectional !== undefined && typeof config.bidirectional !== 'boolean')
    throw new Error(
      `network config: bidirectional must be true or false, got ${String(config.bidirectional)}`,
    );
  if (config.precision !== undefined && !PRECISIONS.includes(config.precision))
    throw new Error(`network config: precision must be float32 or float64, got ${String(config.precision)}`);
  if (config.decoder !== undefined) {
    const leads = config.decoder?.leadColumns;
    if (!Array.isArray(leads))
      throw new Error('network config: decoder.leadColumns must be a list of input columns');
    for (const c of leads)
      if (!Number.isInteger(c) || c < 0 || c + config.outputs > config.inputSize)
        throw new Error(
          `network config: decoder lead column ${String(c)} and its ${config.outputs - 1} further leads must lie within the ${config.inputSize} inputs`,
        );
  }
}

/** How many values each step of the encoder's top layer gives: H, or 2H read both ways. */
export function encoderWidth(config: NetworkConfig): number {
  return config.bidirectional ? 2 * config.hiddenSize : config.hiddenSize;
}

/** A decoder step's inputs: its previous output, then one value per known-future column. */
export function decoderInputSize(decoder: DecoderConfig): number {
  return 1 + decoder.leadColumns.length;
}

/** The named tensors of a network, in the order they sit in the flat parameter vector. */
export function layoutTensors(config: NetworkConfig): ParamTensor[] {
  const G = cellFor(config).gateCount;
  const H = config.hiddenSize;
  const W = encoderWidth(config);
  const directions = config.bidirectional ? ['', '.reverse'] : [''];
  const shapes: [string, number[]][] = [];
  const layer = (name: string, inputs: number, hidden: number) =>
    shapes.push(
      [`${name}.Wx`, [G * hidden, inputs]],
      [`${name}.Wh`, [G * hidden, hidden]],
      [`${name}.b`, [G * hidden]],
    );
  for (let l = 0; l < config.layers; l++)
    for (const d of directions) layer(`layer${l}${d}`, l === 0 ? config.inputSize : W, H);
  // The decoder's state is the encoder's last state, both directions side by side.
  if (config.decoder) layer('decoder', decoderInputSize(config.decoder), W);
  const headUnits = config.decoder ? 1 : config.outputs;
  shapes.push(['head.W', [headUnits, W]], ['head.b', [headUnits]]);
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
  flat: Floats,
): Pick<Network, 'layers' | 'reverseLayers' | 'decoder' | 'head'> & { layers: LayerParams[] } {
  const byName = new Map(tensors.map((t) => [t.name, t]));
  const view = (name: string) => {
    const t = byName.get(name)!;
    return flat.subarray(t.offset, t.offset + t.size);
  };
  const layerView = (name: string): LayerParams => ({
    Wx: view(`${name}.Wx`),
    Wh: view(`${name}.Wh`),
    b: view(`${name}.b`),
  });
  const layerNames = Array.from({ length: config.layers }, (_, l) => `layer${l}`);
  return {
    layers: layerNames.map(layerView),
    reverseLayers: config.bidirectional ? layerNames.map((n) => layerView(`${n}.reverse`)) : [],
    decoder: config.decoder ? layerView('decoder') : null,
    head: { W: view('head.W'), b: view('head.b') },
  };
}

/** Builds a network around existing parameters (copied), e.g. when loading a model file. */
export function networkFromParams(config: NetworkConfig, params: Floats): Network {
  validateNetworkConfig(config);
  const tensors = layoutTensors(config);
  const total = tensors.reduce((n, t) => n + t.size, 0);
  if (params.length !== total)
    throw new Error(`network parameters: expected ${total} values for this config, got ${params.length}`);
  const own = floats(config.precision ?? 'float64', total);
  own.set(params);
  return {
    config: { ...config },
    cell: cellFor(config),
    precision: config.precision ?? 'float64',
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
    W = encoderWidth(config),
    G = net.cell.gateCount;
  // Draw order: layer by layer, forward direction first, so a network without the new
  // options gets the weights it always had from a seed.
  const init = (layer: LayerParams, inputs: number, hidden: number) => {
    glorotUniform(layer.Wx, inputs, G * hidden, random);
    orthogonalBlocks(layer.Wh, hidden, G, random);
    if (config.cell === 'lstm') layer.b.fill(1, hidden, 2 * hidden);
  };
  net.layers.forEach((layer, l) => {
    const F = l === 0 ? config.inputSize : W;
    init(layer, F, H);
    const reverse = net.reverseLayers[l];
    if (reverse) init(reverse, F, H);
  });
  if (net.decoder && config.decoder) init(net.decoder, decoderInputSize(config.decoder), W);
  glorotUniform(net.head.W, W, net.head.b.length, random);
  return net;
}

export function parameterCount(net: Network): number {
  return net.params.length;
}
