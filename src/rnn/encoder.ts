// The stacked recurrent layers over a window, read forwards, or both ways when the
// network is bidirectional. Either way the encoder ends in `encoded` [B, W]: the top
// layer's last state (W = H), or its forward and backward last states side by side
// (W = 2H), which is what the head or the decoder reads. The backward pass starts from
// dEncoded, the gradient of that same buffer.
//
// A backward direction runs the ordinary layer driver over a step-reversed copy of its
// input, so its step s is window step T − 1 − s: its last state has read the whole window
// from the end back to the start, as in Keras's Bidirectional.
import { floats } from './floats.ts';
import type { Floats } from './floats.ts';
import type { LayerTape } from './cells/cell.ts';
import type { LstmTape } from './cells/lstm.ts';
import { backwardLayer, forwardLayer } from './layer.ts';
import { encoderWidth } from './network.ts';
import type { Network } from './network.ts';

export interface Encoder {
  /** The forward direction of each layer. */
  readonly tapes: LayerTape[];
  /** The backward direction of each layer; empty unless bidirectional. */
  readonly reverseTapes: LayerTape[];
  /** Per layer, its input with the steps reversed (bidirectional only). */
  readonly reversedInputs: Floats[];
  /** Per layer, ∂L/∂(reversed input) (bidirectional only). */
  readonly reversedInputGrads: Floats[];
  /** Per layer but the top, both directions' states side by side [T, B, 2H], the next layer's input. */
  readonly merged: Floats[];
  readonly mergedGrads: Floats[];
  /** [B, W] the last state(s) of the top layer. */
  readonly encoded: Floats;
  /** [B, W] ∂L/∂encoded, filled by whatever reads the encoder before its backward pass. */
  readonly dEncoded: Floats;
}

export function createEncoder(net: Network, maxBatch: number, steps: number): Encoder {
  const { inputSize, hiddenSize: H, layers, bidirectional } = net.config;
  const W = encoderWidth(net.config);
  const inputWidth = (l: number) => (l === 0 ? inputSize : W);
  const tapes = () =>
    Array.from({ length: layers }, (_, l) =>
      net.cell.createTape(maxBatch, steps, inputWidth(l), H, net.precision),
    );
  const perLayer = (count: number, size: (l: number) => number) =>
    Array.from({ length: count }, (_, l) => floats(net.precision, size(l)));
  const two = bidirectional ? layers : 0;
  const rows = steps * maxBatch;
  return {
    tapes: tapes(),
    reverseTapes: bidirectional ? tapes() : [],
    reversedInputs: perLayer(two, (l) => rows * inputWidth(l)),
    reversedInputGrads: perLayer(two, (l) => (l === 0 ? 0 : rows * W)),
    merged: perLayer(Math.max(0, two - 1), () => rows * W),
    mergedGrads: perLayer(Math.max(0, two - 1), () => rows * W),
    encoded: floats(net.precision, maxBatch * W),
    dEncoded: floats(net.precision, maxBatch * W),
  };
}

function layerInput(enc: Encoder, input: Floats, l: number): Floats {
  if (l === 0) return input;
  return enc.reverseTapes.length > 0 ? enc.merged[l - 1]! : enc.tapes[l - 1]!.h;
}

/** Copies the steps of a time-major [T, B, width] buffer in reverse order: step t to T − 1 − t. */
function reverseSteps(from: Floats, to: Floats, T: number, stepSize: number): void {
  for (let t = 0; t < T; t++) {
    const src = t * stepSize,
      dst = (T - 1 - t) * stepSize;
    for (let i = 0; i < stepSize; i++) to[dst + i] = from[src + i]!;
  }
}

/** Copies rows of width H into columns offset … offset + H − 1 of rows of width W, or back (toWide false, adding). */
function interleave(
  narrow: Floats,
  narrowRow: number,
  wide: Floats,
  wideRow: number,
  rows: number,
  H: number,
  W: number,
  offset: number,
  toWide: boolean,
): void {
  for (let r = 0; r < rows; r++) {
    const n = (narrowRow + r) * H,
      w = (wideRow + r) * W + offset;
    if (toWide) for (let j = 0; j < H; j++) wide[w + j] = narrow[n + j]!;
    else for (let j = 0; j < H; j++) narrow[n + j] = narrow[n + j]! + wide[w + j]!;
  }
}

