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
import { floats } from '../floats.ts';
import type { Floats } from '../floats.ts';
import {
  gruBackGates,
  gruBackReset,
  gruNewState,
  gruResetGates,
  onGateKernels,
} from '../kernels/gate-kernels.ts';
import { matmulAdd, matmulTransAAdd, matmulTransBAdd, scratchView } from '../kernels/matrix.ts';
import {
  accumulateAgainstPreviousHidden,
  allocateTape,
  gateColumns,
  gateRows,
  previousGradient,
  previousHidden,
  previousHiddenRows,
  previousOffset,
  rowsOf,
  sigmoid,
} from './cell.ts';
import type { Cell, LayerParams, LayerTape } from './cell.ts';

/** Gate blocks, in the order of the header: H rows each of Wx, Wh, b; H columns of gates, da. */
const Z = 0,
  R = 1,
  N = 2,
  GATES = 3;

export interface GruTape extends LayerTape {
  rh: Floats; // [T, B, H] r ⊙ h_{t−1}, the candidate's recurrent input
  drh: Floats; // [B, H] ∂L/∂(r ⊙ h_{t−1}) of the step being walked back
}

// Scratch views, re-pointed each step so that the step allocates nothing.
const gateBlock = scratchView(),
  WhBlock = scratchView(),
  hIn = scratchView(),
  dhOut = scratchView();

function stepForward(p: LayerParams, tape: GruTape, t: number, B: number): void {
  const H = tape.hiddenSize,
    GH = GATES * H;
  const sOff = t * B * H;
  const { gates: a, rh, h } = tape;
  const prev = previousHidden(tape, t),
    prevOff = previousOffset(tape, t, B);
  // [a_z a_r] += h_{t−1}·Wh_zrᵀ
  matmulTransBAdd(
    gateColumns(gateBlock, a, t * B, B, H, GATES, Z, 2),
    previousHiddenRows(hIn, tape, t, B),
    gateRows(WhBlock, p.Wh, H, H, Z, 2),
  );
  const fused = onGateKernels(a, H);
  if (fused) gruResetGates(a, t * B * GH, prev, prevOff, rh, sOff, B, H);
  else resetGatesJs(a, prev, prevOff, rh, t, B, H);
  // a_n += (r ⊙ h_{t−1})·Wh_nᵀ
  matmulTransBAdd(
    gateColumns(gateBlock, a, t * B, B, H, GATES, N, 1),
    rowsOf(hIn, rh, t * B, B, H),
    gateRows(WhBlock, p.Wh, H, H, N, 1),
  );
  if (fused) gruNewState(a, t * B * GH, prev, prevOff, h, sOff, B, H);
  else newStateJs(a, prev, prevOff, h, t, B, H);
}

/** z = σ(a_z), r = σ(a_r) in place, rh = r ⊙ h_{t−1}: the JS loop of gruResetGates. */
function resetGatesJs(a: Floats, prev: Floats, prevOff: number, rh: Floats, t: number, B: number, H: number) {
  const GH = GATES * H,
    sOff = t * B * H;
  for (let r = 0; r < B; r++) {
    const row = (t * B + r) * GH;
    const az = row + Z * H,
      ar = row + R * H;
    for (let j = 0; j < H; j++) {
      a[az + j] = sigmoid(a[az + j]!);
      const rg = sigmoid(a[ar + j]!);
      a[ar + j] = rg;
      rh[sOff + r * H + j] = rg * prev[prevOff + r * H + j]!;
    }
  }
}

/** n = tanh(a_n) in place, h = z ⊙ h_{t−1} + (1 − z) ⊙ n: the JS loop of gruNewState. */
function newStateJs(a: Floats, prev: Floats, prevOff: number, h: Floats, t: number, B: number, H: number) {
  const GH = GATES * H,
    sOff = t * B * H;
  for (let r = 0; r < B; r++) {
    const row = (t * B + r) * GH;
    const az = row + Z * H,
      an = row + N * H;
    for (let j = 0; j < H; j++) {
      const n = Math.tanh(a[an + j]!);
      a[an + j] = n;
      const z = a[az + j]!;
      const s = r * H + j;
      h[sOff + s] = z * prev[prevOff + s]! + (1 - z) * n;
    }
  }
}

