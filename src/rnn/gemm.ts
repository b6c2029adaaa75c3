// Dense matrix multiply-accumulate over strided Float64Arrays: the one kernel every cell,
// the head and BPTT spend their time in.
//
// C[M, N] += A[M, K] · B[K, N], where element (i, k) of A is A[aOff + i·aRow + k·aCol]
// and element (k, j) of B is B[bOff + k·bRow + j·bCol]; C is row-major with row stride
// cRow. Transposes are just swapped strides, so NN, NT and TN products share this code.
// Operands must not overlap C's elements.
//
// Why two kernels: scalar JS tops out near 2–3 GFLOP/s here (every typed-array load pays a
// bounds check, TurboFan re-checks the array maps each iteration and spills a 2×4 block's
// accumulators), which left training slower than tf.js's wasm backend at H = 128. So big
// products run in a small WebAssembly SIMD module (f64x2, still IEEE double: only the
// summation order differs), 4–6× faster including the copies in and out of its memory:
//   jvec  when B's rows are contiguous (bCol = 1: NN and TN): 4×4 blocks of C, B read as
//         vectors along j, A broadcast;
//   kvec  when A's rows and B's columns are contiguous (aCol = bRow = 1: NT): 2×4 blocks,
//         dot products as vectors along k.
// The operands' index ranges are copied into the module's memory, the kernel does the
// block-aligned part, C's range is copied back, and the few leftover rows, columns (and
// k for kvec) go through the JS kernel. Small products, other stride patterns and hosts
// without wasm SIMD use the JS kernel (2 rows × 4 columns of C held in locals).
// The module is ~1.4 kB, assembled below at load time.

export type GemmKernel = 'auto' | 'js' | 'wasm';

export function gemm(
  M: number, N: number, K: number,
  A: Float64Array, aOff: number, aRow: number, aCol: number,
  B: Float64Array, bOff: number, bRow: number, bCol: number,
  C: Float64Array, cOff: number, cRow: number,
): void {
  const kernel = pickKernel(M, N, K, aRow, aCol, bRow, bCol, cRow);
  if (kernel === null) gemmJs(M, N, K, A, aOff, aRow, aCol, B, bOff, bRow, bCol, C, cOff, cRow);
  else gemmWasm(kernel, M, N, K, A, aOff, aRow, aCol, B, bOff, bRow, bCol, C, cOff, cRow);
}

let mode: GemmKernel = 'auto';

/**
 * 'auto' (default): wasm for products of at least WASM_MIN_WORK multiply-adds; 'js': never
 * wasm; 'wasm': wasm whenever the strides allow (tests use it to reach every path).
 * Returns whether the wasm kernels are available on this host.
 */
export function setGemmKernel(kernel: GemmKernel): boolean {
  mode = kernel;
  return wasm !== null;
}

/**
 * Below about this many multiply-adds (M·N·K) the copies and call cost more than wasm
 * saves (measured: 8×8×8 is faster in JS, 4×16×16 already faster in wasm).
 */
const WASM_MIN_WORK = 1024;

function pickKernel(M: number, N: number, K: number, aRow: number, aCol: number, bRow: number, bCol: number, cRow: number): Kernel | null {
  if (wasm === null || mode === 'js' || (mode === 'auto' && M * N * K < WASM_MIN_WORK)) return null;
  if (aRow < 0 || aCol < 0 || bRow < 0 || cRow < 0) return null;
  if (bCol === 1 && M >= 4 && N >= 4) return wasm.jvec;
  if (aCol === 1 && bRow === 1 && M >= 2 && N >= 4 && K >= 2) return wasm.kvec;
  return null;
}

// ---------------------------------------------------------------- JS kernel

/** The pure-JS kernel: small products, edges of the wasm ones, and the fallback. */
export function gemmJs(
  M: number, N: number, K: number,
  A: Float64Array, aOff: number, aRow: number, aCol: number,
  B: Float64Array, bOff: number, bRow: number, bCol: number,
  C: Float64Array, cOff: number, cRow: number,
): void {
  if (N < 4 && aRow === 1) gemmJsColumns(M, N, K, A, aOff, aCol, B, bOff, bRow, bCol, C, cOff, cRow);
  else gemmJsBlocked(M, N, K, A, aOff, aRow, aCol, B, bOff, bRow, bCol, C, cOff, cRow);
}

