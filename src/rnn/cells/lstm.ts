// LSTM cell, gates in the order i, f, g, o (Keras/tf.js and PyTorch agree on it).
//
//   [a_i a_f a_g a_o] = Wx·x_t + Wh·h_{t−1} + b          each block [B, H]
//   i = σ(a_i)   f = σ(a_f)   g = tanh(a_g)   o = σ(a_o)
//   c_t = f ⊙ c_{t−1} + i ⊙ g
//   h_t = o ⊙ tanh(c_t)
//
// Backward, for step t with dh = ∂L/∂h_t and dc = ∂L/∂c_t carried from step t + 1:
//   dc  += dh ⊙ o ⊙ (1 − tanh²c_t)
//   da_o = dh ⊙ tanh c_t ⊙ o(1 − o)     da_i = dc ⊙ g ⊙ i(1 − i)
//   da_g = dc ⊙ i ⊙ (1 − g²)            da_f = dc ⊙ c_{t−1} ⊙ f(1 − f)
//   dc_{t−1} = dc ⊙ f,   dh_{t−1} += da·Wh
// and, after the walk, over all steps: dWh += Σ daᵀ·h_{t−1} (input side in layer.ts).
// The forget-gate bias starts at 1 (see init.ts) so memory flows early in training.
import { floats } from '../floats.ts';
import type { Floats } from '../floats.ts';
import { lstmBackGates, lstmStepGates, onGateKernels } from '../kernels/gate-kernels.ts';
import { matmulAdd, matmulTransBAdd, scratchView } from '../kernels/matrix.ts';
import {
  accumulateAgainstPreviousHidden,
  allocateTape,
  gateColumns,
  gateRows,
  previousGradient,
  previousHiddenRows,
  previousOffset,
  rowsOf,
  sigmoid,
} from './cell.ts';
import type { Cell, LayerParams, LayerTape } from './cell.ts';

/** Gate blocks, in the order of the header: H rows each of Wx, Wh, b; H columns of gates, da. */
const I = 0,
  F = 1,
  G = 2,
  O = 3,
  GATES = 4;

export interface LstmTape extends LayerTape {
  c: Floats; // [T, B, H] cell states
  tanhC: Floats; // [T, B, H] tanh(c_t), kept for the backward pass
  c0: Floats; // [B, H] c_{−1}
  dc: Floats; // [B, H] ∂L/∂c carried backwards one step at a time; ∂L/∂c0 after a walk to step 0
  dcLast: Floats; // [B, H] ∂L/∂c_{T−1} from outside the layer (a decoder's c0), zeros otherwise
}

// Scratch views, re-pointed each step so that the step allocates nothing.
const allGates = scratchView(),
  Wh = scratchView(),
  hPrev = scratchView(),
  dhPrev = scratchView();

function stepForward(p: LayerParams, tape: LstmTape, t: number, B: number): void {
  const H = tape.hiddenSize,
    GH = GATES * H;
  const a = tape.gates;
  // [a_i a_f a_g a_o] += h_{t−1}·Whᵀ; they already hold Wx·x_t + b (layer.ts).
  matmulTransBAdd(
    gateColumns(allGates, a, t * B, B, H, GATES, I, GATES),
    previousHiddenRows(hPrev, tape, t, B),
    gateRows(Wh, p.Wh, H, H, I, GATES),
  );

  const { c, tanhC, h } = tape;
  const cPrev = t === 0 ? tape.c0 : c,
    cPrevOff = t === 0 ? 0 : (t - 1) * B * H;
  const sOff = t * B * H;
  if (onGateKernels(a, H)) {
    lstmStepGates(a, t * B * GH, cPrev, cPrevOff, c, tanhC, h, sOff, B, H);
    return;
  }
  for (let r = 0; r < B; r++) {
    const [ai, af, ag, ao] = gateStarts((t * B + r) * GH, H);
    for (let j = 0; j < H; j++) {
      const i = sigmoid(a[ai + j]!);
      const f = sigmoid(a[af + j]!);
      const g = Math.tanh(a[ag + j]!);
      const o = sigmoid(a[ao + j]!);
      a[ai + j] = i;
      a[af + j] = f;
      a[ag + j] = g;
      a[ao + j] = o;
      const s = r * H + j;
      const ct = f * cPrev[cPrevOff + s]! + i * g;
      const tc = Math.tanh(ct);
      c[sOff + s] = ct;
      tanhC[sOff + s] = tc;
      h[sOff + s] = o * tc;
    }
  }
}

/** Where each gate's H values start in row `row` of a gate tensor, in equation order i, f, g, o. */
function gateStarts(row: number, H: number): [number, number, number, number] {
  return [row + I * H, row + F * H, row + G * H, row + O * H];
}

function stepBackward(p: LayerParams, tape: LstmTape, t: number, B: number, firstStep: number): void {
  const H = tape.hiddenSize,
    GH = GATES * H;
  const sOff = t * B * H;
  const { gates, tanhC, dh, dc, da } = tape;
  const cPrev = t === 0 ? tape.c0 : tape.c,
    cPrevOff = t === 0 ? 0 : (t - 1) * B * H;
  if (t === tape.steps - 1) for (let s = 0; s < B * H; s++) dc[s] = tape.dcLast[s]!;
  if (onGateKernels(gates, H))
    lstmBackGates(gates, t * B * GH, tanhC, dh, sOff, dc, cPrev, cPrevOff, da, B, H);
  else
    for (let r = 0; r < B; r++) {
      const [ai, af, ag, ao] = gateStarts((t * B + r) * GH, H);
      for (let j = 0; j < H; j++) {
        const s = r * H + j;
        const i = gates[ai + j]!,
          f = gates[af + j]!,
          g = gates[ag + j]!,
          o = gates[ao + j]!;
        const tc = tanhC[sOff + s]!,
          dht = dh[sOff + s]!;
        const dct = dc[s]! + dht * o * (1 - tc * tc);
        da[ai + j] = dct * g * i * (1 - i);
        da[af + j] = dct * cPrev[cPrevOff + s]! * f * (1 - f);
        da[ag + j] = dct * i * (1 - g * g);
        da[ao + j] = dht * tc * o * (1 - o);
        dc[s] = dct * f;
      }
    }
  // dh_{t−1} += da·Wh
  const dPrev = previousGradient(tape, t, firstStep);
  if (dPrev)
    matmulAdd(
      rowsOf(dhPrev, dPrev, previousOffset(tape, t, B) / H, B, H),
      gateColumns(allGates, da, t * B, B, H, GATES, I, GATES),
      gateRows(Wh, p.Wh, H, H, I, GATES),
    );
}

export const lstmCell: Cell<LstmTape> = {
  kind: 'lstm',
  gateCount: GATES,
  createTape(maxBatch, steps, inputSize, hiddenSize, precision) {
    const n = steps * maxBatch * hiddenSize;
    return {
      ...allocateTape(maxBatch, steps, inputSize, hiddenSize, GATES, precision),
      c: floats(precision, n),
      tanhC: floats(precision, n),
      c0: floats(precision, maxBatch * hiddenSize),
      dc: floats(precision, maxBatch * hiddenSize),
      dcLast: floats(precision, maxBatch * hiddenSize),
    };
  },
  stepForward,
  stepBackward,
  accumulateRecurrentWeights: (g, tape, B, firstStep) =>
    accumulateAgainstPreviousHidden(g.Wh, I, GATES, tape, B, firstStep),
};
