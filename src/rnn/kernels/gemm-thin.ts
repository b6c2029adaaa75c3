// Products whose C is too narrow for any jvec block but whose A is stored transposed, above
// all the input-weight gradient dWx += daᵀ·x: C is [gates, F] with F (the input width)
// often 1. Neither wasm kernel takes it as it stands, and the JS kernel ran it at about
// 2.5 GFLOP/s, which made it 5–7% of a training step at H = 32. Its transpose,
// Cᵀ[N, M] += Bᵀ·Aᵀ, is wide (M columns) and reads Aᵀ's rows contiguously: a jvec
// product. So it runs that way into a scratch, which is then added to C.
import type { Floats } from '../floats.ts';
import type { GemmFn } from './gemm-signature.ts';

let scratch32 = new Float32Array(0),
  scratch64 = new Float64Array(0);

/** Runs C += A·B as C += (Bᵀ·Aᵀ)ᵀ; A must have aRow = 1. `gemm` runs the transposed product. */
export function gemmThroughTranspose(
  gemm: GemmFn,
  M: number,
  N: number,
  K: number,
  A: Floats,
  aOff: number,
  aCol: number,
  B: Floats,
  bOff: number,
  bRow: number,
  bCol: number,
  C: Floats,
  cOff: number,
  cRow: number,
): void {
  const t = zeroedScratch(C, N * M);
  // t[N, M] += Bᵀ[N, K]·Aᵀ[K, M]: (j, k) of Bᵀ is B[k, j]; (k, i) of Aᵀ is A[i, k], rows contiguous.
  gemm(N, M, K, B, bOff, bCol, bRow, A, aOff, aCol, 1, t, 0, M);
  for (let i = 0; i < M; i++) {
    const c = cOff + i * cRow;
    for (let j = 0; j < N; j++) C[c + j] = C[c + j]! + t[j * M + i]!;
  }
}

/** The first n elements of a kept scratch of C's precision, zeroed; grown (once) when short. */
function zeroedScratch(C: Floats, n: number): Floats {
  if (C instanceof Float32Array) {
    if (scratch32.length < n) scratch32 = new Float32Array(n);
    scratch32.fill(0, 0, n);
    return scratch32;
  }
  if (scratch64.length < n) scratch64 = new Float64Array(n);
  scratch64.fill(0, 0, n);
  return scratch64;
}
