// The one signature every gemm kernel shares: C[M, N] += A[M, K] · B[K, N], each matrix a
// Float64Array with an element offset and its row and column strides (C's columns are
// adjacent). Kernels are typed by it, so the fourteen positions are named once, here.
export type GemmFn = (
  M: number,
  N: number,
  K: number,
  A: Float64Array,
  aOff: number,
  aRow: number,
  aCol: number,
  B: Float64Array,
  bOff: number,
  bRow: number,
  bCol: number,
  C: Float64Array,
  cOff: number,
  cRow: number,
) => void;
