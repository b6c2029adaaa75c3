// The matrix verbs the cells are written in: each against a naive loop on views with
// offsets and padded rows, and a shape slip refused rather than read from the next block.
import { describe, expect, it } from 'vitest';
import { matmulAdd, matmulTransAAdd, matmulTransBAdd, matrixView } from '../../src/rnn/kernels/matrix.ts';
import type { MatrixView } from '../../src/rnn/kernels/matrix.ts';
import { createRandom } from '../../src/rnn/random.ts';

const random = createRandom(3);

/** A rows × cols view 2 values into a random buffer, rows padded by 1. */
function randomView(rows: number, cols: number): MatrixView {
  const data = Float64Array.from({ length: 2 + rows * (cols + 1) }, () => random.uniform(-1, 1));
  return matrixView(data, rows, cols, 2, cols + 1);
}

const at = (v: MatrixView, i: number, j: number) => v.data[v.offset + i * v.stride + j]!;

/** Max abs difference between out after the verb and out0 + Σ_k a(i, k)·b(k, j). */
function worstError(
  verb: (out: MatrixView, a: MatrixView, b: MatrixView) => void,
  a: MatrixView,
  b: MatrixView,
  aAt: (i: number, k: number) => number,
  bAt: (k: number, j: number) => number,
  M: number,
  N: number,
  K: number,
): number {
  const out = randomView(M, N);
  const before = Float64Array.from(out.data);
  verb(out, a, b);
  let worst = 0;
  for (let i = 0; i < M; i++)
    for (let j = 0; j < N; j++) {
      let s = before[out.offset + i * out.stride + j]!;
      for (let k = 0; k < K; k++) s += aAt(i, k) * bAt(k, j);
      worst = Math.max(worst, Math.abs(at(out, i, j) - s));
    }
  return worst;
}

describe('matrix verbs', () => {
  const [M, N, K] = [7, 13, 9];

  it('matmulAdd: out += a·b', () => {
    const a = randomView(M, K),
      b = randomView(K, N);
    const e = worstError(
      matmulAdd,
      a,
      b,
      (i, k) => at(a, i, k),
      (k, j) => at(b, k, j),
      M,
      N,
      K,
    );
    expect(e).toBeLessThan(1e-12);
  });

  it('matmulTransAAdd: out += aᵀ·b', () => {
    const a = randomView(K, M),
      b = randomView(K, N);
    const e = worstError(
      matmulTransAAdd,
      a,
      b,
      (i, k) => at(a, k, i),
      (k, j) => at(b, k, j),
      M,
      N,
      K,
    );
    expect(e).toBeLessThan(1e-12);
  });

  it('matmulTransBAdd: out += a·bᵀ', () => {
    const a = randomView(M, K),
      b = randomView(N, K);
    const e = worstError(
      matmulTransBAdd,
      a,
      b,
      (i, k) => at(a, i, k),
      (k, j) => at(b, j, k),
      M,
      N,
      K,
    );
    expect(e).toBeLessThan(1e-12);
  });

  it('refuses operands whose shapes do not fit', () => {
    expect(() => matmulAdd(randomView(M, N), randomView(M, K), randomView(K + 1, N))).toThrow(/does not fit/);
    expect(() => matmulTransAAdd(randomView(M, N), randomView(M, K), randomView(K, N))).toThrow(
      /does not fit/,
    );
    expect(() => matmulTransBAdd(randomView(M, N), randomView(M, K), randomView(K, N))).toThrow(
      /does not fit/,
    );
  });
});
