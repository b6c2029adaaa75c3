// A pinned weight matrix: products read it from the module memory, and a narrow float32
// one also keeps its transpose, which NT products on it read instead. Each against a naive
// loop, on whole matrices and on row blocks (a GRU reads Wh a gate block at a time), with
// odd row counts (whose edge rows JS reads from the module memory itself) and with the
// memory growing under a product (which detaches the view the product was handed).
import { afterEach, describe, expect, it } from 'vitest';
import { floats } from '../../src/rnn/floats.ts';
import type { Precision } from '../../src/rnn/floats.ts';
import { gemm } from '../../src/rnn/kernels/gemm.ts';
import { pinWeights, stagingBase, unpinWeights } from '../../src/rnn/kernels/pinned-weights.ts';
import { reserveHeap, wasm } from '../../src/rnn/kernels/wasm-instance.ts';
import { createRandom } from '../../src/rnn/random.ts';

const random = createRandom(8);
const fill = (p: Precision, n: number) => {
  const a = floats(p, n);
  for (let i = 0; i < n; i++) a[i] = random.uniform(-1, 1);
  return a;
};

afterEach(() => unpinWeights());

/** C += A·W[r0 … r0 + N − 1, :]ᵀ with W [rows, cols] pinned; worst relative error against a naive loop. */
function ntProductError(
  p: Precision,
  M: number,
  W: ReturnType<typeof fill>,
  cols: number,
  r0: number,
  N: number,
) {
  const A = fill(p, M * cols),
    C = fill(p, M * N);
  const expected = Float64Array.from(C);
  for (let i = 0; i < M; i++)
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < cols; k++) s += A[i * cols + k]! * W[(r0 + j) * cols + k]!;
      expected[i * N + j]! += s;
    }
  // B (k, j) = W[r0 + j, k]: row stride 1, column stride cols.
  gemm(M, N, cols, A, 0, cols, 1, W, r0 * cols, 1, cols, C, 0, N);
  let worst = 0;
  for (let i = 0; i < C.length; i++)
    worst = Math.max(worst, Math.abs(C[i]! - expected[i]!) / Math.max(1, Math.abs(expected[i]!)));
  return worst;
}

describe('pinned weights', () => {
  it('the first product grows the memory under a pinned transpose, and is still right', () => {
    const before = wasm!.memory.buffer.byteLength;
    const W = fill('float32', 96 * 32);
    pinWeights(W, 0, W.length, 32);
    // A and C of 4001 rows need far more than the fresh module's memory.
    expect(ntProductError('float32', 4001, W, 32, 0, 96)).toBeLessThan(1e-5);
    expect(wasm!.memory.buffer.byteLength).toBeGreaterThan(before);
  });

  it.each([
    ['float32', 16, 0, 48, 33],
    ['float32', 32, 64, 32, 7],
    ['float32', 32, 0, 64, 64],
    ['float32', 128, 0, 512, 31],
    ['float64', 16, 16, 32, 9],
  ] as const)('%s, W [.., %i]: rows %i … +%i, M = %i, match a naive loop', (p, cols, r0, N, M) => {
    const W = fill(p, 96 * cols);
    pinWeights(W, 0, W.length, cols);
    expect(ntProductError(p, M, W, cols, r0, Math.min(N, 96 - r0))).toBeLessThan(
      p === 'float32' ? 1e-5 : 1e-12,
    );
  });

  it('NT products on a narrow float32 pin read its transpose; wider or float64 pins keep none', () => {
    const keeps = (p: Precision, cols: number) => {
      const W = fill(p, 96 * cols);
      pinWeights(W, 0, W.length, cols);
      const kept = stagingBase(p) > W.length;
      if (kept) {
        // Spoil the transpose (it sits above W): the NT product must then come out NaN.
        reserveHeap(p, stagingBase(p)).fill(Number.NaN, Math.ceil(W.length / 4) * 4, stagingBase(p));
        expect(ntProductError(p, 8, W, cols, 0, 96)).toBeNaN();
      }
      unpinWeights();
      return kept;
    };
    expect(keeps('float32', 16)).toBe(true);
    expect(keeps('float32', 32)).toBe(true);
    expect(keeps('float32', 64)).toBe(false);
    expect(keeps('float64', 16)).toBe(false);
  });
});
