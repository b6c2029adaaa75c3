// Dense matrix multiply-accumulate over strided Float64Arrays: the one kernel every cell,
// the head and BPTT spend their time in. Register-blocked (2 rows × 4 columns of C held
// in locals per inner loop), which is what lets plain JS reach ~2 GFLOP/s here.
//
// C[M, N] += A[M, K] · B[K, N], where element (i, k) of A is A[aOff + i·aRow + k·aCol]
// and element (k, j) of B is B[bOff + k·bRow + j·bCol]; C is row-major with row stride
// cRow. Transposes are just swapped strides, so NN, NT and TN products share this code.

export function gemm(
  M: number, N: number, K: number,
  A: Float64Array, aOff: number, aRow: number, aCol: number,
  B: Float64Array, bOff: number, bRow: number, bCol: number,
  C: Float64Array, cOff: number, cRow: number,
): void {
  const b2 = 2 * bCol, b3 = 3 * bCol;
  let i = 0;
  for (; i + 1 < M; i += 2) {
    const a0 = aOff + i * aRow, a1 = a0 + aRow;
    const c0 = cOff + i * cRow, c1 = c0 + cRow;
    let j = 0;
    for (; j + 3 < N; j += 4) {
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      let p0 = a0, p1 = a1, q = bOff + j * bCol;
      for (let k = 0; k < K; k++) {
        const x0 = A[p0]!, x1 = A[p1]!;
        const y0 = B[q]!, y1 = B[q + bCol]!, y2 = B[q + b2]!, y3 = B[q + b3]!;
        s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
        s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
        p0 += aCol; p1 += aCol; q += bRow;
      }
      C[c0 + j] += s00; C[c0 + j + 1] += s01; C[c0 + j + 2] += s02; C[c0 + j + 3] += s03;
      C[c1 + j] += s10; C[c1 + j + 1] += s11; C[c1 + j + 2] += s12; C[c1 + j + 3] += s13;
    }
    for (; j < N; j++) {
      let s0 = 0, s1 = 0;
      let p0 = a0, p1 = a1, q = bOff + j * bCol;
      for (let k = 0; k < K; k++) {
        const y = B[q]!;
        s0 += A[p0]! * y; s1 += A[p1]! * y;
        p0 += aCol; p1 += aCol; q += bRow;
      }
      C[c0 + j] += s0; C[c1 + j] += s1;
    }
  }
  if (i < M) {
    const a0 = aOff + i * aRow, c0 = cOff + i * cRow;
    for (let j = 0; j < N; j++) {
      let s = 0;
      let p = a0, q = bOff + j * bCol;
      for (let k = 0; k < K; k++) {
        s += A[p]! * B[q]!;
        p += aCol; q += bRow;
      }
      C[c0 + j] += s;
    }
  }
}
