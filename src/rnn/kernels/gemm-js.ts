// The pure-JS matrix kernels behind gemm(): small products, the edges the wasm kernels
// leave over, and the whole job where WebAssembly SIMD is missing. Same contract as
// gemm(): C[M, N] += A[M, K] · B[K, N] over strided Float64Arrays.
import type { GemmFn } from './gemm-signature.ts';

/** The pure-JS kernel: small products, edges of the wasm ones, and the fallback. */
export const gemmJs: GemmFn = (M, N, K, A, aOff, aRow, aCol, B, bOff, bRow, bCol, C, cOff, cRow) => {
  if (N < 4 && aRow === 1) gemmJsColumns(M, N, K, A, aOff, aRow, aCol, B, bOff, bRow, bCol, C, cOff, cRow);
  else gemmJsBlocked(M, N, K, A, aOff, aRow, aCol, B, bOff, bRow, bCol, C, cOff, cRow);
};

/**
 * Register-blocked: 2 rows × 4 columns of C in locals per pass over k, then a 2×1 strip
 * for leftover columns and a 1×N strip for a leftover row.
 */
const gemmJsBlocked: GemmFn = (M, N, K, A, aOff, aRow, aCol, B, bOff, bRow, bCol, C, cOff, cRow) => {
  const b2 = 2 * bCol,
    b3 = 3 * bCol;
  let i = 0;
  for (; i + 1 < M; i += 2) {
    const a0 = aOff + i * aRow,
      a1 = a0 + aRow;
    const c0 = cOff + i * cRow,
      c1 = c0 + cRow;
    let j = 0;
    for (; j + 3 < N; j += 4) {
      let s00 = 0,
        s01 = 0,
        s02 = 0,
        s03 = 0,
        s10 = 0,
        s11 = 0,
        s12 = 0,
        s13 = 0;
      let p0 = a0,
        p1 = a1,
        q = bOff + j * bCol;
      for (let k = 0; k < K; k++) {
        const x0 = A[p0]!,
          x1 = A[p1]!;
        const y0 = B[q]!,
          y1 = B[q + bCol]!,
          y2 = B[q + b2]!,
          y3 = B[q + b3]!;
        s00 += x0 * y0;
        s01 += x0 * y1;
        s02 += x0 * y2;
        s03 += x0 * y3;
        s10 += x1 * y0;
        s11 += x1 * y1;
        s12 += x1 * y2;
        s13 += x1 * y3;
        p0 += aCol;
        p1 += aCol;
        q += bRow;
      }
      C[c0 + j] = C[c0 + j]! + s00;
      C[c0 + j + 1] = C[c0 + j + 1]! + s01;
      C[c0 + j + 2] = C[c0 + j + 2]! + s02;
      C[c0 + j + 3] = C[c0 + j + 3]! + s03;
      C[c1 + j] = C[c1 + j]! + s10;
      C[c1 + j + 1] = C[c1 + j + 1]! + s11;
      C[c1 + j + 2] = C[c1 + j + 2]! + s12;
      C[c1 + j + 3] = C[c1 + j + 3]! + s13;
    }
    for (; j < N; j++) {
      let s0 = 0,
        s1 = 0;
      let p0 = a0,
        p1 = a1,
        q = bOff + j * bCol;
      for (let k = 0; k < K; k++) {
        const y = B[q]!;
        s0 += A[p0]! * y;
        s1 += A[p1]! * y;
        p0 += aCol;
        p1 += aCol;
        q += bRow;
      }
      C[c0 + j] = C[c0 + j]! + s0;
      C[c1 + j] = C[c1 + j]! + s1;
    }
  }
  if (i < M) {
    const a0 = aOff + i * aRow,
      c0 = cOff + i * cRow;
    for (let j = 0; j < N; j++) {
      let s = 0;
      let p = a0,
        q = bOff + j * bCol;
      for (let k = 0; k < K; k++) {
        s += A[p]! * B[q]!;
        p += aCol;
        q += bRow;
      }
      C[c0 + j] = C[c0 + j]! + s;
    }
  }
};

/**
 * A few columns of C when A's rows are adjacent (aRow = 1, e.g. the input-weight gradient
 * daᵀ·x with F = 1): k outermost, four k at a time, so A is read once, in order, instead
 * of once per row pair.
 */
const gemmJsColumns: GemmFn = (M, N, K, A, aOff, _aRow, aCol, B, bOff, bRow, bCol, C, cOff, cRow) => {
  const K4 = K - (K % 4);
  for (let j = 0; j < N; j++) {
    const q = bOff + j * bCol,
      c0 = cOff + j;
    let k = 0;
    for (; k < K4; k += 4) {
      const y0 = B[q + k * bRow]!,
        y1 = B[q + (k + 1) * bRow]!,
        y2 = B[q + (k + 2) * bRow]!,
        y3 = B[q + (k + 3) * bRow]!;
      const p0 = aOff + k * aCol,
        p1 = p0 + aCol,
        p2 = p1 + aCol,
        p3 = p2 + aCol;
      for (let i = 0; i < M; i++)
        C[c0 + i * cRow] =
          C[c0 + i * cRow]! + (A[p0 + i]! * y0 + A[p1 + i]! * y1 + A[p2 + i]! * y2 + A[p3 + i]! * y3);
    }
    for (; k < K; k++) {
      const y = B[q + k * bRow]!,
        p = aOff + k * aCol;
      for (let i = 0; i < M; i++) C[c0 + i * cRow] = C[c0 + i * cRow]! + A[p + i]! * y;
    }
  }
};
