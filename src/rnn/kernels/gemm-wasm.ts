// Runs a product on the WebAssembly SIMD kernels: copies the operands' index ranges into
// the module's memory, runs the block-aligned part in k-chunks that stay in cache, copies
// C back, and leaves leftover rows, columns and k to the JS kernel. Products too big to
// stage at once are split first, so the module memory never grows past 64 MB.
import { gemmJs } from './gemm-js.ts';
import type { GemmFn } from './gemm-signature.ts';
import { pinnedAt, stagingBase } from './pinned-weights.ts';
import { copyRange, reserveHeap } from './wasm-instance.ts';
import type { Kernel } from './wasm-instance.ts';

export { wasm } from './wasm-instance.ts';
export type { Kernel } from './wasm-instance.ts';

/** gemmWasm: a product on the given kernel; `gemm` is the dispatcher a split product recurses through. */
type StagedGemmFn = (gemm: GemmFn, kernel: Kernel, ...product: Parameters<GemmFn>) => void;
type SplitGemmFn = (gemm: GemmFn, ...product: Parameters<GemmFn>) => void;

/**
 * Largest product staged at once, in elements of the A, B and C ranges (64 MB of doubles:
 * as far as the module memory ever grows); bigger ones are split first.
 */
const MAX_STAGED = 1 << 23;
/** k-slice per kernel call, so a block's stretch of A and B stays in cache. */
const K_CHUNK = 256;

export const gemmWasm: StagedGemmFn = (
  gemm,
  kernel,
  M,
  N,
  K,
  A,
  aOff,
  aRow,
  aCol,
  B,
  bOff,
  bRow,
  bCol,
  C,
  cOff,
  cRow,
) => {
  const aLen = (M - 1) * aRow + (K - 1) * aCol + 1,
    bLen = (K - 1) * bRow + (N - 1) * bCol + 1,
    cLen = (M - 1) * cRow + N;
  if (aLen + bLen + cLen > MAX_STAGED) {
    halve(gemm, M, N, K, A, aOff, aRow, aCol, B, bOff, bRow, bCol, C, cOff, cRow);
    return;
  }
  // A or B may already sit in memory (a pinned weight matrix); the rest are staged above it.
  const aPinned = pinnedAt(A, aOff, aLen, kernel.precision),
    bPinned = pinnedAt(B, bOff, bLen, kernel.precision);
  let free = stagingBase(kernel.precision);
  const aAt = aPinned >= 0 ? aPinned : free;
  if (aPinned < 0) free += roundUp(aLen, kernel.lanes);
  const bAt = bPinned >= 0 ? bPinned : free;
  if (bPinned < 0) free += roundUp(bLen, kernel.lanes);
  const cAt = free;
  const heap = reserveHeap(kernel.precision, cAt + cLen);
  // An operand in the module memory (the pinned transpose) is a view a growth just detached.
  const a = aPinned >= 0 && A.byteLength === 0 ? heap : A,
    b = bPinned >= 0 && B.byteLength === 0 ? heap : B;
  if (aPinned < 0) copyRange(a, aOff, heap, aAt, aLen);
  if (bPinned < 0) copyRange(b, bOff, heap, bAt, bLen);
  copyRange(C, cOff, heap, cAt, cLen);
  runStaged(kernel, M, N, K, aAt, aRow, aCol, bAt, bRow, bCol, cAt, cRow);
  const Mw = coveredM,
    Nw = coveredN,
    Kw = coveredK;
  copyRange(heap, cAt, C, cOff, cLen);
  // Leftovers the kernel's block sizes did not cover.
  if (Kw < K)
    gemmJs(Mw, Nw, K - Kw, a, aOff + Kw * aCol, aRow, aCol, b, bOff + Kw * bRow, bRow, bCol, C, cOff, cRow);
  if (Nw < N) gemmJs(Mw, N - Nw, K, a, aOff, aRow, aCol, b, bOff + Nw * bCol, bRow, bCol, C, cOff + Nw, cRow);
  if (Mw < M)
    gemmJs(M - Mw, N, K, a, aOff + Mw * aRow, aRow, aCol, b, bOff, bRow, bCol, C, cOff + Mw * cRow, cRow);
};

// What the last runStaged call covered (block-aligned rows, columns and k): module state,
// not a returned object, for the same reason.
let coveredM = 0,
  coveredN = 0,
  coveredK = 0;

/** Runs the kernel over k-chunks on staged operands (element offsets); sets covered*. */
function runStaged(
  kernel: Kernel,
  M: number,
  N: number,
  K: number,
  aAt: number,
  aRow: number,
  aCol: number,
  bAt: number,
  bRow: number,
  bCol: number,
  cAt: number,
  cRow: number,
): void {
  const e = kernel.bytes;
  // Whole blocks of C (gemm-kernels-wat.ts), over whole steps of k.
  const Mw = M - (M % kernel.rows),
    Nw = N - (N % kernel.columns),
    Kw = K - (K % kernel.kStep);
  for (let k0 = 0; k0 < Kw; k0 += K_CHUNK) {
    const kc = Math.min(K_CHUNK, Kw - k0);
    kernel.run(
      Mw,
      Nw,
      kc,
      e * (aAt + k0 * aCol),
      e * aRow,
      e * aCol,
      e * (bAt + k0 * bRow),
      e * (kernel.name === 'kvec' ? bCol : bRow),
      e * cAt,
      e * cRow,
    );
  }
  coveredM = Mw;
  coveredN = Nw;
  coveredK = Kw;
}

/** Halves the longest of K, M, N: two products that each stage less. */
const halve: SplitGemmFn = (gemm, M, N, K, A, aOff, aRow, aCol, B, bOff, bRow, bCol, C, cOff, cRow) => {
  if (K >= M && K >= N && K > 1) {
    const h = K >> 1;
    gemm(M, N, h, A, aOff, aRow, aCol, B, bOff, bRow, bCol, C, cOff, cRow);
    gemm(M, N, K - h, A, aOff + h * aCol, aRow, aCol, B, bOff + h * bRow, bRow, bCol, C, cOff, cRow);
  } else if (M >= N && M > 1) {
    const h = M >> 1;
    gemm(h, N, K, A, aOff, aRow, aCol, B, bOff, bRow, bCol, C, cOff, cRow);
    gemm(M - h, N, K, A, aOff + h * aRow, aRow, aCol, B, bOff, bRow, bCol, C, cOff + h * cRow, cRow);
  } else if (N > 1) {
    const h = N >> 1;
    gemm(M, h, K, A, aOff, aRow, aCol, B, bOff, bRow, bCol, C, cOff, cRow);
    gemm(M, N - h, K, A, aOff, aRow, aCol, B, bOff + h * bCol, bRow, bCol, C, cOff + h, cRow);
  } else {
    gemmJs(M, N, K, A, aOff, aRow, aCol, B, bOff, bRow, bCol, C, cOff, cRow);
  }
};

/** n rounded up to a whole number of vectors, so each staged operand starts 16-byte aligned. */
const roundUp = (n: number, lanes: number) => Math.ceil(n / lanes) * lanes;