/**
 * Register-blocked: 2 rows × 4 columns of C in locals per pass over k, then a 2×1 strip
 * for leftover columns and a 1×N strip for a leftover row.
 */
function gemmJsBlocked(
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

/**
 * A few columns of C when A's rows are adjacent (aRow = 1, e.g. the input-weight gradient
 * daᵀ·x with F = 1): k outermost, four k at a time, so A is read once, in order, instead
 * of once per row pair.
 */
function gemmJsColumns(
  M: number, N: number, K: number,
  A: Float64Array, aOff: number, aCol: number,
  B: Float64Array, bOff: number, bRow: number, bCol: number,
  C: Float64Array, cOff: number, cRow: number,
): void {
  const K4 = K - (K % 4);
  for (let j = 0; j < N; j++) {
    const q = bOff + j * bCol, c0 = cOff + j;
    let k = 0;
    for (; k < K4; k += 4) {
      const y0 = B[q + k * bRow]!, y1 = B[q + (k + 1) * bRow]!, y2 = B[q + (k + 2) * bRow]!, y3 = B[q + (k + 3) * bRow]!;
      const p0 = aOff + k * aCol, p1 = p0 + aCol, p2 = p1 + aCol, p3 = p2 + aCol;
      for (let i = 0; i < M; i++) C[c0 + i * cRow] += A[p0 + i]! * y0 + A[p1 + i]! * y1 + A[p2 + i]! * y2 + A[p3 + i]! * y3;
    }
    for (; k < K; k++) {
      const y = B[q + k * bRow]!, p = aOff + k * aCol;
      for (let i = 0; i < M; i++) C[c0 + i * cRow] += A[p + i]! * y;
    }
  }
}

// ---------------------------------------------------------------- wasm staging

type KernelFn = (M: number, N: number, K: number, a: number, aRow: number, aCol: number, b: number, bRow: number, c: number, cRow: number) => void;
interface Kernel { name: 'jvec' | 'kvec'; run: KernelFn }

/** Largest product staged at once (doubles of A, B and C ranges); bigger ones are split. */
const MAX_STAGED = 1 << 23;
/** k-slice per kernel call, so a block's stretch of A and B stays in cache. */
const K_CHUNK = 256;

function gemmWasm(
  kernel: Kernel, M: number, N: number, K: number,
  A: Float64Array, aOff: number, aRow: number, aCol: number,
  B: Float64Array, bOff: number, bRow: number, bCol: number,
  C: Float64Array, cOff: number, cRow: number,
): void {
  const aLen = (M - 1) * aRow + (K - 1) * aCol + 1, bLen = (K - 1) * bRow + (N - 1) * bCol + 1, cLen = (M - 1) * cRow + N;
  if (aLen + bLen + cLen > MAX_STAGED) {
    splitProduct(M, N, K, A, aOff, aRow, aCol, B, bOff, bRow, bCol, C, cOff, cRow);
    return;
  }
  const aAt = 0, bAt = even(aLen), cAt = bAt + even(bLen);
  const heap = reserveHeap(cAt + cLen);
  heap.set(A.subarray(aOff, aOff + aLen), aAt);
  heap.set(B.subarray(bOff, bOff + bLen), bAt);
  heap.set(C.subarray(cOff, cOff + cLen), cAt);
  const { Mw, Nw, Kw } = runStaged(kernel, M, N, K, aAt, aRow, aCol, bAt, bRow, bCol, cAt, cRow);
  C.set(heap.subarray(cAt, cAt + cLen), cOff);
  // Leftovers the kernel's block sizes did not cover.
  if (Kw < K) gemmJs(Mw, Nw, K - Kw, A, aOff + Kw * aCol, aRow, aCol, B, bOff + Kw * bRow, bRow, bCol, C, cOff, cRow);
  if (Nw < N) gemmJs(Mw, N - Nw, K, A, aOff, aRow, aCol, B, bOff + Nw * bCol, bRow, bCol, C, cOff + Nw, cRow);
  if (Mw < M) gemmJs(M - Mw, N, K, A, aOff + Mw * aRow, aRow, aCol, B, bOff, bRow, bCol, C, cOff + Mw * cRow, cRow);
}

/** Runs the kernel over k-chunks on staged operands (element offsets); returns what it covered. */
function runStaged(kernel: Kernel, M: number, N: number, K: number, aAt: number, aRow: number, aCol: number, bAt: number, bRow: number, bCol: number, cAt: number, cRow: number): { Mw: number; Nw: number; Kw: number } {
  const jvec = kernel.name === 'jvec';
  const Mw = jvec ? M - (M % 4) : M - (M % 2), Nw = N - (N % 4), Kw = jvec ? K : K - (K % 2);
  for (let k0 = 0; k0 < Kw; k0 += K_CHUNK) {
    const kc = Math.min(K_CHUNK, Kw - k0);
    kernel.run(Mw, Nw, kc, 8 * (aAt + k0 * aCol), 8 * aRow, 8 * aCol, 8 * (bAt + k0 * bRow), 8 * (jvec ? bRow : bCol), 8 * cAt, 8 * cRow);
  }
  return { Mw, Nw, Kw };
}

/** Halves the longest of K, M, N: two products that each stage less. */
function splitProduct(
  M: number, N: number, K: number,
  A: Float64Array, aOff: number, aRow: number, aCol: number,
  B: Float64Array, bOff: number, bRow: number, bCol: number,
  C: Float64Array, cOff: number, cRow: number,
): void {
  if (K >= M && K >= N && K > 1) {
    const h = K >> 1;
    gemm(M, N, h, A, aOff, aRow, aCol, B, bOff, bRow, bCol, C, cOff, cRow);
    gemm(M, N, K - h, A, aOff + h * aCol, aRow, aCol, B, bOff + h * bRow, bRow, bCol, C, cOff, cRow);
  } else if (M >= N && M > 1) {
    const h = M >> 1;
    gemm(h, N, K, A, aOff, aRow, aCol, B, bOff, bRow, bCol, C, cOff, cRow);
    gemm(M - h, N, K, A, aOff + h * aRow, aRow, aCol, B, bOff, bRow, bCol, C, cOff + h * cRow, cRow);
  } else if (N > 1) {
    const h = N >> 1;
    gemm(M, h, K, A, aOff, aRow, aCol, B, bOff, bRow, bCol, C, cOff, cRow);
    gemm(M, N - h, K, A, aOff, aRow, aCol, B, bOff + h * bCol, bRow, bCol, C, cOff + h, cRow);
  } else {
    gemmJs(M, N, K, A, aOff, aRow, aCol, B, bOff, bRow, bCol, C, cOff, cRow);
  }
}

const even = (n: number) => n + (n & 1);

let heapView: Float64Array | null = null;

/** The module memory as doubles, grown to hold at least n. */
function reserveHeap(n: number): Float64Array {
  const memory = wasm!.memory;
  if (n * 8 > memory.buffer.byteLength) memory.grow(Math.ceil((n * 8 - memory.buffer.byteLength) / 65536));
  if (heapView === null || heapView.buffer !== memory.buffer) heapView = new Float64Array(memory.buffer);
  return heapView;
}

// ---------------------------------------------------------------- wasm assembler
// Just enough of the binary format for two loop nests of i32 and v128 locals.

type Code = number | Code[];

/** Flattens nested byte lists, so instructions can be written as nested arrays. */
function bytes(...parts: Code[]): number[] {
  const out: number[] = [];
  const walk = (c: Code): void => { if (typeof c === 'number') out.push(c); else c.forEach(walk); };
  parts.forEach(walk);
  return out;
}

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    const low = n & 0x7f;
    n >>>= 7;
    out.push(n ? low | 0x80 : low);
  } while (n);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const low = n & 0x7f;
    n >>= 7;
    const done = (n === 0 && !(low & 0x40)) || (n === -1 && (low & 0x40) !== 0);
    out.push(done ? low : low | 0x80);
    if (done) return out;
  }
}

