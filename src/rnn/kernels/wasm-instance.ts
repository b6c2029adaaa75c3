// The engine's one WebAssembly instance (kernels-wat.ts: the gemm and gate kernels) and
// what its callers share: the module memory seen as elements of either precision, and the
// copies in and out of it.
import type { Floats, Precision } from '../floats.ts';
import { BLOCKS, LANES, kernelName } from './gemm-kernels-wat.ts';
import type { KernelKind } from './gemm-kernels-wat.ts';
import { kernelBytes } from './kernel-module.ts';

/** A gemm kernel (gemm-kernels-wat.ts): byte pointers and byte strides. */
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
/** A gemm kernel with what gemm-wasm.ts needs to stage its operands. */
export interface Kernel {
  name: KernelKind;
  precision: Precision;
  /** Lanes per vector: 2 doubles or 4 floats. */
  lanes: number;
  /** Bytes per element. */
  bytes: number;
  /** The block of C one pass of the kernel covers: products need whole blocks (gemm-wasm.ts finishes the edges). */
  rows: number;
  columns: number;
  /** k in steps of 1 (jvec kinds) or of a vector (kvec). */
  kStep: number;
  run: KernelFn;
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
/** The float32 gate kernels (gate-kernels-wat.ts): byte pointers into the memory, then sizes. */
export interface GateKernels {
  lstmStep32(
    gates: number,
    cPrev: number,
    c: number,
    tanhC: number,
    h: number,
    rows: number,
    H: number,
  ): void;
  gruGates32(gates: number, hPrev: number, rh: number, rows: number, H: number): void;
  gruState32(gates: number, hPrev: number, h: number, rows: number, H: number): void;
  lstmBack32(
    gates: number,
    tanhC: number,
    dh: number,
    dc: number,
    cPrev: number,
    da: number,
    rows: number,
    H: number,
  ): void;
  gruBack32(gates: number, dh: number, hPrev: number, da: number, rows: number, H: number): void;
  gruBackReset32(
    gates: number,
    dh: number,
    hPrev: number,
    drh: number,
    dPrev: number,
    da: number,
    rows: number,
    H: number,
  ): void;
  tanh32(from: number, to: number, n: number): void;
  tanhBack32(h: number, dh: number, da: number, n: number): void;
}

export interface WasmKernels {
  memory: WasmMemory;
  float64: Record<KernelKind, Kernel>;
  float32: Record<KernelKind, Kernel>;
  gates: GateKernels;
}

/** null where WebAssembly or its SIMD proposal is missing: the JS kernel does everything. */
async function instantiate(): Promise<WasmKernels | null> {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  try {
    const code = await kernelBytes();
    if (!api || !api.validate(code)) return null;
    const { exports } = new api.Instance(new api.Module(code), {});
    const kernel = (name: Kernel['name'], precision: Precision): Kernel => {
      const { lanes, shift } = LANES[precision];
      return {
        name,
        precision,
        lanes,
        bytes: 1 << shift,
        rows: BLOCKS[name].rows,
        columns: name === 'kvec' ? BLOCKS.kvec.cols : BLOCKS[name].vecs * lanes,
        kStep: name === 'kvec' ? lanes : 1,
        run: exports[kernelName(name, precision)] as KernelFn,
      };
    };
    const kernelsOf = (p: Precision) => ({
      jvec: kernel('jvec', p),
      jvec1: kernel('jvec1', p),
      kvec: kernel('kvec', p),
    });
    return {
      memory: exports.memory as WasmMemory,
      float64: kernelsOf('float64'),
      float32: kernelsOf('float32'),
      gates: exports as unknown as GateKernels,
    };
  } catch {
    return null;
  }
}

/** The kernels, or null where WebAssembly SIMD is unavailable. */
export const wasm = await instantiate();

let heap64: Float64Array | null = null,
  heap32: Float32Array | null = null;

/** The module memory as elements of this precision, grown to hold at least n. */
export function reserveHeap(precision: Precision, n: number): Floats {
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

/** Below this many elements an element loop copies faster than set() pays its call. */
const LOOP_COPY_MAX = 64;

/**
 * Copy between typed arrays: set() of a view of the source range (a memory copy), the view
 * made once per range and kept (rangeView), so the training hot path allocates nothing per
 * step after its first. The staging copies were most of a small product's time: at H = 32
 * an element loop took more time than the kernel itself.
 */
export function copyRange(from: Floats, fromOff: number, to: Floats, toOff: number, n: number): void {
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
