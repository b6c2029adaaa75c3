// What every recurrent cell shares: parameter views, the per-step tape, and the gemm
// calls that project inputs in and gradients back out. Cells differ only in their gates.
//
// Layout (internal, time-major so that one step's batch is contiguous):
//   gates [T, B, G·H]  activated gate values, written by stepForward, read by stepBackward
//   h     [T, B, H]    hidden states h_t;  h0 [B, H] is h_{−1} (zeros unless set)
//   dh    [T, B, H]    ∂L/∂h_t: seeded by the layer above or the head, plus the recurrent
//                      part that stepBackward(t + 1) adds
//   da    [B, G·H]     ∂L/∂(pre-activation) of the step being walked back
// Parameters: Wx [G·H, F], Wh [G·H, H], b [G·H] — gate blocks of H rows, as in PyTorch's
// weight_ih / weight_hh, so a tf.js kernel is the transpose of Wx.
import { gemm } from '../gemm.ts';

export type CellKind = 'rnn' | 'lstm' | 'gru';

export interface LayerParams {
  Wx: Float64Array;
  Wh: Float64Array;
  b: Float64Array;
}

/** A batch of sequences: element (t, b, f) is data[offset + t·tStride + b·bStride + f]. */
export interface SequenceView {
  data: Float64Array;
  offset: number;
  tStride: number;
  bStride: number;
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
  /** Computes h_t (and the cell's gates) for all B sequences of the batch. */
  stepForward(p: LayerParams, tape: Tape, input: SequenceView, t: number, B: number): void;
  /**
   * Walks step t back: da from dh_t, then accumulates dWx, dWh, db, adds ∂L/∂x_t into
   * dInput (if given) and ∂L/∂h_{t−1} into dh unless t is the first step walked.
   */
  stepBackward(
    p: LayerParams, g: LayerParams, tape: Tape, input: SequenceView, dInput: SequenceView | null,
    t: number, B: number, firstStep: number,
  ): void;
}

export function allocateTape(maxBatch: number, steps: number, inputSize: number, hiddenSize: number, gateCount: number): LayerTape {
  const GH = gateCount * hiddenSize;
  return {
    maxBatch, steps, inputSize, hiddenSize,
    gates: new Float64Array(steps * maxBatch * GH),
    h: new Float64Array(steps * maxBatch * hiddenSize),
    h0: new Float64Array(maxBatch * hiddenSize),
    dh: new Float64Array(steps * maxBatch * hiddenSize),
    da: new Float64Array(maxBatch * GH),
  };
}

/** Offset of h_{t−1} for batch row 0; rows are H apart in both h and h0. */
export function previousHidden(tape: LayerTape, t: number, B: number): [Float64Array, number] {
  return t === 0 ? [tape.h0, 0] : [tape.h, (t - 1) * B * tape.hiddenSize];
}

/** out(b, :) = b + Wx·x_t(b)   out: [B, G·H] rows of stride G·H starting at outOff. */
export function projectInput(p: LayerParams, input: SequenceView, t: number, B: number, F: number, GH: number, out: Float64Array, outOff: number): void {
  for (let r = 0; r < B; r++) out.set(p.b, outOff + r * GH);
  gemm(B, GH, F, input.data, input.offset + t * input.tStride, input.bStride, 1, p.Wx, 0, 1, F, out, outOff, GH);
}

/**
 * out(b, col0 : col0+rows) += src(b)·W[wRow0 : wRow0+rows]ᵀ, src rows of width H.
 * The recurrent matmul: W is Wh (or a block of its gate rows).
 */
export function addRecurrent(W: Float64Array, wRow0: number, rows: number, H: number, src: Float64Array, srcOff: number, B: number, out: Float64Array, outOff: number, outRow: number): void {
  gemm(B, rows, H, src, srcOff, H, 1, W, wRow0 * H, 1, H, out, outOff, outRow);
}

/** The input side of a step's backward: db += Σ_b da, dWx += daᵀ·x_t, dx_t += da·Wx. */
export function backpropInput(p: LayerParams, g: LayerParams, da: Float64Array, input: SequenceView, dInput: SequenceView | null, t: number, B: number, F: number, GH: number): void {
  const db = g.b;
  for (let r = 0; r < B; r++) {
    const off = r * GH;
    for (let j = 0; j < GH; j++) db[j] += da[off + j]!;
  }
  gemm(GH, F, B, da, 0, 1, GH, input.data, input.offset + t * input.tStride, input.bStride, 1, g.Wx, 0, F);
  if (dInput) gemm(B, F, GH, da, 0, GH, 1, p.Wx, 0, F, 1, dInput.data, dInput.offset + t * dInput.tStride, dInput.bStride);
}

/** dW[wRow0…] += da[:, col0 : col0+rows]ᵀ·src ;  da rows of stride daRow. */
export function accumulateRecurrentWeights(gW: Float64Array, wRow0: number, rows: number, H: number, da: Float64Array, col0: number, daRow: number, src: Float64Array, srcOff: number, B: number): void {
  gemm(rows, H, B, da, col0, 1, daRow, src, srcOff, H, 1, gW, wRow0 * H, H);
}

/** dst(b) += da[:, col0 : col0+rows]·W[wRow0 : wRow0+rows] — gradient back through a recurrent matmul. */
export function backpropRecurrent(W: Float64Array, wRow0: number, rows: number, H: number, da: Float64Array, col0: number, daRow: number, B: number, dst: Float64Array, dstOff: number): void {
  gemm(B, H, rows, da, col0, daRow, 1, W, wRow0 * H, H, 1, dst, dstOff, H);
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
