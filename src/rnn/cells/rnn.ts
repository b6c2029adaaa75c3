// Elman RNN cell — the simplest recurrence, and the one the worked example unrolls.
//
//   a_t = Wx·x_t + Wh·h_{t−1} + b        a, h: [B, H]
//   h_t = act(a_t)                       act ∈ {tanh, ReLU}
//
// Backward, for step t with dh = ∂L/∂h_t:
//   da = dh ⊙ act′(a_t)                  tanh′ = 1 − h², ReLU′ = [h > 0]
//   dh_{t−1} += da·Wh
// and, after the walk, over all steps: dWh += Σ daᵀ·h_{t−1} (input side in layer.ts).
import { onGateKernels, tanhBackInto, tanhInto } from '../kernels/gate-kernels.ts';
import { matmulAdd, matmulTransBAdd, scratchView } from '../kernels/matrix.ts';
import {
  accumulateAgainstPreviousHidden,
  allocateTape,
  previousGradient,
  previousHiddenRows,
  previousOffset,
  rowsOf,
} from './cell.ts';
import type { Cell, LayerParams, LayerTape } from './cell.ts';

/** One gate block: a is [B, H] and Wx, Wh, b are the whole matrices. */
const GATES = 1;

// Scratch views, re-pointed each step so that the step allocates nothing.
const aStep = scratchView(),
  Wh = scratchView(),
  hIn = scratchView(),
  dhPrev = scratchView();

export type RnnActivation = 'tanh' | 'relu';

export function createRnnCell(activation: RnnActivation): Cell {
  const relu = activation === 'relu';

  function stepForward(p: LayerParams, tape: LayerTape, t: number, B: number): void {
    const H = tape.hiddenSize;
    const off = t * B * H;
    const a = tape.gates;
    // a_t += h_{t−1}·Whᵀ; it already holds Wx·x_t + b (layer.ts).
    matmulTransBAdd(
      rowsOf(aStep, a, t * B, B, H),
      previousHiddenRows(hIn, tape, t, B),
      rowsOf(Wh, p.Wh, 0, H, H),
    );
    const h = tape.h;
    const n = B * H;
    if (relu)
      for (let i = 0; i < n; i++) {
        const v = a[off + i]!;
        h[off + i] = v > 0 ? v : 0;
      }
    else if (onGateKernels(a, H)) tanhInto(a, h, off, n);
    else for (let i = 0; i < n; i++) h[off + i] = Math.tanh(a[off + i]!);
  }

  function stepBackward(p: LayerParams, tape: LayerTape, t: number, B: number, firstStep: number): void {
    const H = tape.hiddenSize;
    const off = t * B * H;
    const { h, dh, da } = tape;
    const n = B * H;
    if (relu) for (let i = 0; i < n; i++) da[off + i] = h[off + i]! > 0 ? dh[off + i]! : 0;
    else if (onGateKernels(h, H)) tanhBackInto(h, dh, da, off, n);
    else
      for (let i = 0; i < n; i++) {
        const v = h[off + i]!;
        da[off + i] = dh[off + i]! * (1 - v * v);
      }
    // dh_{t−1} += da·Wh
    const dPrev = previousGradient(tape, t, firstStep);
    if (dPrev)
      matmulAdd(
        rowsOf(dhPrev, dPrev, previousOffset(tape, t, B) / H, B, H),
        rowsOf(aStep, da, t * B, B, H),
        rowsOf(Wh, p.Wh, 0, H, H),
      );
  }

  return {
    kind: 'rnn',
    gateCount: GATES,
    createTape: (maxBatch, steps, inputSize, hiddenSize, precision) =>
      allocateTape(maxBatch, steps, inputSize, hiddenSize, GATES, precision),
    stepForward,
    stepBackward,
    accumulateRecurrentWeights: (g, tape, B, firstStep) =>
      accumulateAgainstPreviousHidden(g.Wh, 0, GATES, tape, B, firstStep),
  };
}