/** Runs the window (time-major [T, B, F]) through every layer and fills enc.encoded. */
export function forwardEncoder(net: Network, enc: Encoder, input: Floats, B: number, T: number): void {
  const H = net.config.hiddenSize,
    W = encoderWidth(net.config),
    top = net.config.layers - 1;
  const bidirectional = enc.reverseTapes.length > 0;
  for (let l = 0; l <= top; l++) {
    const x = layerInput(enc, input, l);
    forwardLayer(net.cell, net.layers[l]!, enc.tapes[l]!, x, B);
    if (!bidirectional) continue;
    const F = enc.tapes[l]!.inputSize;
    reverseSteps(x, enc.reversedInputs[l]!, T, B * F);
    forwardLayer(net.cell, net.reverseLayers[l]!, enc.reverseTapes[l]!, enc.reversedInputs[l]!, B);
    if (l === top) continue;
    // The next layer reads [forward h_t, backward state at window step t] at each step t.
    const merged = enc.merged[l]!;
    interleave(enc.tapes[l]!.h, 0, merged, 0, T * B, H, W, 0, true);
    for (let t = 0; t < T; t++)
      interleave(enc.reverseTapes[l]!.h, (T - 1 - t) * B, merged, t * B, B, H, W, H, true);
  }
  interleave(enc.tapes[top]!.h, (T - 1) * B, enc.encoded, 0, B, H, W, 0, true);
  if (bidirectional) interleave(enc.reverseTapes[top]!.h, (T - 1) * B, enc.encoded, 0, B, H, W, H, true);
}

/**
 * Backpropagates enc.dEncoded through every layer, into the gradient views (`g`), walking
 * steps T − 1 … firstStep of each direction. norms[l], when asked for, receives the
 * forward direction's ‖∂L/∂h_t‖.
 */
export function backwardEncoder(
  net: Network,
  enc: Encoder,
  g: Pick<Network, 'layers' | 'reverseLayers'>,
  input: Floats,
  B: number,
  T: number,
  firstStep: number,
  norms: Floats[] | null,
): void {
  const H = net.config.hiddenSize,
    W = encoderWidth(net.config),
    top = net.config.layers - 1;
  const bidirectional = enc.reverseTapes.length > 0;
  for (const tape of enc.tapes) tape.dh.fill(0, 0, T * B * H);
  for (const tape of enc.reverseTapes) tape.dh.fill(0, 0, T * B * H);
  interleave(enc.tapes[top]!.dh, (T - 1) * B, enc.dEncoded, 0, B, H, W, 0, false);
  if (bidirectional) interleave(enc.reverseTapes[top]!.dh, (T - 1) * B, enc.dEncoded, 0, B, H, W, H, false);
  for (let l = top; l >= 0; l--) {
    const x = layerInput(enc, input, l);
    if (!bidirectional) {
      const dInput = l === 0 ? null : enc.tapes[l - 1]!.dh;
      backwardLayer(
        net.cell,
        net.layers[l]!,
        g.layers[l]!,
        enc.tapes[l]!,
        x,
        dInput,
        B,
        firstStep,
        norms?.[l] ?? null,
      );
      continue;
    }
    const dMerged = l === 0 ? null : enc.mergedGrads[l - 1]!;
    const dReversed = l === 0 ? null : enc.reversedInputGrads[l]!;
    dMerged?.fill(0, 0, T * B * W);
    dReversed?.fill(0, 0, T * B * W);
    backwardLayer(
      net.cell,
      net.layers[l]!,
      g.layers[l]!,
      enc.tapes[l]!,
      x,
      dMerged,
      B,
      firstStep,
      norms?.[l] ?? null,
    );
    const reverse = enc.reverseTapes[l]!;
    backwardLayer(
      net.cell,
      net.reverseLayers[l]!,
      g.reverseLayers[l]!,
      reverse,
      enc.reversedInputs[l]!,
      dReversed,
      B,
      firstStep,
      null,
    );
    if (!dMerged || !dReversed) continue;
    // ∂L/∂merged_t = forward part + the reversed input's gradient at its step T − 1 − t;
    // then each half goes back to the direction (and step) that wrote it.
    for (let t = 0; t < T; t++) {
      const from = (T - 1 - t) * B * W,
        to = t * B * W;
      for (let i = 0; i < B * W; i++) dMerged[to + i] = dMerged[to + i]! + dReversed[from + i]!;
    }
    interleave(enc.tapes[l - 1]!.dh, 0, dMerged, 0, T * B, H, W, 0, false);
    for (let t = 0; t < T; t++)
      interleave(enc.reverseTapes[l - 1]!.dh, (T - 1 - t) * B, dMerged, t * B, B, H, W, H, false);
  }
}

/**
 * For a decoder that starts from the encoder's LSTM cell state: `read` copies that state
 * into `buffer` [B, W], laid out like `encoded`; `seed-gradient` hands ∂L/∂c in `buffer`
 * to the top layer's last step. False (and nothing done) for cells without a cell state.
 */
export function lastCellState(
  net: Network,
  enc: Encoder,
  B: number,
  T: number,
  buffer: Floats,
  direction: 'read' | 'seed-gradient',
): boolean {
  if (net.config.cell !== 'lstm') return false;
  const H = net.config.hiddenSize,
    W = encoderWidth(net.config),
    top = net.config.layers - 1;
  for (let d = 0; d < (enc.reverseTapes.length > 0 ? 2 : 1); d++) {
    const tape = (d === 0 ? enc.tapes[top] : enc.reverseTapes[top]) as LstmTape;
    if (direction === 'read') interleave(tape.c, (T - 1) * B, buffer, 0, B, H, W, d * H, true);
    else {
      tape.dcLast.fill(0, 0, B * H);
      interleave(tape.dcLast, 0, buffer, 0, B, H, W, d * H, false);
    }
  }
  return true;
}
