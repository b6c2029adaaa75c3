// The decoder of a sequence-to-sequence network: one recurrent layer that starts from the
// encoder's last state (h, and c for an LSTM) and unrolls K steps, one per forecast step.
// Step k reads [its previous output, the known-future values at step k]; one dense unit on
// its state gives forecast k.
//
// Teacher forcing: in training the previous output fed to step k is the true value of
// step k − 1, so all K steps' inputs are known at once and the layer runs as one pass.
// In forecasting there is no true value: each step is fed the output the decoder itself
// gave the step before, one step at a time. Step 0 is fed 0, a start symbol, either way.
import { floats } from './floats.ts';
import type { Floats } from './floats.ts';
import type { LayerTape } from './cells/cell.ts';
import type { LstmTape } from './cells/lstm.ts';
import type { Encoder } from './encoder.ts';
import { lastCellState } from './encoder.ts';
import { backwardLayer, forwardLayer, forwardStep } from './layer.ts';
import { decoderInputSize, encoderWidth } from './network.ts';
import type { LayerParams } from './cells/cell.ts';
import type { Network } from './network.ts';

export interface Decoder {
  readonly tape: LayerTape;
  /** Time-major [K, B, 1 + C]: each step's previous output and known-future values. */
  readonly inputs: Floats;
  /** Whether the last forward pass fed the true previous values (training) or its own. */
  teacherForced: boolean;
}

export function createDecoder(net: Network, maxBatch: number): Decoder | null {
  const decoder = net.config.decoder;
  if (!decoder) return null;
  const K = net.config.outputs;
  const D = decoderInputSize(decoder);
  const tape = net.cell.createTape(maxBatch, K, D, encoderWidth(net.config), net.precision);
  tape.wantsInitialGradient = true;
  return {
    tape,
    inputs: floats(net.precision, K * maxBatch * D),
    teacherForced: false,
  };
}

/** out[b·K + k] = head.b + head.W·h_k for one decoder step k. */
function headStep(net: Network, dec: Decoder, B: number, k: number, out: Floats): void {
  const W = dec.tape.hiddenSize,
    K = net.config.outputs;
  const h = dec.tape.h,
    w = net.head.W,
    bias = net.head.b[0]!;
  for (let b = 0; b < B; b++) {
    let sum = bias;
    const row = (k * B + b) * W;
    for (let j = 0; j < W; j++) sum += w[j]! * h[row + j]!;
    out[b * K + k] = sum;
  }
}

/**
 * Unrolls the decoder from the encoder's state. lastStep is the window's last step,
 * time-major rows [B, F] of `window` from row lastRow, whose lead columns give the
 * known-future values. With `teacher` ([B, K] true values from teacherOffset) the steps
 * read the truth; without, their own outputs. Writes out [B, K].
 */
export function forwardDecoder(
  net: Network,
  dec: Decoder,
  enc: Encoder,
  window: Floats,
  lastRow: number,
  B: number,
  T: number,
  teacher: Floats | null,
  teacherOffset: number,
  out: Floats,
): void {
  const { inputSize: F, outputs: K } = net.config;
  const leads = net.config.decoder!.leadColumns;
  const D = 1 + leads.length;
  const W = dec.tape.hiddenSize;
  const tape = dec.tape;
  for (let i = 0; i < B * W; i++) tape.h0[i] = enc.encoded[i]!;
  if (net.config.cell === 'lstm') lastCellState(net, enc, B, T, (tape as LstmTape).c0, 'read');
  const x = dec.inputs;
  for (let k = 0; k < K; k++)
    for (let b = 0; b < B; b++) {
      const row = (k * B + b) * D,
        last = (lastRow + b) * F;
      x[row] = k === 0 ? 0 : teacher ? teacher[teacherOffset + b * K + k - 1]! : 0;
      for (let c = 0; c < leads.length; c++) x[row + 1 + c] = window[last + leads[c]! + k]!;
    }
  dec.teacherForced = teacher !== null;
  const p = net.decoder!;
  if (teacher) {
    forwardLayer(net.cell, p, tape, x, B);
    for (let k = 0; k < K; k++) headStep(net, dec, B, k, out);
    return;
  }
  for (let k = 0; k < K; k++) {
    forwardStep(net.cell, p, tape, x, B, k);
    headStep(net, dec, B, k, out);
    if (k + 1 < K) for (let b = 0; b < B; b++) x[((k + 1) * B + b) * D] = out[b * K + k]!;
  }
}

/**
 * Backpropagates dOut [B, K] through the head and the decoder into `g` (decoder and head
 * views), and leaves ∂L/∂(encoder state) in enc.dEncoded (and the LSTM cell state's in
 * the encoder's top tapes). The decoder's inputs are data, teacher-forced or not: as in
 * scheduled sampling, no gradient flows back through a fed-back output.
 */
export function backwardDecoder(
  net: Network,
  dec: Decoder,
  enc: Encoder,
  g: { decoder: LayerParams | null; head: { W: Floats; b: Floats } },
  dOut: Floats,
  B: number,
  T: number,
): void {
  const K = net.config.outputs;
  const tape = dec.tape;
  const W = tape.hiddenSize;
  const { h, dh } = tape;
  const w = net.head.W;
  dh.fill(0, 0, K * B * W);
  for (let k = 0; k < K; k++)
    for (let b = 0; b < B; b++) {
      const d = dOut[b * K + k]!;
      const row = (k * B + b) * W;
      g.head.b[0] = g.head.b[0]! + d;
      for (let j = 0; j < W; j++) {
        g.head.W[j] = g.head.W[j]! + d * h[row + j]!;
        dh[row + j] = d * w[j]!;
      }
    }
  backwardLayer(net.cell, net.decoder!, g.decoder!, tape, dec.inputs, null, B, 0, null);
  for (let i = 0; i < B * W; i++) enc.dEncoded[i] = tape.dh0[i]!;
  // After the walk to step 0 an LSTM tape's dc holds ∂L/∂c0, the encoder's last cell state.
  if (net.config.cell === 'lstm') lastCellState(net, enc, B, T, (tape as LstmTape).dc, 'seed-gradient');
}