const vector = (items: Code[]) => bytes(uleb(items.length), items);
const section = (id: number, body: number[]) => bytes(id, uleb(body.length), body);
const name = (s: string) => bytes(uleb(s.length), [...s].map((c) => c.charCodeAt(0)));

const I32 = 0x7f, V128 = 0x7b;
const get = (l: number) => bytes(0x20, uleb(l));
const set = (l: number) => bytes(0x21, uleb(l));
const i32 = (v: number) => bytes(0x41, sleb(v));
const ADD = 0x6a, MUL = 0x6c, SUB = 0x6b, SHL = 0x74, LT_U = 0x49;
const simd = (op: number) => bytes(0xfd, uleb(op));
const v128Load = (offset: number) => bytes(simd(0x00), 4, uleb(offset));
const v128Store = (offset: number) => bytes(simd(0x0b), 4, uleb(offset));
const f64Splat = bytes(simd(0x0a), 3, 0); // v128.load64_splat
const f64Load = (offset: number) => bytes(0x2b, 3, uleb(offset));
const f64Store = (offset: number) => bytes(0x39, 3, uleb(offset));
const lane = (n: number) => bytes(simd(0x21), n); // f64x2.extract_lane
const F64_ADD = 0xa0, F64X2_ADD = simd(0xf0), F64X2_MUL = simd(0xf2);
const zero = (l: number) => bytes(simd(0x0c), new Array<number>(16).fill(0), set(l));

