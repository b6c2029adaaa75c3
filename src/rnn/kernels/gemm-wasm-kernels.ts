// The two WebAssembly SIMD gemm kernels, written with wasm-assembler.ts, and the module
// that exports them with its memory. f64x2 lanes keep every product IEEE double; only
// the order of the sums differs from the JS kernel.
import {
  ADD,
  F64X2_ADD,
  F64_ADD,
  I32,
  MUL,
  SHL,
  SUB,
  addTo,
  below,
  bytes,
  chain,
  doWhile,
  f64Load,
  f64Splat,
  f64Store,
  get,
  i32,
  lane,
  locals,
  mulAdd,
  name,
  section,
  set,
  uleb,
  v128Load,
  v128Store,
  vector,
  zero,
} from './wasm-assembler.ts';
import type { Code } from './wasm-assembler.ts';

/**
 * jvec(M, N, K, a, aRow, aCol, b, bRow, c, cRow), byte pointers and strides, M % 4 = N % 4 = 0:
 * for each 4×4 block of C, over k: two vectors B[k, j..j+3], A[i+r, k] broadcast, 8 f64x2
 * accumulators.
 */
function jvecKernel(): number[] {
  // Parameters (M, N, K, a, aRow, aCol, b, bRow, c, cRow); blockLoops reads M, N, a and c.
  const [, , K, , aRow, aCol, b, bRow, , cRow] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const { i32s, v128s, declaration } = locals(11, 11);
  const [i, j, k, p0, p1, p2, p3, q, cj, ai, ci] = i32s;
  const [b0, b1, x, ...acc] = v128s;
  const rows = [p0, p1, p2, p3];
  const kStep = bytes(
    get(q),
    v128Load(0),
    set(b0),
    get(q),
    v128Load(16),
    set(b1),
    rows.map((p, r) =>
      bytes(get(p), f64Splat, set(x), mulAdd(acc[2 * r]!, x, b0), mulAdd(acc[2 * r + 1]!, x, b1)),
    ),
    rows.map((p) => addTo(p, get(aCol))),
    addTo(q, get(bRow)),
    get(k),
    i32(1),
    SUB,
    set(k),
  );
  const storeRow = (r: number) =>
    bytes(
      get(cj),
      get(cj),
      v128Load(0),
      get(acc[2 * r]!),
      F64X2_ADD,
      v128Store(0),
      get(cj),
      get(cj),
      v128Load(16),
      get(acc[2 * r + 1]!),
      F64X2_ADD,
      v128Store(16),
      addTo(cj, get(cRow)),
    );
  const block = bytes(
    acc.map(zero),
    get(ai),
    set(p0),
    chain(p0, aRow, [p1, p2, p3]),
    get(b),
    get(j),
    i32(3),
    SHL,
    ADD,
    set(q),
    get(K),
    set(k),
    doWhile(kStep, get(k)),
    get(ci),
    get(j),
    i32(3),
    SHL,
    ADD,
    set(cj),
    [0, 1, 2, 3].map(storeRow),
    addTo(j, i32(4)),
  );
  return blockLoops(declaration, { i, j, ai, ci }, block, 2);
}

/**
 * The function body both kernels share around their block of C: rows 2^rowShift at a time
 * (ai, ci step to the next rows of A and C), and inside, columns 4 at a time running
 * `block`. Parameters M, N, a, aRow, c, cRow sit at the same indices in both signatures.
 */
function blockLoops(
  declaration: Code,
  { i, j, ai, ci }: { i: number; j: number; ai: number; ci: number },
  block: Code,
  rowShift: number,
): number[] {
  const [M, N, a, aRow, c, cRow] = [0, 1, 3, 4, 8, 9];
  const rowPass = bytes(
    i32(0),
    set(j),
    doWhile(block, below(j, N)),
    addTo(ai, bytes(get(aRow), i32(rowShift), SHL)),
    addTo(ci, bytes(get(cRow), i32(rowShift), SHL)),
    addTo(i, i32(1 << rowShift)),
  );
  return bytes(
    declaration,
    i32(0),
    set(i),
    get(a),
    set(ai),
    get(c),
    set(ci),
    doWhile(rowPass, below(i, M)),
    0x0b,
  );
}

/**
 * kvec(M, N, K, a, aRow, _, b, bCol, c, cRow), byte pointers and strides, M % 2 = N % 4 =
 * K % 2 = 0, A's rows and B's columns contiguous: for each 2×4 block of C, 8 f64x2
 * dot-product accumulators over k in pairs, summed across lanes at the end.
 */
function kvecKernel(): number[] {
  // Parameters (M, N, K, a, aRow, _, b, bCol, c, cRow); blockLoops reads M, N, a and c.
  const [, , K, , aRow, , b, bCol, , cRow] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const { i32s, v128s, declaration } = locals(12, 11);
  const [i, j, pa0, pa1, q0, q1, q2, q3, end, cj, ai, ci] = i32s;
  const [x0, x1, y, ...acc] = v128s;
  const columns = [q0, q1, q2, q3];
  const kStep = bytes(
    get(pa0),
    v128Load(0),
    set(x0),
    get(pa1),
    v128Load(0),
    set(x1),
    columns.map((q, n) =>
      bytes(get(q), v128Load(0), set(y), mulAdd(acc[n]!, x0, y), mulAdd(acc[4 + n]!, x1, y)),
    ),
    [pa0, pa1, ...columns].map((p) => addTo(p, i32(16))),
  );
  const storeSum = (s: number, offset: number) =>
    bytes(
      get(cj),
      get(cj),
      f64Load(offset),
      get(s),
      lane(0),
      F64_ADD,
      get(s),
      lane(1),
      F64_ADD,
      f64Store(offset),
    );
  const block = bytes(
    acc.map(zero),
    get(ai),
    set(pa0),
    get(ai),
    get(aRow),
    ADD,
    set(pa1),
    get(ai),
    get(K),
    i32(3),
    SHL,
    ADD,
    set(end),
    get(b),
    get(j),
    get(bCol),
    MUL,
    ADD,
    set(q0),
    chain(q0, bCol, [q1, q2, q3]),
    doWhile(kStep, below(pa0, end)),
    get(ci),
    get(j),
    i32(3),
    SHL,
    ADD,
    set(cj),
    [0, 1, 2, 3].map((n) => storeSum(acc[n]!, 8 * n)),
    addTo(cj, get(cRow)),
    [0, 1, 2, 3].map((n) => storeSum(acc[4 + n]!, 8 * n)),
    addTo(j, i32(4)),
  );
  return blockLoops(declaration, { i, j, ai, ci }, block, 1);
}

export function moduleBytes(): Uint8Array {
  const kernelType = bytes(0x60, vector(new Array<Code>(10).fill(I32)), vector([]));
  const bodies = [jvecKernel(), kvecKernel()];
  return new Uint8Array(
    bytes(
      [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
      section(1, vector([kernelType])),
      section(3, vector([0, 0])),
      section(5, vector([[0x00, 1]])), // one memory, 1 page to start
      section(7, vector([bytes(name('memory'), 2, 0), bytes(name('jvec'), 0, 0), bytes(name('kvec'), 0, 1)])),
      section(10, vector(bodies.map((body) => bytes(uleb(body.length), body)))),
    ),
  );
}
