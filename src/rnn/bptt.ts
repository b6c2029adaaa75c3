// Forward pass with a tape, and backpropagation through time walking that tape in
// reverse. A Workspace owns every buffer for one (network, maxBatch, steps), so after it
// is built no pass allocates: not per time step, not per batch.
import { floats } from './floats.ts';
import type { Floats } from './floats.ts';
import type { LayerTape } from './cells/cell.ts';
import { rowsOf } from './cells/cell.ts';
import { backwardDecoder, createDecoder, forwardDecoder } from './decoder.ts';
import type { Decoder } from './decoder.ts';
import { backwardEncoder, createEncoder, forwardEncoder } from './encoder.ts';
import type { Encoder } from './encoder.ts';
import { matmulAdd, matmulTransAAdd, matmulTransBAdd, scratchView } from './kernels/matrix.ts';
import { encoderWidth, viewParams } from './network.ts';
import type { Network } from './network.ts';

// Scratch views for the head's products, re-pointed per batch so that a pass allocates nothing.
const hLast = scratchView(),
  headW = scratchView(),
  outRows = scratchView();

export interface Workspace {
  readonly net: Network;
  readonly maxBatch: number;
  readonly steps: number;
  readonly encoder: Encoder;
  /** The encoder's forward-direction tapes, one per layer. */
  readonly tapes: LayerTape[];
  /** The sequence-to-sequence decoder; null for a many-to-one network. */
  readonly decoder: Decoder | null;
  /** [maxBatch, outputs] network output of the last forward pass. */
  readonly output: Floats;
  /** Gradient of every parameter, same layout as net.params. */
  readonly grads: Floats;
  /**
   * ‖∂L/∂h_t‖ over the batch, per encoder layer (forward direction) and step, from the last
   * backward pass; null unless createWorkspace was asked for them (training never reads them).
   */
  readonly gradNorms: Floats[] | null;
  readonly gradViews: ReturnType<typeof viewParams>;
  /** The batch's input re-laid time-major [T, B, F], as every layer reads its input. */
  readonly timeMajorInput: Floats;
}

export function createWorkspace(
  net: Network,
  maxBatch: number,
  steps: number,
  options: { gradNorms?: boolean } = {},
): Workspace {
  const { inputSize, layers, outputs } = net.config;
  const encoder = createEncoder(net, maxBatch, steps);
  const grads = floats(net.precision, net.params.length);
  return {
    net,
    maxBatch,
    steps,
    encoder,
    tapes: encoder.tapes,
    decoder: createDecoder(net, maxBatch),
    output: floats(net.precision, maxBatch * outputs),
    grads,
    gradNorms: options.gradNorms ? Array.from({ length: layers }, () => new Float64Array(steps)) : null,
    gradViews: viewParams(net.config, net.tensors, grads),
    timeMajorInput: floats(net.precision, steps * maxBatch * inputSize),
  };
}

/** Copies x [B, T, F] (batch-major, from xOffset) into ws.timeMajorInput [T, B, F]. */
function toTimeMajor(ws: Workspace, x: Floats, xOffset: number, B: number): void {
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

function checkBatch(ws: Workspace, x: Floats, xOffset: number, B: number): void {
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
 * ws.output, whose first B·outputs values are this batch's outputs. `teacher` [B, outputs]
 * (from teacherOffset) is the batch's true targets: a sequence-to-sequence decoder is fed
 * them as its previous outputs (teacher forcing, for training); without it, its own.
 */
export function forwardBatch(
  ws: Workspace,
  x: Floats,
  B: number,
  xOffset = 0,
  teacher: Floats | null = null,
  teacherOffset = 0,
): Floats {
  checkBatch(ws, x, xOffset, B);
  toTimeMajor(ws, x, xOffset, B);
  const { net, steps: T } = ws;
  forwardEncoder(net, ws.encoder, ws.timeMajorInput, B, T);
  const out = ws.output;
  if (ws.decoder) {
    forwardDecoder(
      net,
      ws.decoder,
      ws.encoder,
      ws.timeMajorInput,
      (T - 1) * B,
      B,
      T,
      teacher,
      teacherOffset,
      out,
    );
    return out;
  }
  const W = encoderWidth(net.config),
    K = net.config.outputs;
  for (let r = 0; r < B; r++) out.set(net.head.b, r * K);
  // y = b + h_T·Wᵀ, from the encoder's last state
  matmulTransBAdd(
    rowsOf(outRows, out, 0, B, K),
    rowsOf(hLast, ws.encoder.encoded, 0, B, W),
    rowsOf(headW, net.head.W, 0, K, W),
  );
  return out;
}

/**
 * Backpropagates dOut = ∂L/∂output [B, outputs] of the last forward pass through the head
 * (or decoder) and every layer; leaves ∂L/∂θ in ws.grads (overwritten) and, when kept,
 * per-step norms in ws.gradNorms. truncateSteps walks the encoder back only that many
 * steps from the end (truncated BPTT); full BPTT when absent. (A number, not an options object: nothing is
 * allocated per batch.)
 */
export function backwardBatch(ws: Workspace, dOut: Floats, B: number, truncateSteps?: number): void {
  const { net, steps: T, grads, gradViews, encoder } = ws;
  const firstStep = truncateSteps === undefined ? 0 : Math.max(0, T - truncateSteps);
  grads.fill(0);
  if (ws.decoder) backwardDecoder(net, ws.decoder, encoder, gradViews, dOut, B, T);
  else {
    const W = encoderWidth(net.config),
      K = net.config.outputs;
    // dW += dOutᵀ·h_T;  db += Σ_b dOut;  dh_T = dOut·W
    const dOutRows = rowsOf(outRows, dOut, 0, B, K);
    matmulTransAAdd(
      rowsOf(headW, gradViews.head.W, 0, K, W),
      dOutRows,
      rowsOf(hLast, encoder.encoded, 0, B, W),
    );
    const db = gradViews.head.b;
    for (let r = 0; r < B; r++) for (let k = 0; k < K; k++) db[k] = db[k]! + dOut[r * K + k]!;
    encoder.dEncoded.fill(0, 0, B * W);
    matmulAdd(rowsOf(hLast, encoder.dEncoded, 0, B, W), dOutRows, rowsOf(headW, net.head.W, 0, K, W));
  }
  backwardEncoder(net, encoder, gradViews, ws.timeMajorInput, B, T, firstStep, ws.gradNorms);
}

/** Outputs [N, outputs] for N windows x [N, T, F], in chunks of the workspace's batch. */
export function predictWindows(
  net: Network,
  x: Floats,
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
