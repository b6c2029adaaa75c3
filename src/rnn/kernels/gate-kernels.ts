// Float32 gate math on the WebAssembly gate kernels (gate-kernels-wat.ts): a step's rows
// are copied into the module's memory, the kernel activates them and updates the state in
// one pass, and the results are copied back. The copies are a few bytes per unit; the
// exps they replace were most of a float32 step. Float64 networks, H not a multiple of 4,
// and hosts without WebAssembly SIMD keep the cells' JS loops.
import type { Floats } from '../floats.ts';
import { stagingBase } from './pinned-weights.ts';
import { copyRange, reserveHeap, wasm } from './wasm-instance.ts';

let enabled = true;

/** Turns the gate kernels off (false) or back on; tests compare them with the JS loops. */
export function setGateKernels(on: boolean): void {
  enabled = on;
}

/** Whether a step on these gates, H units wide, runs on the gate kernels. */
export function onGateKernels(gates: Floats, H: number): boolean {
  return enabled && wasm !== null && gates instanceof Float32Array && H % 4 === 0;
}

/**
 * LSTM (lstm.ts): activates rows × [i f g o] of gates from gOff in place, and writes
 * c = f ⊙ c_prev + i ⊙ g, tanh(c) and h = o ⊙ tanh(c) from sOff (rows × H each).
 */
export function lstmStepGates(
  gates: Floats,
  gOff: number,
  cPrev: Floats,
  cPrevOff: number,
  c: Floats,
  tanhC: Floats,
  h: Floats,
  sOff: number,
  rows: number,
  H: number,
): void {
  const n = rows * H,
    at = stagingBase('float32');
  // Staged from at: gates (4n), then c_prev, c, tanh c and h, n each.
  const heap = reserveHeap('float32', at + 8 * n);
  copyRange(gates, gOff, heap, at, 4 * n);
  copyRange(cPrev, cPrevOff, heap, at + 4 * n, n);
  const b = 4 * at;
  wasm!.gates.lstmStep32(b, b + 16 * n, b + 20 * n, b + 24 * n, b + 28 * n, rows, H);
  copyRange(heap, at, gates, gOff, 4 * n);
  copyRange(heap, at + 5 * n, c, sOff, n);
  copyRange(heap, at + 6 * n, tanhC, sOff, n);
  copyRange(heap, at + 7 * n, h, sOff, n);
}

/**
 * GRU (gru.ts), before the candidate's product: z = σ(a_z), r = σ(a_r) in place in rows ×
 * [z r n] from gOff, and rh = r ⊙ h_prev from sOff.
 */
export function gruResetGates(
  gates: Floats,
  gOff: number,
  hPrev: Floats,
  hPrevOff: number,
  rh: Floats,
  sOff: number,
  rows: number,
  H: number,
): void {
  gruPhase(wasm!.gates.gruGates32, gates, gOff, hPrev, hPrevOff, rh, sOff, rows, H);
}

/** GRU, after it: n = tanh(a_n) in place, and h = z ⊙ h_prev + (1 − z) ⊙ n from sOff. */
export function gruNewState(
  gates: Floats,
  gOff: number,
  hPrev: Floats,
  hPrevOff: number,
  h: Floats,
  sOff: number,
  rows: number,
  H: number,
): void {
  gruPhase(wasm!.gates.gruState32, gates, gOff, hPrev, hPrevOff, h, sOff, rows, H);
}

/** Either GRU phase: both read gates (3n) and h_prev, and write gates back and one [rows, H] output. */
function gruPhase(
  kernel: (gates: number, hPrev: number, out: number, rows: number, H: number) => void,
  gates: Floats,
  gOff: number,
  hPrev: Floats,
  hPrevOff: number,
  out: Floats,
  sOff: number,
  rows: number,
  H: number,
): void {
  const n = rows * H,
    at = stagingBase('float32');
  // Staged from at: gates (3n), h_prev, the output.
  const heap = reserveHeap('float32', at + 5 * n);
  copyRange(gates, gOff, heap, at, 3 * n);
  copyRange(hPrev, hPrevOff, heap, at + 3 * n, n);
  const b = 4 * at;
  kernel(b, b + 12 * n, b + 16 * n, rows, H);
  copyRange(heap, at, gates, gOff, 3 * n);
  copyRange(heap, at + 4 * n, out, sOff, n);
}

/**
 * LSTM backward (lstm.ts): da for rows × [i f g o] from gOff, from the activated gates, tanh c
 * and dh (from sOff), the carried dc (rows × H from 0, updated to dc ⊙ f) and c_prev.
 */
