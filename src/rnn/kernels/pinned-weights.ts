// A weight matrix kept in the module's memory for a whole pass over a sequence (layer.ts
// pins Wh around its steps): each step's products read it there instead of copying it in
// again. At H = 64 those copies of Wh were most of the staging, twice per step.
//
// A forward pass reads Wh transposed (gates += h·Whᵀ, an NT product), which runs on kvec.
// kvec ends each block of C with a sum across its lanes, and when K (here H) is short that
// sum is a large part of the block: at H = 16 kvec ran at 32 GFLOP/s where jvec runs at
// 49. So for such a matrix the pin also keeps Whᵀ, laid out for jvec, and those products
// read it instead (gemm.ts): +6–7% float32 training throughput at H = 16, +1–2% at 32.
// From H = 64 on kvec is as fast or faster, and the transpose is not made; nor in float64,
// where kvec sums two lanes, not four, and the transpose measured 2% slower at H = 32.
import { precisionOf } from '../floats.ts';
import type { Floats, Precision } from '../floats.ts';
import { copyRange, reserveHeap, wasm } from './wasm-instance.ts';

let pinned: Floats | null = null,
  pinnedOff = 0,
  pinnedLen = 0,
  pinnedBytes = 0;
// The transpose, when kept: where it starts (an element index), and the pinned matrix's shape.
let transposeAt = -1,
  pinnedRows = 0,
  pinnedCols = 0;

/** Below this many values a pin saves less than it costs. */
const PIN_MIN = 256;
/** Matrices narrower than this also keep their transpose (see above). */
const TRANSPOSE_BELOW = 64;

/**
 * Copies a[off, off + len) to the bottom of the module's memory until unpinWeights. With
 * `cols`, the range is a row-major matrix that many columns wide, whose NT products may
 * read its pinned transpose.
 */
export function pinWeights(a: Floats, off: number, len: number, cols?: number): void {
  unpinWeights();
  if (wasm === null || len < PIN_MIN) return;
  const precision = precisionOf(a);
  const rows = cols === undefined ? 0 : len / cols;
  const transposed =
    cols !== undefined && cols < TRANSPOSE_BELOW && Number.isInteger(rows) && precision === 'float32';
  const heap = reserveHeap(precision, (transposed ? 2 : 1) * roundUp(len, precision));
  copyRange(a, off, heap, 0, len);
  pinned = a;
  pinnedOff = off;
  pinnedLen = len;
  pinnedBytes = roundUp(len, precision) * bytesOf(precision);
  if (!transposed) return;
  // Whᵀ [cols, rows] right after W, 16-byte aligned: element (c, r) is W[r, c].
  transposeAt = roundUp(len, precision);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols!; c++) heap[transposeAt + c * rows + r] = a[off + r * cols! + c]!;
  pinnedRows = rows;
  pinnedCols = cols!;
  pinnedBytes *= 2;
}

export function unpinWeights(): void {
  pinned = null;
  pinnedBytes = 0;
  transposeAt = -1;
}

/**
 * Where a[off, off + len) already sits in memory, as an element index of this precision,
 * or −1 when it is not within the pinned range. A view of the module memory itself (a
 * product on the pinned transpose) is where it is, even once a growth has detached it
 * (byteLength 0: no operand the engine passes is empty, and only these views detach).
 */
export function pinnedAt(a: Floats, off: number, len: number, precision: Precision): number {
  if (wasm !== null && (a.buffer === wasm.memory.buffer || a.byteLength === 0)) return off;
  if (a !== pinned || off < pinnedOff || off + len > pinnedOff + pinnedLen || precisionOf(a) !== precision)
    return -1;
  return off - pinnedOff;
}

/**
 * For the K × N operand B (k, j) = b[bOff + k·bRow + j·bCol] that reads the pinned matrix
 * transposed (bRow = 1, bCol = its width): where the same elements start in the pinned
 * transpose, contiguous along j with row stride pinnedTransposeStride(). −1 when there is
 * no such transpose. (Two calls, not a returned pair: the step must allocate nothing.)
 */
export function pinnedTransposeAt(
  b: Floats,
  bOff: number,
  bRow: number,
  bCol: number,
  K: number,
  N: number,
): number {
  if (transposeAt < 0 || b !== pinned || bRow !== 1 || bCol !== pinnedCols || bOff < pinnedOff) return -1;
  const rel = bOff - pinnedOff;
  // b[bOff + k + j·cols] is W[r0 + j, c0 + k], which the transpose holds at (c0 + k)·rows + r0 + j.
  const r0 = Math.floor(rel / pinnedCols),
    c0 = rel % pinnedCols;
  if (c0 + K > pinnedCols || r0 + N > pinnedRows) return -1;
  return transposeAt + c0 * pinnedRows + r0;
}

/** The row stride of the pinned transpose: the pinned matrix's row count. */
export const pinnedTransposeStride = () => pinnedRows;

/** The first element of this precision free for staging: above the pinned range(s), 16-byte aligned. */
export function stagingBase(precision: Precision): number {
  return pinnedBytes / bytesOf(precision);
}

const bytesOf = (precision: Precision) => (precision === 'float32' ? 4 : 8);
/** n elements rounded up to a whole 16 bytes. */
const roundUp = (n: number, precision: Precision) =>
  Math.ceil((n * bytesOf(precision)) / 16) * (16 / bytesOf(precision));
