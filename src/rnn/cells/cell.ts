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
//   dh0   [B, H]       ∂L/∂h0, written only when wantsInitialGradient: a decoder's h0 is
//                      the encoder's last state, so its gradient flows on into the encoder
// Parameters: Wx [G·H, F], Wh [G·H, H], b [G·H] — gate blocks of H rows, as in PyTorch's
// weight_ih / weight_hh, so a tf.js kernel is the transpose of Wx.
import { floats } from '../floats.ts';
import type { Floats, Precision } from '../floats.ts';
import { matmulTransAAdd, place, scratchView } from '../kernels/matrix.ts';
import type { MatrixView } from '../kernels/matrix.ts';

/**
 * Every recurrent cell there is: the one list the settings schema, the model file and the
 * network check use.
 */
export const CELL_KINDS = ['rnn', 'lstm', 'gru'] as const;

export type CellKind = (typeof CELL_KINDS)[number];

export interface LayerParams {
  Wx: Floats;
  Wh: Floats;
  b: Floats;
}

export interface LayerTape {
  readonly maxBatch: number;
  readonly steps: number;
  readonly inputSize: number;
  readonly hiddenSize: number;
  gates: Floats;
  h: Floats;
  h0: Floats;
  dh: Floats;
  da: Floats;
  dh0: Floats;
  /** Set by a caller whose h0 is itself computed (a decoder's): the walk back to step 0 then fills dh0. */
  wantsInitialGradient: boolean;
}

export interface Cell<Tape extends LayerTape = LayerTape> {
  readonly kind: CellKind;
  /** G: how many gate blocks of H rows the weight matrices stack. */
  readonly gateCount: number;
  createTape(
    maxBatch: number,
    steps: number,
    inputSize: number,
    hiddenSize: number,
    precision: Precision,
  ): Tape;
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
  precision: Precision,
): LayerTape {
  const GH = gateCount * hiddenSize;
  return {
    maxBatch,
    steps,
    inputSize,
    hiddenSize,
    gates: floats(precision, steps * maxBatch * GH),
    h: floats(precision, steps * maxBatch * hiddenSize),
    h0: floats(precision, maxBatch * hiddenSize),
    dh: floats(precision, steps * maxBatch * hiddenSize),
    da: floats(precision, steps * maxBatch * GH),
    dh0: floats(precision, maxBatch * hiddenSize),
    wantsInitialGradient: false,
  };
}

// h_{t−1} for batch row 0 is previousHidden(tape, t) at previousOffset(tape, t, B); rows
// are H apart in both h and h0. Two functions rather than a tuple: no allocation per step.
export function previousHidden(tape: LayerTape, t: number): Floats {
  return t === 0 ? tape.h0 : tape.h;
}

export function previousOffset(tape: LayerTape, t: number, B: number): number {
  return t === 0 ? 0 : (t - 1) * B * tape.hiddenSize;
}

/**
 * Where ∂L/∂h_{t−1} goes when step t is walked back: dh's step t − 1, or dh0 from step 0
 * when the tape wants it; null at the first step walked otherwise. Rows start at
 * previousOffset(tape, t, B), as with previousHidden.
 */
export function previousGradient(tape: LayerTape, t: number, firstStep: number): Floats | null {
  if (t > firstStep) return tape.dh;
  return t === 0 && tape.wantsInitialGradient ? tape.dh0 : null;
}

// Views for the cells. Time-major buffers are matrices [T·B, width] whose step t is rows
// t·B … t·B + B − 1, so one step and a run of steps are both plain row ranges.

/** rows × width of a time-major buffer (h, h0, dh, …) from row row0. */
export function rowsOf(v: MatrixView, buf: Floats, row0: number, rows: number, width: number): MatrixView {
  return place(v, buf, row0 * width, rows, width);
}

/**
 * Gate blocks first … first + count − 1 (H columns each) of rows row0 … row0 + rows − 1 of
 * gates or da [T·B, G·H].
 */
export function gateColumns(
  v: MatrixView,
  buf: Floats,
  row0: number,
  rows: number,
  H: number,
  G: number,
  first: number,
  count: number,
): MatrixView {
  return place(v, buf, row0 * G * H + first * H, rows, count * H, G * H);
}

/**
 * Gate blocks first … first + count − 1 (H rows each) of a weight matrix [G·H, cols]:
 * Wx, Wh, dWx or dWh.
 */
export function gateRows(
  v: MatrixView,
  W: Floats,
  H: number,
  cols: number,
  first: number,
  count: number,
): MatrixView {
  return place(v, W, first * H * cols, count * H, cols);
}

/** h_{t−1} of step t as B rows of H: h0 at t = 0. */
export function previousHiddenRows(v: MatrixView, tape: LayerTape, t: number, B: number): MatrixView {
  return place(v, previousHidden(tape, t), previousOffset(tape, t, B), B, tape.hiddenSize);
}

// Scratch views of accumulateAgainstPreviousHidden, re-pointed per call (no allocation).
const dWhBlock = scratchView(),
  daBlock = scratchView(),
  hPrev = scratchView();

/**
 * The recurrent-weight gradient of gate blocks first … first + count − 1 when they
 * multiply h_{t−1}: dWh += Σ_t da_tᵀ·h_{t−1}. Time-major rows make steps 1 … T−1 one
 * matmul against h shifted back B rows; step 0 pairs with h0.
 */
export function accumulateAgainstPreviousHidden(
  gWh: Floats,
  first: number,
  count: number,
  tape: LayerTape,
  B: number,
  firstStep: number,
): void {
  const H = tape.hiddenSize,
    G = tape.gates.length / (tape.steps * tape.maxBatch * H);
  const from = Math.max(firstStep, 1);
  const n = (tape.steps - from) * B;
  if (n > 0)
    matmulTransAAdd(
      gateRows(dWhBlock, gWh, H, H, first, count),
      gateColumns(daBlock, tape.da, from * B, n, H, G, first, count),
      rowsOf(hPrev, tape.h, (from - 1) * B, n, H),
    );
  if (firstStep === 0)
    matmulTransAAdd(
      gateRows(dWhBlock, gWh, H, H, first, count),
      gateColumns(daBlock, tape.da, 0, B, H, G, first, count),
      rowsOf(hPrev, tape.h0, 0, B, H),
    );
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
