// The strided gemm kernel against a naive triple loop, over odd sizes that exercise the
// register-blocked body and every remainder path, for NN, NT and TN stride patterns.
import { describe, expect, it } from 'vitest';
import { gemm } from '../../src/rnn/gemm.ts';
import { createRandom } from '../../src/rnn/random.ts';

describe('gemm', () => {
  const random = createRandom(1);
  const patterns = ['NN', 'NT', 'TN'] as const;
  for (const pattern of patterns) {
    it(`${pattern}: C += A·B matches a naive loop for M, N, K in 1..7`, () => {
      for (let M = 1; M <= 7; M++) for (let N = 1; N <= 7; N++) for (let K = 1; K <= 7; K += 3) {
        const A = Float64Array.from({ length: M * K }, () => random.normal());
        const Bm = Float64Array.from({ length: K * N }, () => random.normal());
        const C0 = Float64Array.from({ length: M * N }, () => random.normal());
        // A stored [M, K] unless transposed ([K, M]); B stored [K, N] unless transposed ([N, K]).
        const a = (i: number, k: number) => (pattern === 'TN' ? A[k * M + i]! : A[i * K + k]!);
        const b = (k: number, j: number) => (pattern === 'NT' ? Bm[j * K + k]! : Bm[k * N + j]!);
        const expected = Float64Array.from(C0);
        for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) { let s = 0; for (let k = 0; k < K; k++) s += a(i, k) * b(k, j); expected[i * N + j] += s; }
        const C = Float64Array.from(C0);
        const [aRow, aCol] = pattern === 'TN' ? [1, M] : [K, 1];
        const [bRow, bCol] = pattern === 'NT' ? [1, K] : [N, 1];
        gemm(M, N, K, A, 0, aRow, aCol, Bm, 0, bRow, bCol, C, 0, N);
        for (let i = 0; i < M * N; i++) expect(C[i]).toBeCloseTo(expected[i]!, 12);
      }
    });
  }

  it('honours offsets and row strides of C (writes only its block)', () => {
    const A = Float64Array.of(1, 2, 3, 4); // [2, 2]
    const Bm = Float64Array.of(5, 6, 7, 8); // [2, 2]
    const C = new Float64Array(12).fill(-1); // a 2×2 block at offset 5, row stride 4
    gemm(2, 2, 2, A, 0, 2, 1, Bm, 0, 2, 1, C, 5, 4);
    expect(Array.from(C)).toEqual([-1, -1, -1, -1, -1, 18, 21, -1, -1, 42, 49, -1]);
  });
});