export function lstmBackGates(
  gates: Floats,
  gOff: number,
  tanhC: Floats,
  dh: Floats,
  sOff: number,
  dc: Floats,
  cPrev: Floats,
  cPrevOff: number,
  da: Floats,
  rows: number,
  H: number,
): void {
  const n = rows * H,
    at = stagingBase('float32');
  // Staged from at: gates (4n), tanh c, dh, dc, c_prev, then da (4n).
  const heap = reserveHeap('float32', at + 12 * n);
  copyRange(gates, gOff, heap, at, 4 * n);
  copyRange(tanhC, sOff, heap, at + 4 * n, n);
  copyRange(dh, sOff, heap, at + 5 * n, n);
  copyRange(dc, 0, heap, at + 6 * n, n);
  copyRange(cPrev, cPrevOff, heap, at + 7 * n, n);
  const b = 4 * at;
  wasm!.gates.lstmBack32(b, b + 16 * n, b + 20 * n, b + 24 * n, b + 28 * n, b + 32 * n, rows, H);
  copyRange(heap, at + 8 * n, da, gOff, 4 * n);
  copyRange(heap, at + 6 * n, dc, 0, n);
}

/**
 * GRU backward, before d(rh)'s product: da_z and da_n of rows × [z r n] from gOff (the r
 * block is for the caller to write), from the activated gates, dh (from sOff) and h_prev.
 */
export function gruBackGates(
  gates: Floats,
  gOff: number,
  dh: Floats,
  sOff: number,
  hPrev: Floats,
  hPrevOff: number,
  da: Floats,
  rows: number,
  H: number,
): void {
  const n = rows * H,
    at = stagingBase('float32');
  // Staged from at: gates (3n), dh, h_prev, then da (3n). Its r block comes back unset:
  // the caller writes it next, after d(rh)'s product, which reads only the n block.
  const heap = reserveHeap('float32', at + 8 * n);
  copyRange(gates, gOff, heap, at, 3 * n);
  copyRange(dh, sOff, heap, at + 3 * n, n);
  copyRange(hPrev, hPrevOff, heap, at + 4 * n, n);
  const b = 4 * at;
  wasm!.gates.gruBack32(b, b + 12 * n, b + 16 * n, b + 20 * n, rows, H);
  copyRange(heap, at + 5 * n, da, gOff, 3 * n);
}

/** Elman (rnn.ts): h = tanh(a) for n values from off, n a multiple of 4. */
export function tanhInto(a: Floats, h: Floats, off: number, n: number): void {
  const at = stagingBase('float32');
  const heap = reserveHeap('float32', at + 2 * n);
  copyRange(a, off, heap, at, n);
  wasm!.gates.tanh32(4 * at, 4 * (at + n), n);
  copyRange(heap, at + n, h, off, n);
}

/**
 * GRU backward, after d(rh)'s product: da_r of rows × [z r n] from gOff, and, when dPrev is
 * given, dh_{t−1} += dh ⊙ z + d(rh) ⊙ r into it from hPrevOff; dh from sOff, d(rh) from 0.
 */
export function gruBackReset(
  gates: Floats,
  gOff: number,
  dh: Floats,
  sOff: number,
  hPrev: Floats,
  hPrevOff: number,
  drh: Floats,
  dPrev: Floats | null,
  da: Floats,
  rows: number,
  H: number,
): void {
  const n = rows * H,
    at = stagingBase('float32');
  // Staged from at: gates (3n), dh, h_prev, d(rh), dh_{t−1}, then da (3n), whose z and n
  // blocks go in and come back as they were. Without dPrev its slot is scratch, never read back.
  const heap = reserveHeap('float32', at + 10 * n);
  copyRange(gates, gOff, heap, at, 3 * n);
  copyRange(dh, sOff, heap, at + 3 * n, n);
  copyRange(hPrev, hPrevOff, heap, at + 4 * n, n);
  copyRange(drh, 0, heap, at + 5 * n, n);
  if (dPrev) copyRange(dPrev, hPrevOff, heap, at + 6 * n, n);
  copyRange(da, gOff, heap, at + 7 * n, 3 * n);
  const b = 4 * at;
  wasm!.gates.gruBackReset32(b, b + 12 * n, b + 16 * n, b + 20 * n, b + 24 * n, b + 28 * n, rows, H);
  copyRange(heap, at + 7 * n, da, gOff, 3 * n);
  if (dPrev) copyRange(heap, at + 6 * n, dPrev, hPrevOff, n);
}

/** Elman backward (rnn.ts): da = dh ⊙ (1 − h²) for n values from off, n a multiple of 4. */
export function tanhBackInto(h: Floats, dh: Floats, da: Floats, off: number, n: number): void {
  const at = stagingBase('float32');
  const heap = reserveHeap('float32', at + 3 * n);
  copyRange(h, off, heap, at, n);
  copyRange(dh, off, heap, at + n, n);
  wasm!.gates.tanhBack32(4 * at, 4 * (at + n), 4 * (at + 2 * n), n);
  copyRange(heap, at + 2 * n, da, off, n);
}
