// What every recurrent cell shares: parameter views, the per-step tape, and the contract
// between a cell (its gates, step by step) and the layer driver (layer.ts), which does
// the input-side matmuls for all steps at once.
//
// Layout (internal, time-major, so one step's batch is contiguous and h_{t−1} sits
// exactly B rows before h_t):
//   gates [T, B, G·H]  pre-activations, then (after stepForward) activated gate values
//   h     [T, B, H]    hidden states h_t;  h0 [B, H] is h_{−1} (zeros unless set)
//   dh    [T, B, H]    ∂L/∂h_t: seeded by the layer above or the head, plus the recurrent
//                      part that stepBackward(t + 1) adds
//   da    [T, B, G·H]  ∂L/∂(pre-activation), written by stepBackward
// Parameters: Wx [G·H, F], Wh [G·H, H], b [G·H] — gate blocks of H rows, as in PyTorch's
// weight_ih / weight_hh, so a tf.js kernel is the transpose of Wx.
import { gemm } from '../gemm.ts';

/** Every recurrent cell there is: the one list the settings schema, the model file and the network check use. */
export const CELL_KINDS = ['rnn', 'lstm', 'gru'] as const;

export type CellKind = (typeof CELL_KINDS)[number];

export interface LayerParams {
  Wx: Float64Array;
  Wh: Float64Array;
  b: Float64Array;
}

export interface LayerTape {
  readonly maxBatch: number;
  readonly steps: number;
  readonly inputSize: number;
  readonly hiddenSize: number;
  gates: Float64Array;
  h: Float64Array;
  h0: Float64Array;
  dh: Float64Array;
  da: Float64Array;
}

export interface Cell<Tape extends LayerTape = LayerTape> {
  readonly kind: CellKind;
  /** G: how many gate blocks of H rows the weight matrices stack. */
  readonly gateCount: number;
  createTape(maxBatch: number, steps: number, inputSize: number, hiddenSize: number): Tape;
  /** gates(t) arrive holding b + Wx·x_t; adds the recurrent part, activates, writes h_t. */
  stepForward(p: LayerParams, tape: Tape, t: number, B: number): void;
  /** Writes da(t) from dh_t; adds ∂L/∂h_{t−1} into dh unless t is the first step walked. */
  stepBackward(p: LayerParams, tape: Tape, t: number, B: number, firstStep: number): void;
  /** dWh from the da rows of steps firstStep … T−1, after the walk. */
  accumulateRecurrentWeights(g: LayerParams, tape: Tape, B: number, firstStep: number): void;
}

export function allocateTape(
  maxBatch: number,
  steps: number,
  inputSize: number,
  hiddenSize: number,
  gateCount: number,
): LayerTape {
  const GH = gateCount * hiddenSize;
  return {
    maxBatch,
    steps,
    inputSize,
    hiddenSize,
    gates: new Float64Array(steps * maxBatch * GH),
    h: new Float64Array(steps * maxBatch * hiddenSize),
    h0: new Float64Array(maxBatch * hiddenSize),
    dh: new Float64Array(steps * maxBatch * hiddenSize),
    da: new Float64Array(steps * maxBatch * GH),
  };
}

// h_{t−1} for batch row 0 is previousHidden(tape, t) at previousOffset(tape, t, B); rows
// are H apart in both h and h0. Two functions rather than a tuple: no allocation per step.
export function previousHidden(tape: LayerTape, t: number): Float64Array {
  return t === 0 ? tape.h0 : tape.h;
}

export function previousOffset(tape: LayerTape, t: number, B: number): number {
  return t === 0 ? 0 : (t - 1) * B * tape.hiddenSize;
}

/**
 * out(b, col0 : col0+rows) += src(b)·W[wRow0 : wRow0+rows]ᵀ for B rows of width H:
 * the recurrent matmul, W being Wh or a block of its gate rows.
 */
export function addRecurrent(
  W: Float64Array,
  wRow0: number,
  rows: number,
  H: number,
  src: Float64Array,
  srcOff: number,
  B: number,
  out: Float64Array,
  outOff: number,
  outRow: number,
): void {
  gemm(B, rows, H, src, srcOff, H, 1, W, wRow0 * H, 1, H, out, outOff, outRow);
}

/** dst(b) += da[:, col0 : col0+rows]·W[wRow0 : wRow0+rows] — gradient back through a recurrent matmul. */
export function backpropRecurrent(
  W: Float64Array,
  wRow0: number,
  rows: number,
  H: number,
  da: Float64Array,
  daOff: number,
  daRow: number,
  B: number,
  dst: Float64Array,
  dstOff: number,
): void {
  gemm(B, H, rows, da, daOff, daRow, 1, W, wRow0 * H, H, 1, dst, dstOff, H);
}

/**
 * dW[wRow0 : wRow0+rows] += da[r0 : r0+n, col0 : col0+rows]ᵀ·src[s0 : s0+n] — n rows of
 * (step, batch) pairs at once; srcOff/daOff point at the first row of each.
 */
export function accumulateWeights(
  gW: Float64Array,
  wRow0: number,
  rows: number,
  width: number,
  da: Float64Array,
  daOff: number,
  daRow: number,
  src: Float64Array,
  srcOff: number,
  n: number,
): void {
  gemm(rows, width, n, da, daOff, 1, daRow, src, srcOff, width, 1, gW, wRow0 * width, width);
}

/**
 * The recurrent-weight gradient of cells whose gate block [col0, col0+rows) multiplies
 * h_{t−1}: Σ_t da_tᵀ·h_{t−1}. Time-major rows make steps 1 … T−1 one matmul against h
 * shifted back B rows; step 0 pairs with h0.
 */
export function accumulateAgainstPreviousHidden(
  gWh: Float64Array,
  col0: number,
  rows: number,
  tape: LayerTape,
  B: number,
  firstStep: number,
): void {
  const H = tape.hiddenSize,
    GH = tape.gates.length / (tape.steps * tape.maxBatch);
  const from = Math.max(firstStep, 1);
  const n = (tape.steps - from) * B;
  if (n > 0)
    accumulateWeights(gWh, col0, rows, H, tape.da, from * B * GH + col0, GH, tape.h, (from - 1) * B * H, n);
  if (firstStep === 0) accumulateWeights(gWh, col0, rows, H, tape.da, col0, GH, tape.h0, 0, B);
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
