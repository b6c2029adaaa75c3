// The strided gemm against a naive triple loop, with each kernel: the pure-JS one, the
// WebAssembly SIMD one forced wherever strides allow, and the default dispatch. Sizes
// cover the register blocks, every remainder path, k-chunking (K > 256) and a product
// big enough to be split before staging, one-row products and narrow ones that run as
// their transpose. Offsets and padded C rows are included. Each in
// float64 (to 1e-12) and float32 (to float32 round-off over K terms, against the same
// naive loop in float64 on the float32 operands).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PRECISIONS, floats } from '../../src/rnn/floats.ts';
import type { Precision } from '../../src/rnn/floats.ts';
import { gemm, setGemmKernel } from '../../src/rnn/kernels/gemm.ts';
import type { GemmKernel } from '../../src/rnn/kernels/gemm.ts';
import { createRandom } from '../../src/rnn/random.ts';

type Pattern = 'NN' | 'NT' | 'TN';
const random = createRandom(1);
let precision: Precision = 'float64';
const fill = (n: number) => {
  const a = floats(precision, n);
  for (let i = 0; i < n; i++) a[i] = random.uniform(-1, 1);
  return a;
};
const TOLERANCE: Record<Precision, number> = { float64: 1e-12, float32: 1e-5 };

/** Max relative error of gemm against a naive loop (in float64) on the same operands. */
function gemmError(M: number, N: number, K: number, pattern: Pattern): number {
  const aOff = 3,
    bOff = 5,
    cOff = 2,
    cRow = N + 1;
  // NN: A [M, K] and B [K, N] row-major; NT: B stored [N, K]; TN: A stored [K, M].
  const [aRow, aCol] = pattern === 'TN' ? [1, M] : [K, 1];
  const [bRow, bCol] = pattern === 'NT' ? [1, K] : [N, 1];
  const A = fill(aOff + M * K + 4),
    B = fill(bOff + K * N + 4),
    C = fill(cOff + M * cRow + 4);
  const expected = Float64Array.from(C);
  for (let i = 0; i < M; i++)
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += A[aOff + i * aRow + k * aCol]! * B[bOff + k * bRow + j * bCol]!;
      expected[cOff + i * cRow + j]! += s;
    }
  gemm(M, N, K, A, aOff, aRow, aCol, B, bOff, bRow, bCol, C, cOff, cRow);
  let worst = 0;
  for (let i = 0; i < C.length; i++)
    worst = Math.max(worst, Math.abs(C[i]! - expected[i]!) / Math.max(1, Math.abs(expected[i]!)));
  return worst;
}

afterEach(() => {
  setGemmKernel('auto');
  precision = 'float64';
});

describe.each(PRECISIONS)('gemm, %s', (p) => {
  beforeEach(() => {
    precision = p;
  });

  it('the WebAssembly SIMD kernels are available on this Node', () => {
    expect(setGemmKernel('auto')).toBe(true);
  });

  for (const kernel of ['js', 'wasm', 'auto'] as GemmKernel[]) {
    for (const pattern of ['NN', 'NT', 'TN'] as Pattern[]) {
      const name = `${kernel} kernel, ${pattern}`;
      it(`${name}: every M, N, K in 1..9 and larger odd shapes match a naive loop`, () => {
        setGemmKernel(kernel);
        let worst = 0;
        for (let M = 1; M <= 9; M++)
          for (let N = 1; N <= 9; N++)
            for (let K = 1; K <= 9; K++) worst = Math.max(worst, gemmError(M, N, K, pattern));
        for (const [M, N, K] of [
          [37, 29, 300],
          [64, 128, 33],
          [5, 131, 257],
          // one row of C (jvec1), and C narrower than a jvec block (a TN one runs transposed: dWx)
          [1, 40, 33],
          [131, 3, 257],
          [48, 1, 300],
        ] as const)
          worst = Math.max(worst, gemmError(M, N, K, pattern));
        expect(worst).toBeLessThan(TOLERANCE[p]);
      });
    }
  }

  it('a product too big to stage at once is split and still exact', () => {
    setGemmKernel('wasm');
    expect(gemmError(1024, 1030, 2100, 'NN')).toBeLessThan(TOLERANCE[p] * 10);
  });

  it('honours offsets and row strides of C (writes only its block)', () => {
    const A = floats(p, 4); // [2, 2]
    A.set([1, 2, 3, 4]);
    const Bm = floats(p, 4); // [2, 2]
    Bm.set([5, 6, 7, 8]);
    const C = floats(p, 12).fill(-1); // a 2×2 block at offset 5, row stride 4
    gemm(2, 2, 2, A, 0, 2, 1, Bm, 0, 2, 1, C, 5, 4);
    expect(Array.from(C)).toEqual([-1, -1, -1, -1, -1, 18, 21, -1, -1, 42, 49, -1]);
  });
});
