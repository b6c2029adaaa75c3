// Elman RNN cell — the simplest recurrence, and the one the worked example unrolls.
//
//   a_t = Wx·x_t + Wh·h_{t−1} + b        a, h: [B, H]
//   h_t = act(a_t)                       act ∈ {tanh, ReLU}
//
// Backward, for step t with dh = ∂L/∂h_t:
//   da    = dh ⊙ act′(a_t)               tanh′ = 1 − h², ReLU′ = [h > 0]
//   dWx  += daᵀ·x_t   dWh += daᵀ·h_{t−1}   db += Σ_b da
//   dx_t += da·Wx     dh_{t−1} += da·Wh
import {
  accumulateRecurrentWeights, addRecurrent, allocateTape, backpropInput, backpropRecurrent,
  previousHidden, projectInput,
} from './cell.ts';
import type { Cell, LayerParams, LayerTape, SequenceView } from './cell.ts';

export type RnnActivation = 'tanh' | 'relu';

export function createRnnCell(activation: RnnActivation): Cell {
  const relu = activation === 'relu';

  function stepForward(p: LayerParams, tape: LayerTape, input: SequenceView, t: number, B: number): void {
    const H = tape.hiddenSize;
    const off = t * B * H;
    const a = tape.gates;
    projectInput(p, input, t, B, tape.inputSize, H, a, off);
    const [prev, prevOff] = previousHidden(tape, t, B);
    addRecurrent(p.Wh, 0, H, H, prev, prevOff, B, a, off, H);
    const h = tape.h;
    const n = B * H;
    if (relu) for (let i = 0; i < n; i++) { const v = a[off + i]!; h[off + i] = v > 0 ? v : 0; }
    else for (let i = 0; i < n; i++) h[off + i] = Math.tanh(a[off + i]!);
  }

  function stepBackward(
    p: LayerParams, g: LayerParams, tape: LayerTape, input: SequenceView, dInput: SequenceView | null,
    t: number, B: number, firstStep: number,
  ): void {
    const H = tape.hiddenSize;
    const off = t * B * H;
    const { h, dh, da } = tape;
    const n = B * H;
    if (relu) for (let i = 0; i < n; i++) da[i] = h[off + i]! > 0 ? dh[off + i]! : 0;
    else for (let i = 0; i < n; i++) { const v = h[off + i]!; da[i] = dh[off + i]! * (1 - v * v); }

    backpropInput(p, g, da, input, dInput, t, B, tape.inputSize, H);
    const [prev, prevOff] = previousHidden(tape, t, B);
    accumulateRecurrentWeights(g.Wh, 0, H, H, da, 0, H, prev, prevOff, B);
    if (t > firstStep) backpropRecurrent(p.Wh, 0, H, H, da, 0, H, B, dh, (t - 1) * B * H);
  }

  return {
    kind: 'rnn',
    gateCount: 1,
    createTape: (maxBatch, steps, inputSize, hiddenSize) => allocateTape(maxBatch, steps, inputSize, hiddenSize, 1),
    stepForward,
    stepBackward,
  };
}
