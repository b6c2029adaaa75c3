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
import {
  accumulateAgainstPreviousHidden,
  addRecurrent,
  allocateTape,
  backpropRecurrent,
  previousHidden,
  previousOffset,
  sigmoid,
} from './cell.ts';
import type { Cell, LayerParams, LayerTape } from './cell.ts';

export interface LstmTape extends LayerTape {
  c: Float64Array; // [T, B, H] cell states
  tanhC: Float64Array; // [T, B, H] tanh(c_t), kept for the backward pass
  c0: Float64Array; // [B, H] c_{−1}
  dc: Float64Array; // [B, H] ∂L/∂c carried backwards one step at a time
}

function stepForward(p: LayerParams, tape: LstmTape, t: number, B: number): void {
  const H = tape.hiddenSize,
    GH = 4 * H;
  const gOff = t * B * GH;
  const a = tape.gates;
  const prev = previousHidden(tape, t),
    prevOff = previousOffset(tape, t, B);
  addRecurrent(p.Wh, 0, GH, H, prev, prevOff, B, a, gOff, GH);

  const { c, tanhC, h } = tape;
  const cPrev = t === 0 ? tape.c0 : c,
    cPrevOff = t === 0 ? 0 : (t - 1) * B * H;
  const sOff = t * B * H;
  for (let r = 0; r < B; r++) {
    const row = gOff + r * GH;
    for (let j = 0; j < H; j++) {
      const i = sigmoid(a[row + j]!);
      const f = sigmoid(a[row + H + j]!);
      const g = Math.tanh(a[row + 2 * H + j]!);
      const o = sigmoid(a[row + 3 * H + j]!);
      a[row + j] = i;
      a[row + H + j] = f;
      a[row + 2 * H + j] = g;
      a[row + 3 * H + j] = o;
      const s = r * H + j;
      const ct = f * cPrev[cPrevOff + s]! + i * g;
      const tc = Math.tanh(ct);
      c[sOff + s] = ct;
      tanhC[sOff + s] = tc;
      h[sOff + s] = o * tc;
    }
  }
}

function stepBackward(p: LayerParams, tape: LstmTape, t: number, B: number, firstStep: number): void {
  const H = tape.hiddenSize,
    GH = 4 * H;
  const gOff = t * B * GH,
    sOff = t * B * H;
  const { gates, tanhC, dh, dc, da } = tape;
  const cPrev = t === 0 ? tape.c0 : tape.c,
    cPrevOff = t === 0 ? 0 : (t - 1) * B * H;
  if (t === tape.steps - 1) dc.fill(0, 0, B * H);
  for (let r = 0; r < B; r++) {
    const row = gOff + r * GH;
    for (let j = 0; j < H; j++) {
      const s = r * H + j;
      const i = gates[row + j]!,
        f = gates[row + H + j]!,
        g = gates[row + 2 * H + j]!,
        o = gates[row + 3 * H + j]!;
      const tc = tanhC[sOff + s]!,
        dht = dh[sOff + s]!;
      const dct = dc[s]! + dht * o * (1 - tc * tc);
      da[row + j] = dct * g * i * (1 - i);
      da[row + H + j] = dct * cPrev[cPrevOff + s]! * f * (1 - f);
      da[row + 2 * H + j] = dct * i * (1 - g * g);
      da[row + 3 * H + j] = dht * tc * o * (1 - o);
      dc[s] = dct * f;
    }
  }
  if (t > firstStep) backpropRecurrent(p.Wh, 0, GH, H, da, gOff, GH, B, dh, (t - 1) * B * H);
}

export const lstmCell: Cell<LstmTape> = {
  kind: 'lstm',
  gateCount: 4,
  createTape(maxBatch, steps, inputSize, hiddenSize) {
    const n = steps * maxBatch * hiddenSize;
    return {
      ...allocateTape(maxBatch, steps, inputSize, hiddenSize, 4),
      c: new Float64Array(n),
      tanhC: new Float64Array(n),
      c0: new Float64Array(maxBatch * hiddenSize),
      dc: new Float64Array(maxBatch * hiddenSize),
    };
  },
  stepForward,
  stepBackward,
  accumulateRecurrentWeights: (g, tape, B, firstStep) =>
    accumulateAgainstPreviousHidden(g.Wh, 0, 4 * tape.hiddenSize, tape, B, firstStep),
};
