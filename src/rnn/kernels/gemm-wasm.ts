// Runs a product on the WebAssembly SIMD kernels: copies the operands' index ranges into
// the module's memory, runs the block-aligned part in k-chunks that stay in cache, copies
// C back, and leaves leftover rows, columns and k to the JS kernel. Products too big to
// stage at once are split first, so the module memory never grows past 64 MB.
import type { Floats, Precision } from '../floats.ts';
import { LANES, kernelName } from './gemm-kernels-wat.ts';
import { gemmJs } from './gemm-js.ts';
import type { GemmFn } from './gemm-signature.ts';
import { kernelBytes } from './kernel-module.ts';

/** gemmWasm: a product on the given kernel; `gemm` is the dispatcher a split product recurses through. */
type StagedGemmFn = (gemm: GemmFn, kernel: Kernel, ...product: Parameters<GemmFn>) => void;
type SplitGemmFn = (gemm: GemmFn, ...product: Parameters<GemmFn>) => void;

export type KernelFn = (
  M: number,
  N: number,
  K: number,
  a: number,
  aRow: number,
  aCol: number,
  b: number,
  bRow: number,
  c: number,
  cRow: number,
) => void;
export interface Kernel {
  name: 'jvec' | 'kvec';
  precision: Precision;
  /** Lanes per vector: 2 doubles or 4 floats. */
  lanes: number;
  /** Bytes per element. */
  bytes: number;
  run: KernelFn;
}

/**
 * Largest product staged at once, in elements of the A, B and C ranges (64 MB of doubles:
 * as far as the module memory ever grows); bigger ones are split first.
 */
const MAX_STAGED = 1 << 23;
/** k-slice per kernel call, so a block's stretch of A and B stays in cache. */
const K_CHUNK = 256;

export const gemmWasm: StagedGemmFn = (
  gemm,
  kernel,
  M,
  N,
  K,
  A,
  aOff,
  aRow,
  aCol,
  B,
  bOff,
  bRow,
  bCol,
  C,
  cOff,
  cRow,
) => {
  const aLen = (M - 1) * aRow + (K - 1) * aCol + 1,
    bLen = (K - 1) * bRow + (N - 1) * bCol + 1,
    cLen = (M - 1) * cRow + N;
  if (aLen + bLen + cLen > MAX_STAGED) {
    halve(gemm, M, N, K, A, aOff, aRow, aCol, B, bOff, bRow, bCol, C, cOff, cRow);
    return;
  }
  const aAt = 0,
    bAt = roundUp(aLen, kernel.lanes),
    cAt = bAt + roundUp(bLen, kernel.lanes);
  const heap = reserveHeap(kernel.precision, cAt + cLen);
  copyRange(A, aOff, heap, aAt, aLen);
  copyRange(B, bOff, heap, bAt, bLen);
  copyRange(C, cOff, heap, cAt, cLen);
  runStaged(kernel, M, N, K, aAt, aRow, aCol, bAt, bRow, bCol, cAt, cRow);
  const Mw = coveredM,
    Nw = coveredN,
    Kw = coveredK;
  copyRange(heap, cAt, C, cOff, cLen);
  // Leftovers the kernel's block sizes did not cover.
  if (Kw < K)
    gemmJs(Mw, Nw, K - Kw, A, aOff + Kw * aCol, aRow, aCol, B, bOff + Kw * bRow, bRow, bCol, C, cOff, cRow);
  if (Nw < N) gemmJs(Mw, N - Nw, K, A, aOff, aRow, aCol, B, bOff + Nw * bCol, bRow, bCol, C, cOff + Nw, cRow);
  if (Mw < M)
    gemmJs(M - Mw, N, K, A, aOff + Mw * aRow, aRow, aCol, B, bOff, bRow, bCol, C, cOff + Mw * cRow, cRow);
};

/** Below this many elements an element loop copies faster than set() pays its call. */
const LOOP_COPY_MAX = 64;

/**
 * Copy between typed arrays: set() of a view of the source range (a memory copy), the view
 * made once per range and kept (rangeView), so the training hot path allocates nothing per
 * step after its first. The staging copies were most of a small product's time: at H = 32
 * an element loop took more time than the kernel itself.
 */
function copyRange(from: Floats, fromOff: number, to: Floats, toOff: number, n: number): void {
  if (n <= LOOP_COPY_MAX) {
    for (let i = 0; i < n; i++) to[toOff + i] = from[fromOff + i]!;
    return;
  }
  to.set(rangeView(from, fromOff, n), toOff);
}

/** Views kept per array; an array with this many is cleared (a caller striding over a long series). */
const MAX_VIEWS_PER_ARRAY = 4096;
/** Per array, by offset, by length. Two levels of small-integer keys: a combined key past 2^30 would be a boxed double, an allocation per call. */
const views = new WeakMap<Floats, { count: number; byOffset: Map<number, Map<number, Floats>> }>();