function stepBackward(p: LayerParams, tape: GruTape, t: number, B: number, firstStep: number): void {
  const H = tape.hiddenSize,
    GH = GATES * H;
  const sOff = t * B * H;
  const { gates, dh, da, drh } = tape;
  const prev = previousHidden(tape, t),
    prevOff = previousOffset(tape, t, B);
  if (onGateKernels(gates, H)) gruBackGates(gates, t * B * GH, dh, sOff, prev, prevOff, da, B, H);
  else
    for (let r = 0; r < B; r++) {
      const row = (t * B + r) * GH;
      const az = row + Z * H,
        an = row + N * H;
      for (let j = 0; j < H; j++) {
        const s = r * H + j;
        const z = gates[az + j]!,
          n = gates[an + j]!;
        const dht = dh[sOff + s]!;
        da[az + j] = dht * (prev[prevOff + s]! - n) * z * (1 - z);
        da[an + j] = dht * (1 - z) * (1 - n * n);
      }
    }
  // d(rh) = da_n·Wh_n
  drh.fill(0, 0, B * H);
  matmulAdd(
    rowsOf(dhOut, drh, 0, B, H),
    gateColumns(gateBlock, da, t * B, B, H, GATES, N, 1),
    gateRows(WhBlock, p.Wh, H, H, N, 1),
  );
  // da_r, and (one pass over the rows, not two) dh_{t−1} += dh ⊙ z + d(rh) ⊙ r; the
  // [da_z da_r]·Wh_zr part follows as a product.
  const dPrev = previousGradient(tape, t, firstStep);
  if (onGateKernels(gates, H)) gruBackReset(gates, t * B * GH, dh, sOff, prev, prevOff, drh, dPrev, da, B, H);
  else
    for (let r = 0; r < B; r++) {
      const row = (t * B + r) * GH;
      const az = row + Z * H,
        ar = row + R * H;
      for (let j = 0; j < H; j++) {
        const s = r * H + j;
        const rg = gates[ar + j]!;
        da[ar + j] = drh[s]! * prev[prevOff + s]! * rg * (1 - rg);
        if (dPrev) dPrev[prevOff + s] = dPrev[prevOff + s]! + (dh[sOff + s]! * gates[az + j]! + drh[s]! * rg);
      }
    }
  if (dPrev)
    matmulAdd(
      rowsOf(dhOut, dPrev, prevOff / H, B, H),
      gateColumns(gateBlock, da, t * B, B, H, GATES, Z, 2),
      gateRows(WhBlock, p.Wh, H, H, Z, 2),
    );
}

/** dWh_zr pairs da_t with h_{t−1}; dWh_n pairs it with r ⊙ h_{t−1}, stored row-aligned with da. */
function accumulateRecurrentWeights(g: LayerParams, tape: GruTape, B: number, firstStep: number): void {
  const H = tape.hiddenSize;
  accumulateAgainstPreviousHidden(g.Wh, Z, 2, tape, B, firstStep);
  const n = (tape.steps - firstStep) * B;
  matmulTransAAdd(
    gateRows(WhBlock, g.Wh, H, H, N, 1),
    gateColumns(gateBlock, tape.da, firstStep * B, n, H, GATES, N, 1),
    rowsOf(hIn, tape.rh, firstStep * B, n, H),
  );
}

export const gruCell: Cell<GruTape> = {
  kind: 'gru',
  gateCount: GATES,
  createTape(maxBatch, steps, inputSize, hiddenSize, precision) {
    return {
      ...allocateTape(maxBatch, steps, inputSize, hiddenSize, GATES, precision),
      rh: floats(precision, steps * maxBatch * hiddenSize),
      drh: floats(precision, maxBatch * hiddenSize),
    };
  },
  stepForward,
  stepBackward,
  accumulateRecurrentWeights,
};
