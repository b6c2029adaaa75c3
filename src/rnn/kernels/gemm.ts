// Dense matrix multiply-accumulate over strided float arrays (float64 or float32, the
// three of one product alike): the one kernel every cell, the head and BPTT spend their
// time in.
//
// C[M, N] += A[M, K] · B[K, N], where element (i, k) of A is A[aOff + i·aRow + k·aCol]
// and element (k, j) of B is B[bOff + k·bRow + j·bCol]; C is row-major with row stride
// cRow. Transposes are just swapped strides, so NN, NT and TN products share this code.
// Operands must not overlap C's elements.
//
// Why two kernels: scalar JS tops out near 2–3 GFLOP/s here (every typed-array load pays a
// bounds check, TurboFan re-checks the array maps each iteration and spills a 2×4 block's
// accumulators), which left training slower than tf.js's wasm backend at H = 128. So big
// products run in a small WebAssembly SIMD module (f64x2 or f32x4 lanes, plain IEEE
// arithmetic: only the summation order differs), 4–6× faster including the copies in and
// out of its memory:
//   jvec  when B's rows are contiguous (bCol = 1: NN and TN): blocks of 2 rows and four
//         vectors of columns of C, B read as vectors along j, A broadcast (jvec1: the
//         same, one row tall, for a C of one row);
//   kvec  when A's rows and B's columns are contiguous (aCol = bRow = 1: NT): 2×4 blocks,
//         dot products as vectors along k.
// The operands' index ranges are copied into the module's memory, the kernel does the
// block-aligned part, C's range is copied back, and the few leftover rows, columns (and
// k for kvec) go through the JS kernel. Two products are rerouted first: an NT product on
// a pinned matrix that keeps its transpose reads that, as an NN product (pinned-weights.ts),
// and a C too narrow for jvec whose A is stored transposed runs as its own transpose
// (gemm-thin.ts). Small products, other stride patterns and hosts without wasm SIMD use
// the JS kernel (2 rows × 4 columns of C held in locals).
// The kernels are written in the WebAssembly text format (gemm-kernels-wat.ts) and compiled
// at install or first load (kernel-module.ts).

import { gemmJs } from './gemm-js.ts';
import { precisionOf } from '../floats.ts';
import { gemmThroughTranspose } from './gemm-thin.ts';
import { pinnedTransposeAt, pinnedTransposeStride } from './pinned-weights.ts';
import { reserveHeap } from './wasm-instance.ts';
import { gemmWasm, wasm } from './gemm-wasm.ts';
import type { Floats } from '../floats.ts';
import type { GemmFn } from './gemm-signature.ts';
import type { Kernel } from './gemm-wasm.ts';

export { gemmJs } from './gemm-js.ts';

export type GemmKernel = 'auto' | 'js' | 'wasm';

export const gemm: GemmFn = (M, N, K, A, aOff, aRow, aCol, B, bOff, bRow, bCol, C, cOff, cRow) => {
  // B read as a pinned matrix transposed: its kept transpose, in place (pinned-weights.ts).
  const t = mode === 'js' ? -1 : pinnedTransposeAt(B, bOff, bRow, bCol, K, N);
  if (t >= 0) {
    const heap = reserveHeap(precisionOf(C), 0);
    gemm(M, N, K, A, aOff, aRow, aCol, heap, t, pinnedTransposeStride(), 1, C, cOff, cRow);
    return;
  }
  const kernel = pickKernel(M, N, K, aRow, aCol, bRow, bCol, cRow, C);
  if (kernel !== null)
    gemmWasm(gemm, kernel, M, N, K, A, aOff, aRow, aCol, B, bOff, bRow, bCol, C, cOff, cRow);
  else if (runsTransposed(M, N, K, aRow, bRow, bCol, C))
    gemmThroughTranspose(gemm, M, N, K, A, aOff, aCol, B, bOff, bRow, bCol, C, cOff, cRow);
  else gemmJs(M, N, K, A, aOff, aRow, aCol, B, bOff, bRow, bCol, C, cOff, cRow);
};

let mode: GemmKernel = 'auto';

/**
 * 'auto' (default): wasm for products of at least WASM_MIN_WORK multiply-adds; 'js': never
 * wasm; 'wasm': wasm whenever the strides allow (tests use it to reach every path).
 * Returns whether the wasm kernels are available on this host.
 */
export function setGemmKernel(kernel: GemmKernel): boolean {
  mode = kernel;
  return wasm !== null;
}

/**
 * Below about this many multiply-adds (M·N·K) the copies and call cost more than wasm
 * saves (measured: 8×8×8 is faster in JS, 4×16×16 already faster in wasm).
 */
const WASM_MIN_WORK = 1024;

function pickKernel(
  M: number,
  N: number,
  K: number,
  aRow: number,
  aCol: number,
  bRow: number,
  bCol: number,
  cRow: number,
  C: Floats,
): Kernel | null {
  if (wasm === null || mode === 'js' || K < 1 || (mode === 'auto' && M * N * K < WASM_MIN_WORK)) return null;
  if (aRow < 0 || aCol < 0 || bRow < 0 || cRow < 0) return null;
  const kernels = C instanceof Float32Array ? wasm.float32 : wasm.float64;
  const { jvec, jvec1, kvec } = kernels;
  if (bCol === 1 && N >= jvec.columns) return M >= jvec.rows ? jvec : jvec1;
  if (aCol === 1 && bRow === 1 && M >= kvec.rows && N >= kvec.columns && K >= kvec.kStep) return kvec;
  return null;
}

/**
 * Whether C is too narrow for jvec but its transpose is a jvec product (gemm-thin.ts): A's
 * columns contiguous (aRow = 1), M wide enough, and enough work for wasm to pay.
 */
function runsTransposed(
  M: number,
  N: number,
  K: number,
  aRow: number,
  bRow: number,
  bCol: number,
  C: Floats,
): boolean {
  if (wasm === null || mode === 'js' || aRow !== 1 || bRow < 0 || bCol < 0) return false;
  const { jvec } = C instanceof Float32Array ? wasm.float32 : wasm.float64;
  return N < jvec.columns && M >= jvec.columns && (mode === 'wasm' || M * N * K >= WASM_MIN_WORK);
}
