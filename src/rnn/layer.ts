// Drives one recurrent layer over a whole sequence: the input-side matmuls for all steps
// at once (one big gemm each, which is where the FLOPs are cheapest), and the cell's own
// steps in between. Inputs and input gradients are time-major matrices [T·B, F].
import type { Floats } from './floats.ts';
import type { Cell, LayerParams, LayerTape } from './cells/cell.ts';
import { rowsOf } from './cells/cell.ts';
import { matmulAdd, matmulTransAAdd, matmulTransBAdd, scratchView, sumRowsAdd } from './kernels/matrix.ts';
import { pinWeights, unpinWeights } from './kernels/pinned-weights.ts';

// Scratch views, re-pointed per call so that a pass allocates nothing.
const gatesAll = scratchView(),
  inputAll = scratchView(),
  Wx = scratchView(),
  bias = scratchView();

export function forwardLayer(cell: Cell, p: LayerParams, tape: LayerTape, input: Floats, B: number): void {
  const { steps: T, inputSize: F } = tape;
  const GH = cell.gateCount * tape.hiddenSize;
  const rows = T * B;
  const a = tape.gates;
  for (let r = 0; r < rows; r++) a.set(p.b, r * GH);
  // a = b + x·Wxᵀ for every step at once; the cell adds the recurrent part step by step.
  matmulTransBAdd(
    rowsOf(gatesAll, a, 0, rows, GH),
    rowsOf(inputAll, input, 0, rows, F),
    rowsOf(Wx, p.Wx, 0, GH, F),
  );
  // Wh stays in the kernels' memory for all T steps rather than being copied in at each
  // (and, for a narrow Wh, its transpose: the steps read Wh transposed; pinned-weights.ts).
  pinWeights(p.Wh, 0, p.Wh.length, tape.hiddenSize);
  try {
    for (let t = 0; t < T; t++) cell.stepForward(p, tape, t, B);
  } finally {
    unpinWeights();
  }
}

/**
 * One step t of forwardLayer, for a decoder that feeds each output back as the next input:
 * only step t's input rows need to be in place.
 */
export function forwardStep(
  cell: Cell,
  p: LayerParams,
  tape: LayerTape,
  input: Floats,
  B: number,
  t: number,
): void {
  const F = tape.inputSize;
  const GH = cell.gateCount * tape.hiddenSize;
  const a = tape.gates;
  for (let r = t * B; r < (t + 1) * B; r++) a.set(p.b, r * GH);
  matmulTransBAdd(
    rowsOf(gatesAll, a, t * B, B, GH),
    rowsOf(inputAll, input, t * B, B, F),
    rowsOf(Wx, p.Wx, 0, GH, F),
  );
  cell.stepForward(p, tape, t, B);
}

/**
 * Walks steps T−1 … firstStep back (dh must already hold what flows in from above), then
 * accumulates db, dWx, dWh and, when dInput is given, ∂L/∂input into it.
 * norms[t], when norms are asked for, receives ‖∂L/∂h_t‖ over the batch.
 */
export function backwardLayer(
  cell: Cell,
  p: LayerParams,
  g: LayerParams,
  tape: LayerTape,
  input: Floats,
  dInput: Floats | null,
  B: number,
  firstStep: number,
  norms: Floats | null,
): void {
  const { steps: T, inputSize: F, hiddenSize: H } = tape;
  const GH = cell.gateCount * H;
  norms?.fill(0);
  if (tape.wantsInitialGradient) tape.dh0.fill(0, 0, B * H);
  const dh = tape.dh;
  pinWeights(p.Wh, 0, p.Wh.length);
  try {
    for (let t = T - 1; t >= firstStep; t--) {
      if (norms) {
        // Inline, not a helper: a double returned from a call is boxed, one allocation a step.
        let sum = 0;
        for (let i = t * B * H, end = (t + 1) * B * H; i < end; i++) sum += dh[i]! * dh[i]!;
        norms[t] = Math.sqrt(sum);
      }
      cell.stepBackward(p, tape, t, B, firstStep);
    }
  } finally {
    unpinWeights();
  }
  const r0 = firstStep * B,
    n = (T - firstStep) * B;
  const da = tape.da;
  // db += Σ_t Σ_rows da
  sumRowsAdd(rowsOf(bias, g.b, 0, 1, GH), rowsOf(gatesAll, da, r0, n, GH));
  // dWx += Σ_t da_tᵀ·x_t over the walked steps
  matmulTransAAdd(
    rowsOf(Wx, g.Wx, 0, GH, F),
    rowsOf(gatesAll, da, r0, n, GH),
    rowsOf(inputAll, input, r0, n, F),
  );
  cell.accumulateRecurrentWeights(g, tape, B, firstStep);
  // ∂L/∂x_t += da_t·Wx
  if (dInput)
    matmulAdd(
      rowsOf(inputAll, dInput, r0, n, F),
      rowsOf(gatesAll, da, r0, n, GH),
      rowsOf(Wx, p.Wx, 0, GH, F),
    );
}
