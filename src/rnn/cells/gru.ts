// GRU cell in the convention tf.js and Keras use with reset_after = false: the reset gate
// scales h_{t−1} *before* the recurrent matmul of the candidate. Gates in the order z, r, n.
//
//   z = σ(Wx_z·x_t + Wh_z·h_{t−1} + b_z)
//   r = σ(Wx_r·x_t + Wh_r·h_{t−1} + b_r)
//   n = tanh(Wx_n·x_t + Wh_n·(r ⊙ h_{t−1}) + b_n)
//   h_t = z ⊙ h_{t−1} + (1 − z) ⊙ n
//
// Backward, for step t with dh = ∂L/∂h_t:
//   da_z = dh ⊙ (h_{t−1} − n) ⊙ z(1 − z)      da_n = dh ⊙ (1 − z) ⊙ (1 − n²)
//   d(rh) = da_n·Wh_n                          da_r = d(rh) ⊙ h_{t−1} ⊙ r(1 − r)
//   dWh_zr += [da_z da_r]ᵀ·h_{t−1}             dWh_n += da_nᵀ·(r ⊙ h_{t−1})
//   dh_{t−1} += dh ⊙ z + d(rh) ⊙ r + [da_z da_r]·Wh_zr
// with the weight sums over all steps done after the walk (input side in layer.ts).
import {
  accumulateAgainstPreviousHidden,
  accumulateWeights,
  addRecurrent,
  allocateTape,
  backpropRecurrent,
  previousHidden,
  previousOffset,
  sigmoid,
} from './cell.ts';
import type { Cell, LayerParams, LayerTape } from './cell.ts';

export interface GruTape extends LayerTape {
  rh: Float64Array; // [T, B, H] r ⊙ h_{t−1}, the candidate's recurrent input
  drh: Float64Array; // [B, H] ∂L/∂(r ⊙ h_{t−1}) of the step being walked back
}

function stepForward(p: LayerParams, tape: GruTape, t: number, B: number): void {
  const H = tape.hiddenSize,
    GH = 3 * H;
  const gOff = t * B * GH,
    sOff = t * B * H;
  const { gates: a, rh, h } = tape;
  const prev = previousHidden(tape, t),
    prevOff = previousOffset(tape, t, B);
  addRecurrent(p.Wh, 0, 2 * H, H, prev, prevOff, B, a, gOff, GH);
  for (let r = 0; r < B; r++) {
    const row = gOff + r * GH;
    for (let j = 0; j < H; j++) {
      a[row + j] = sigmoid(a[row + j]!);
      const rg = sigmoid(a[row + H + j]!);
      a[row + H + j] = rg;
      rh[sOff + r * H + j] = rg * prev[prevOff + r * H + j]!;
    }
  }
  addRecurrent(p.Wh, 2 * H, H, H, rh, sOff, B, a, gOff + 2 * H, GH);
  for (let r = 0; r < B; r++) {
    const row = gOff + r * GH;
    for (let j = 0; j < H; j++) {
      const n = Math.tanh(a[row + 2 * H + j]!);
      a[row + 2 * H + j] = n;
      const z = a[row + j]!;
      const s = r * H + j;
      h[sOff + s] = z * prev[prevOff + s]! + (1 - z) * n;
    }
  }
}

function stepBackward(p: LayerParams, tape: GruTape, t: number, B: number, firstStep: number): void {
  const H = tape.hiddenSize,
    GH = 3 * H;
  const gOff = t * B * GH,
    sOff = t * B * H;
  const { gates, dh, da, drh } = tape;
  const prev = previousHidden(tape, t),
    prevOff = previousOffset(tape, t, B);
  for (let r = 0; r < B; r++) {
    const row = gOff + r * GH;
    for (let j = 0; j < H; j++) {
      const s = r * H + j;
      const z = gates[row + j]!,
        n = gates[row + 2 * H + j]!;
      const dht = dh[sOff + s]!;
      da[row + j] = dht * (prev[prevOff + s]! - n) * z * (1 - z);
      da[row + 2 * H + j] = dht * (1 - z) * (1 - n * n);
    }
  }
  drh.fill(0, 0, B * H);
  backpropRecurrent(p.Wh, 2 * H, H, H, da, gOff + 2 * H, GH, B, drh, 0);
  for (let r = 0; r < B; r++) {
    const row = gOff + r * GH;
    for (let j = 0; j < H; j++) {
      const rg = gates[row + H + j]!;
      da[row + H + j] = drh[r * H + j]! * prev[prevOff + r * H + j]! * rg * (1 - rg);
    }
  }
  if (t > firstStep) {
    const dPrevOff = (t - 1) * B * H;
    for (let r = 0; r < B; r++) {
      const row = gOff + r * GH;
      for (let j = 0; j < H; j++) {
        const s = r * H + j;
        dh[dPrevOff + s] += dh[sOff + s]! * gates[row + j]! + drh[s]! * gates[row + H + j]!;
      }
    }
    backpropRecurrent(p.Wh, 0, 2 * H, H, da, gOff, GH, B, dh, dPrevOff);
  }
}

/** dWh_zr pairs da_t with h_{t−1}; dWh_n pairs it with r ⊙ h_{t−1}, stored row-aligned with da. */
function accumulateRecurrentWeights(g: LayerParams, tape: GruTape, B: number, firstStep: number): void {
  const H = tape.hiddenSize,
    GH = 3 * H;
  accumulateAgainstPreviousHidden(g.Wh, 0, 2 * H, tape, B, firstStep);
  const n = (tape.steps - firstStep) * B;
  accumulateWeights(
    g.Wh,
    2 * H,
    H,
    H,
    tape.da,
    firstStep * B * GH + 2 * H,
    GH,
    tape.rh,
    firstStep * B * H,
    n,
  );
}

export const gruCell: Cell<GruTape> = {
  kind: 'gru',
  gateCount: 3,
  createTape(maxBatch, steps, inputSize, hiddenSize) {
    return {
      ...allocateTape(maxBatch, steps, inputSize, hiddenSize, 3),
      rh: new Float64Array(steps * maxBatch * hiddenSize),
      drh: new Float64Array(maxBatch * hiddenSize),
    };
  },
  stepForward,
  stepBackward,
  accumulateRecurrentWeights,
};