/** from[off, off + n) as a view, the same object each time for the same range. */
function rangeView(from: Floats, off: number, n: number): Floats {
  if (off === 0 && n === from.length) return from;
  let kept = views.get(from);
  if (kept === undefined) {
    kept = { count: 0, byOffset: new Map() };
    views.set(from, kept);
  }
  let byLength = kept.byOffset.get(off);
  if (byLength === undefined) {
    if (kept.count >= MAX_VIEWS_PER_ARRAY) {
      kept.byOffset.clear();
      kept.count = 0;
    }
    byLength = new Map();
    kept.byOffset.set(off, byLength);
  }
  let view = byLength.get(n);
  if (view === undefined) {
    view = from.subarray(off, off + n);
    byLength.set(n, view);
    kept.count++;
  }
  return view;
}

// What the last runStaged call covered (block-aligned rows, columns and k): module state,
// not a returned object, for the same reason.
let coveredM = 0,
  coveredN = 0,
  coveredK = 0;

/** Runs the kernel over k-chunks on staged operands (element offsets); sets covered*. */
function runStaged(
  kernel: Kernel,
  M: number,
  N: number,
  K: number,
  aAt: number,
  aRow: number,
  aCol: number,
  bAt: number,
  bRow: number,
  bCol: number,
  cAt: number,
  cRow: number,
): void {
  const jvec = kernel.name === 'jvec',
    L = kernel.lanes,
    e = kernel.bytes;
  // The blocks gemm-kernels-wat.ts describes: 4 × 2L (jvec) or 2 × 4 over k in steps of L (kvec).
  const Mw = jvec ? M - (M % 4) : M - (M % 2),
    Nw = jvec ? N - (N % (2 * L)) : N - (N % 4),
    Kw = jvec ? K : K - (K % L);
  for (let k0 = 0; k0 < Kw; k0 += K_CHUNK) {
    const kc = Math.min(K_CHUNK, Kw - k0);
    kernel.run(
      Mw,
      Nw,
      kc,
      e * (aAt + k0 * aCol),
      e * aRow,
      e * aCol,
      e * (bAt + k0 * bRow),
      e * (jvec ? bRow : bCol),
      e * cAt,
      e * cRow,
    );
  }
  coveredM = Mw;
  coveredN = Nw;
  coveredK = Kw;
}

/** Halves the longest of K, M, N: two products that each stage less. */
const halve: SplitGemmFn = (gemm, M, N, K, A, aOff, aRow, aCol, B, bOff, bRow, bCol, C, cOff, cRow) => {
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
};

/** n rounded up to a whole number of vectors, so each staged operand starts 16-byte aligned. */
const roundUp = (n: number, lanes: number) => Math.ceil(n / lanes) * lanes;

let heap64: Float64Array | null = null,
  heap32: Float32Array | null = null;

/** The module memory as elements of this precision, grown to hold at least n. */
function reserveHeap(precision: Precision, n: number): Floats {
  const memory = wasm!.memory;
  const bytes = n * (precision === 'float32' ? 4 : 8);
  if (bytes > memory.buffer.byteLength) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / 65536));
  if (precision === 'float32') {
    if (heap32 === null || heap32.buffer !== memory.buffer) heap32 = new Float32Array(memory.buffer);
    return heap32;
  }
  if (heap64 === null || heap64.buffer !== memory.buffer) heap64 = new Float64Array(memory.buffer);
  return heap64;
}

// The compiler's lib (ES2023 + @types/node) has no WebAssembly declarations, so these
// are the few members used.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  validate(code: Uint8Array): boolean;
  Module: new (code: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
export interface WasmKernels {
  memory: WasmMemory;
  float64: { jvec: Kernel; kvec: Kernel };
  float32: { jvec: Kernel; kvec: Kernel };
}

/** null where WebAssembly or its SIMD proposal is missing: the JS kernel does everything. */
async function instantiate(): Promise<WasmKernels | null> {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  try {
    const code = await kernelBytes();
    if (!api || !api.validate(code)) return null;
    const { exports } = new api.Instance(new api.Module(code), {});
    const kernel = (name: Kernel['name'], precision: Precision): Kernel => ({
      name,
      precision,
      lanes: LANES[precision].lanes,
      bytes: 1 << LANES[precision].shift,
      run: exports[kernelName(name, precision)] as KernelFn,
    });
    return {
      memory: exports.memory as WasmMemory,
      float64: { jvec: kernel('jvec', 'float64'), kvec: kernel('kvec', 'float64') },
      float32: { jvec: kernel('jvec', 'float32'), kvec: kernel('kvec', 'float32') },
    };
  } catch {
    return null;
  }
}

/** The kernels, or null where WebAssembly SIMD is unavailable. */
export const wasm = await instantiate();
