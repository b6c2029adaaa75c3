// Forward pass with a tape, and backpropagation through time walking that tape in
// reverse. A Workspace owns every buffer for one (network, maxBatch, steps), so after it
// is built no pass allocates: not per time step, not per batch.
import type { LayerTape } from './cells/cell.ts';
import { rowsOf } from './cells/cell.ts';
import { matmulAdd, matmulTransAAdd, matmulTransBAdd, scratchView } from './kernels/matrix.ts';
import { backwardLayer, forwardLayer } from './layer.ts';
import { viewParams } from './network.ts';
import type { Network } from './network.ts';

// Scratch views for the head's products, re-pointed per batch so that a pass allocates nothing.
const hLast = scratchView(),
  headW = scratchView(),
  outRows = scratchView();

export interface Workspace {
  readonly net: Network;
  readonly maxBatch: number;
  readonly steps: number;
  readonly tapes: LayerTape[];
  /** [maxBatch, outputs] network output of the last forward pass. */
  readonly output: Float64Array;
  /** Gradient of every parameter, same layout as net.params. */
  readonly grads: Float64Array;
  /** ‖∂L/∂h_t‖ over the batch, per layer and step, from the last backward pass. */
  readonly gradNorms: Float64Array[];
  readonly gradViews: ReturnType<typeof viewParams>;
  /** The batch's input re-laid time-major [T, B, F], as every layer reads its input. */
  readonly timeMajorInput: Float64Array;
}

export function createWorkspace(net: Network, maxBatch: number, steps: number): Workspace {
  const { inputSize, hiddenSize, layers, outputs } = net.config;
  const tapes = Array.from({ length: layers }, (_, l) =>
    net.cell.createTape(maxBatch, steps, l === 0 ? inputSize : hiddenSize, hiddenSize),
  );
  const grads = new Float64Array(net.params.length);
  return {
    net,
    maxBatch,
    steps,
    tapes,
    output: new Float64Array(maxBatch * outputs),
    grads,
    gradNorms: tapes.map(() => new Float64Array(steps)),
    gradViews: viewParams(net.config, net.tensors, grads),
    timeMajorInput: new Float64Array(steps * maxBatch * inputSize),
  };
}

/** Copies x [B, T, F] (batch-major, from xOffset) into ws.timeMajorInput [T, B, F]. */
function toTimeMajor(ws: Workspace, x: Float64Array, xOffset: number, B: number): void {
  const F = ws.net.config.inputSize,
    T = ws.steps,
    out = ws.timeMajorInput;
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < T; t++) {
      const from = xOffset + (b * T + t) * F,
        to = (t * B + b) * F;
      for (let f = 0; f < F; f++) out[to + f] = x[from + f]!;
    }
  }
}

function layerInput(ws: Workspace, l: number): Float64Array {
  return l === 0 ? ws.timeMajorInput : ws.tapes[l - 1]!.h;
}

function checkBatch(ws: Workspace, x: Float64Array, xOffset: number, B: number): void {
  if (!Number.isInteger(B) || B < 1 || B > ws.maxBatch)
    throw new Error(`batch size ${B} outside 1..${ws.maxBatch} of this workspace`);
  const need = B * ws.steps * ws.net.config.inputSize;
  if (x.length - xOffset < need)
    throw new Error(
      `input holds ${x.length - xOffset} values from offset ${xOffset}, ` +
        `a batch of ${B}×${ws.steps}×${ws.net.config.inputSize} needs ${need}`,
    );
}

/**
 * Runs B sequences x [B, T, F] (starting at xOffset) through the network. Returns
 * ws.output, whose first B·outputs values are this batch's outputs.
 */
export function forwardBatch(ws: Workspace, x: Float64Array, B: number, xOffset = 0): Float64Array {
  checkBatch(ws, x, xOffset, B);
  toTimeMajor(ws, x, xOffset, B);
  const { net, tapes, steps: T } = ws;
  for (let l = 0; l < tapes.length; l++)
    forwardLayer(net.cell, net.layers[l]!, tapes[l]!, layerInput(ws, l), B);
  const H = net.config.hiddenSize,
    K = net.config.outputs;
  const out = ws.output;
  for (let r = 0; r < B; r++) out.set(net.head.b, r * K);
  // y = b + h_T·Wᵀ, from the top layer's last step
  matmulTransBAdd(
    rowsOf(outRows, out, 0, B, K),
    rowsOf(hLast, tapes[tapes.length - 1]!.h, (T - 1) * B, B, H),
    rowsOf(headW, net.head.W, 0, K, H),
  );
  return out;
}

/**
 * Backpropagates dOut = ∂L/∂output [B, outputs] of the last forward pass through the head
 * and every layer; leaves ∂L/∂θ in ws.grads (overwritten) and per-step norms in ws.gradNorms.
 * truncateSteps walks back only that many steps from the end (truncated BPTT); full BPTT
 * when absent. (A number, not an options object: nothing is allocated per batch.)
 */
export function backwardBatch(ws: Workspace, dOut: Float64Array, B: number, truncateSteps?: number): void {
  const { net, tapes, steps: T, grads, gradViews } = ws;
  const H = net.config.hiddenSize,
    K = net.config.outputs;
  const firstStep = truncateSteps === undefined ? 0 : Math.max(0, T - truncateSteps);
  grads.fill(0);
  for (const tape of tapes) tape.dh.fill(0, 0, T * B * H);

  const top = tapes[tapes.length - 1]!;
  // dW += dOutᵀ·h_T;  db += Σ_b dOut;  dh_T += dOut·W
  const dOutRows = rowsOf(outRows, dOut, 0, B, K);
  matmulTransAAdd(
    rowsOf(headW, gradViews.head.W, 0, K, H),
    dOutRows,
    rowsOf(hLast, top.h, (T - 1) * B, B, H),
  );
  const db = gradViews.head.b;
  for (let r = 0; r < B; r++) for (let k = 0; k < K; k++) db[k] = db[k]! + dOut[r * K + k]!;
  matmulAdd(rowsOf(hLast, top.dh, (T - 1) * B, B, H), dOutRows, rowsOf(headW, net.head.W, 0, K, H));

  for (let l = tapes.length - 1; l >= 0; l--) {
    const dInput = l === 0 ? null : tapes[l - 1]!.dh;
    backwardLayer(
      net.cell,
      net.layers[l]!,
      gradViews.layers[l]!,
      tapes[l]!,
      layerInput(ws, l),
      dInput,
      B,
      firstStep,
      ws.gradNorms[l]!,
    );
  }
}

/** Outputs [N, outputs] for N windows x [N, T, F], in chunks of the workspace's batch. */
export function predictWindows(
  net: Network,
  x: Float64Array,
  count: number,
  steps: number,
  maxBatch = 256,
): Float64Array {
  const F = net.config.inputSize,
    K = net.config.outputs;
  const out = new Float64Array(count * K);
  if (count === 0) return out;
  const ws = createWorkspace(net, Math.min(maxBatch, count), steps);
  for (let start = 0; start < count; start += ws.maxBatch) {
    const B = Math.min(ws.maxBatch, count - start);
    const y = forwardBatch(ws, x, B, start * steps * F);
    out.set(y.subarray(0, B * K), start * K);
  }
  return out;
}