/** do { body } while (condition): the loop runs at least once. */
const doWhile = (body: Code, condition: Code) => bytes(0x03, 0x40, body, condition, 0x0d, 0, 0x0b);
const addTo = (l: number, amount: Code) => bytes(get(l), amount, ADD, set(l));
const below = (l: number, limit: number) => bytes(get(l), get(limit), LT_U);
/** acc += x · y on f64x2 locals. */
const mulAdd = (acc: number, x: number, y: number) => bytes(get(acc), get(x), get(y), F64X2_MUL, F64X2_ADD, set(acc));
/** l = base + step, base + 2·step, … for each l in ls. */
const chain = (base: number, step: number, ls: number[]) => ls.map((l, r) => bytes(get(r === 0 ? base : ls[r - 1]!), get(step), ADD, set(l)));

/** Allocates local indices after the kernel's 10 i32 parameters. */
function locals(i32Count: number, v128Count: number) {
  const i32s = Array.from({ length: i32Count }, (_, n) => 10 + n);
  const v128s = Array.from({ length: v128Count }, (_, n) => 10 + i32Count + n);
  return { i32s, v128s, declaration: vector([bytes(uleb(i32Count), I32), bytes(uleb(v128Count), V128)]) };
}

/**
 * jvec(M, N, K, a, aRow, aCol, b, bRow, c, cRow), byte pointers and strides, M % 4 = N % 4 = 0:
 * for each 4×4 block of C, over k: two vectors B[k, j..j+3], A[i+r, k] broadcast, 8 f64x2
 * accumulators.
 */
function jvecKernel(): number[] {
  const [M, N, K, a, aRow, aCol, b, bRow, c, cRow] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const { i32s, v128s, declaration } = locals(11, 11);
  const [i, j, k, p0, p1, p2, p3, q, cj, ai, ci] = i32s;
  const [b0, b1, x, ...acc] = v128s;
  const rows = [p0, p1, p2, p3];
  const kStep = bytes(
    get(q), v128Load(0), set(b0), get(q), v128Load(16), set(b1),
    rows.map((p, r) => bytes(get(p), f64Splat, set(x), mulAdd(acc[2 * r]!, x, b0), mulAdd(acc[2 * r + 1]!, x, b1))),
    rows.map((p) => addTo(p, get(aCol))), addTo(q, get(bRow)),
    get(k), i32(1), SUB, set(k),
  );
  const storeRow = (r: number) => bytes(
    get(cj), get(cj), v128Load(0), get(acc[2 * r]!), F64X2_ADD, v128Store(0),
    get(cj), get(cj), v128Load(16), get(acc[2 * r + 1]!), F64X2_ADD, v128Store(16),
    addTo(cj, get(cRow)),
  );
  const block = bytes(
    acc.map(zero),
    get(ai), set(p0), chain(p0, aRow, [p1, p2, p3]),
    get(b), get(j), i32(3), SHL, ADD, set(q),
    get(K), set(k),
    doWhile(kStep, get(k)),
    get(ci), get(j), i32(3), SHL, ADD, set(cj),
    [0, 1, 2, 3].map(storeRow),
    addTo(j, i32(4)),
  );
  const rowBlock = bytes(
    i32(0), set(j), doWhile(block, below(j, N)),
    addTo(ai, bytes(get(aRow), i32(2), SHL)), addTo(ci, bytes(get(cRow), i32(2), SHL)), addTo(i, i32(4)),
  );
  return bytes(declaration, i32(0), set(i), get(a), set(ai), get(c), set(ci), doWhile(rowBlock, below(i, M)), 0x0b);
}

