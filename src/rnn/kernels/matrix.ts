// Named matrix views and the three products the engine needs, so the cells, the layer
// driver and BPTT read as maths (out += a·bᵀ) rather than as gemm's 14 positional numbers.
//
// A MatrixView is a row-major window onto a Float64Array: element (i, j) is
// data[offset + i·stride + j]. Views are mutable on purpose: the hot path re-points a few
// scratch views each step (place, below) instead of creating objects, because the
// training step must allocate nothing (test/rnn/allocation.test.ts). Each verb is one
// gemm call with exactly the strides the hand-written calls used, so results are
// bit-for-bit the same and the kernel choice (JS or wasm) is unchanged.
import type { Floats } from '../floats.ts';
import { gemm } from './gemm.ts';

export interface MatrixView {
  data: Floats;
  offset: number;
  rows: number;
  cols: number;
  /** Distance between the starts of consecutive rows; at least cols. */
  stride: number;
}

/** A new view; for set-up and tests. The hot path re-points existing ones with place. */
export function matrixView(data: Floats, rows: number, cols: number, offset = 0, stride = cols): MatrixView {
  return { data, offset, rows, cols, stride };
}

/** An empty view for a module to keep and re-point with place. */
export function scratchView(): MatrixView {
  return matrixView(new Float64Array(0), 0, 0);
}

/** Re-points v at rows × cols of data from offset (rows stride apart); returns v. */
export function place(
  v: MatrixView,
  data: Floats,
  offset: number,
  rows: number,
  cols: number,
  stride = cols,
): MatrixView {
  v.data = data;
  v.offset = offset;
  v.rows = rows;
  v.cols = cols;
  v.stride = stride;
  return v;
}

/** out += a·b, with a [M, K], b [K, N], out [M, N]. */
export function matmulAdd(out: MatrixView, a: MatrixView, b: MatrixView): void {
  checkShapes('matmulAdd', out, a.rows, a.cols, b.rows, b.cols);
  accumulate(out, a.cols, a, a.stride, 1, b, b.stride, 1);
}

/** out += aᵀ·b, with a stored [K, M], b [K, N], out [M, N]. */
export function matmulTransAAdd(out: MatrixView, a: MatrixView, b: MatrixView): void {
  checkShapes('matmulTransAAdd', out, a.cols, a.rows, b.rows, b.cols);
  accumulate(out, a.rows, a, 1, a.stride, b, b.stride, 1);
}

/** out += a·bᵀ, with a [M, K], b stored [N, K], out [M, N]. */
export function matmulTransBAdd(out: MatrixView, a: MatrixView, b: MatrixView): void {
  checkShapes('matmulTransBAdd', out, a.rows, a.cols, b.cols, b.rows);
  accumulate(out, a.cols, a, a.stride, 1, b, 1, b.stride);
}

/** One, in each precision: the column of ones sumRowsAdd multiplies by, as a stride-0 view. */
const ONE = { float32: Float32Array.of(1), float64: Float64Array.of(1) };

/**
 * out[0, j] += Σ_i a[i, j], with out [1, N]: a bias gradient. It is the product 1ᵀ·a (the
 * ones read from one element with stride 0), so it runs on the wasm kernels: a JS loop
 * over the rows took 8–13% of an LSTM training step.
 */
export function sumRowsAdd(out: MatrixView, a: MatrixView): void {
  checkShapes('sumRowsAdd', out, 1, a.rows, a.rows, a.cols);
  const one = out.data instanceof Float32Array ? ONE.float32 : ONE.float64;
  gemm(1, out.cols, a.rows, one, 0, 0, 0, a.data, a.offset, a.stride, 1, out.data, out.offset, out.stride);
}

/** out += A·B over K, A and B read from their views with the given row and column strides. */
function accumulate(
  out: MatrixView,
  K: number,
  a: MatrixView,
  aRow: number,
  aCol: number,
  b: MatrixView,
  bRow: number,
  bCol: number,
): void {
  gemm(
    out.rows,
    out.cols,
    K,
    a.data,
    a.offset,
    aRow,
    aCol,
    b.data,
    b.offset,
    bRow,
    bCol,
    out.data,
    out.offset,
    out.stride,
  );
}

// Once per product, not per element: a shape slip would otherwise read a neighbouring
// block silently, which the gradient checks catch only as a wrong number.
function checkShapes(
  verb: string,
  out: MatrixView,
  aRows: number,
  aCols: number,
  bRows: number,
  bCols: number,
): void {
  if (aRows !== out.rows || bCols !== out.cols || aCols !== bRows)
    throw new Error(
      `${verb}: [${out.rows}, ${out.cols}] += [${aRows}, ${aCols}]·[${bRows}, ${bCols}] does not fit`,
    );
}
