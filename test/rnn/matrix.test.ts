// The matrix verbs the cells are written in: each against a naive loop on views with
// offsets and padded rows, and a shape slip refused rather than read from the next block.
import { describe, expect, it } from 'vitest';
import {
  matmulAdd,
  matmulTransAAdd,
  matmulTransBAdd,
  matrixView,
  sumRowsAdd,
} from '../../src/rnn/kernels/matrix.ts';
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

  // Small (the JS kernel) and big enough for wasm (one-row jvec, with column edges), in both precisions.
  it.each([
    [7, 13, 'float64'],
    [300, 67, 'float64'],
    [300, 67, 'float32'],
  ] as const)('sumRowsAdd: out[0, j] += Σ_i a[i, j], %i × %i, %s', (rows, cols, precision) => {
    const as32 = (v: MatrixView) =>
      precision === 'float32' ? matrixView(Float32Array.from(v.data), v.rows, v.cols, v.offset, v.stride) : v;
    const a = as32(randomView(rows, cols)),
      out = as32(randomView(1, cols));
    const expected = Array.from({ length: cols }, (_, j) => {
      let s = at(out, 0, j);
      for (let i = 0; i < rows; i++) s += at(a, i, j);
      return s;
    });
    sumRowsAdd(out, a);
    const worst = Math.max(...expected.map((e, j) => Math.abs(at(out, 0, j) - e)));
    expect(worst).toBeLessThan(precision === 'float32' ? 1e-4 : 1e-12);
    expect(() => sumRowsAdd(randomView(2, cols), a)).toThrow(/does not fit/);
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