/**
 * kvec(M, N, K, a, aRow, _, b, bCol, c, cRow), byte pointers and strides, M % 2 = N % 4 =
 * K % 2 = 0, A's rows and B's columns contiguous: for each 2×4 block of C, 8 f64x2
 * dot-product accumulators over k in pairs, summed across lanes at the end.
 */
function kvecKernel(): number[] {
  const [M, N, K, a, aRow, , b, bCol, c, cRow] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const { i32s, v128s, declaration } = locals(12, 11);
  const [i, j, pa0, pa1, q0, q1, q2, q3, end, cj, ai, ci] = i32s;
  const [x0, x1, y, ...acc] = v128s;
  const columns = [q0, q1, q2, q3];
  const kStep = bytes(
    get(pa0), v128Load(0), set(x0), get(pa1), v128Load(0), set(x1),
    columns.map((q, n) => bytes(get(q), v128Load(0), set(y), mulAdd(acc[n]!, x0, y), mulAdd(acc[4 + n]!, x1, y))),
    [pa0, pa1, ...columns].map((p) => addTo(p, i32(16))),
  );
  const storeSum = (s: number, offset: number) => bytes(
    get(cj), get(cj), f64Load(offset), get(s), lane(0), F64_ADD, get(s), lane(1), F64_ADD, f64Store(offset),
  );
  const block = bytes(
    acc.map(zero),
    get(ai), set(pa0), get(ai), get(aRow), ADD, set(pa1),
    get(ai), get(K), i32(3), SHL, ADD, set(end),
    get(b), get(j), get(bCol), MUL, ADD, set(q0), chain(q0, bCol, [q1, q2, q3]),
    doWhile(kStep, below(pa0, end)),
    get(ci), get(j), i32(3), SHL, ADD, set(cj),
    [0, 1, 2, 3].map((n) => storeSum(acc[n]!, 8 * n)),
    addTo(cj, get(cRow)),
    [0, 1, 2, 3].map((n) => storeSum(acc[4 + n]!, 8 * n)),
    addTo(j, i32(4)),
  );
  const rowPair = bytes(
    i32(0), set(j), doWhile(block, below(j, N)),
    addTo(ai, bytes(get(aRow), i32(1), SHL)), addTo(ci, bytes(get(cRow), i32(1), SHL)), addTo(i, i32(2)),
  );
  return bytes(declaration, i32(0), set(i), get(a), set(ai), get(c), set(ci), doWhile(rowPair, below(i, M)), 0x0b);
}

function moduleBytes(): Uint8Array {
  const kernelType = bytes(0x60, vector(new Array<Code>(10).fill(I32)), vector([]));
  const bodies = [jvecKernel(), kvecKernel()];
  return new Uint8Array(bytes(
    [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    section(1, vector([kernelType])),
    section(3, vector([0, 0])),
    section(5, vector([[0x00, 1]])), // one memory, 1 page to start
    section(7, vector([bytes(name('memory'), 2, 0), bytes(name('jvec'), 0, 0), bytes(name('kvec'), 0, 1)])),
    section(10, vector(bodies.map((body) => bytes(uleb(body.length), body)))),
  ));
}

// The compiler's lib (ES2023 + @types/node) has no WebAssembly declarations, so these
// are the few members used.
interface WasmMemory { readonly buffer: ArrayBuffer; grow(pages: number): number }
interface WasmApi {
  validate(code: Uint8Array): boolean;
  Module: new (code: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
interface WasmKernels { memory: WasmMemory; jvec: Kernel; kvec: Kernel }

/** null where WebAssembly or its SIMD proposal is missing: the JS kernel does everything. */
function instantiate(): WasmKernels | null {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  try {
    const code = moduleBytes();
    if (!api || !api.validate(code)) return null;
    const { exports } = new api.Instance(new api.Module(code), {});
    return {
      memory: exports.memory as WasmMemory,
      jvec: { name: 'jvec', run: exports.jvec as KernelFn },
      kvec: { name: 'kvec', run: exports.kvec as KernelFn },
    };
  } catch {
    return null;
  }
}

const wasm = instantiate();
