// The one signature every gemm kernel shares: C[M, N] += A[M, K] · B[K, N], each matrix a
// float array with an element offset and its row and column strides (C's columns are
// adjacent). Kernels are typed by it, so the fourteen positions are named once, here.
// The three arrays share one precision.
import type { Floats } from '../floats.ts';

export type GemmFn = (
  M: number,
  N: number,
  K: number,
  A: Floats,
  aOff: number,
  aRow: number,
  aCol: number,
  B: Floats,
  bOff: number,
  bRow: number,
  bCol: number,
  C: Floats,
  cOff: number,
  cRow: number,
) => void;
