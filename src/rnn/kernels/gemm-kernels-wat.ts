// The WebAssembly SIMD gemm kernels, written in the WebAssembly text format: one template,
// instantiated for f64x2 (float64) and f32x4 (float32) lanes, so both precisions run the
// same algorithm. kernels-wat.ts puts them in one module with the gate kernels.
//
// Both compute C[M, N] += A[M, K] · B[K, N] over a block-aligned part of the product; the
// caller (gemm-wasm.ts) stages the operands in the module's memory and finishes the edges
// in JS. Arguments are byte pointers and byte strides:
//   (M, N, K, a, aRow, aCol, b, bStride, c, cRow)
// where element (i, k) of A is at a + i·aRow + k·aCol, row i of C starts at c + i·cRow,
// and bStride is B's row stride for jvec, its column stride for kvec.
//
// jvec — B's rows contiguous (NN and TN products). For each block of R rows of C and V
// vectors of columns (VL columns, L lanes per vector), over k:
//     acc[r][v] += A[i + r, k] · B[k, j + vL … j + vL + L − 1]      (A broadcast)
// then C[i + r, j + vL …] += acc[r][v]. Needs M % R = 0, N % VL = 0, K ≥ 1. BLOCKS gives
// R and V: jvec is 2 × 4 vectors, jvec1 the same one row tall.
//
// kvec — A's rows and B's columns contiguous (NT products). For each block of 2 rows and
// 4 columns of C, over k in steps of L:
//     acc[r][n] += A[i + r, k … k + L − 1] ⊙ B[k … k + L − 1, j + n]    (lane-wise)
// then C[i + r, j + n] += acc[r][n]'s lanes, added one by one from lane 0. Needs M % 2 = 0,
// N % 4 = 0, K % L = 0, K ≥ L.
//
// Products are a multiply then an add (no fused multiply-add: WebAssembly SIMD has none
// outside the relaxed-SIMD proposal), so float64 results are plain IEEE double arithmetic.

export type Precision = 'float64' | 'float32';

interface Lanes {
  /** The vector shape, e.g. f64x2. */
  v: 'f64x2' | 'f32x4';
  /** The scalar type of a lane. */
  s: 'f64' | 'f32';
  /** Lanes per 128-bit vector. */
  lanes: number;
  /** log2 of an element's bytes. */
  shift: number;
}

export const LANES: Record<Precision, Lanes> = {
  float64: { v: 'f64x2', s: 'f64', lanes: 2, shift: 3 },
  float32: { v: 'f32x4', s: 'f32', lanes: 4, shift: 2 },
};

/** Exported function names per precision. */
export const kernelName = (kind: KernelKind, precision: Precision) =>
  `${kind}${precision === 'float64' ? 64 : 32}`;

const PARAMS =
  '(param $M i32) (param $N i32) (param $K i32) (param $a i32) (param $aRow i32) (param $aCol i32) ' +
  '(param $b i32) (param $bStride i32) (param $c i32) (param $cRow i32)';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const lines = (n: number, line: (i: number) => string) => range(n).map(line).join('\n');
const add = (x: string, y: string) => `(i32.add (local.get ${x}) ${y})`;

/** The loops both kernels share: blocks of `rows` rows of C, and in each, blocks of `columns` columns. */
function blockLoops(rows: number, columns: number, block: string): string {
  return `
    (local.set $ai (local.get $a))
    (local.set $ci (local.get $c))
    (local.set $i (i32.const 0))
    (loop $rowBlocks
      (local.set $j (i32.const 0))
      (loop $columnBlocks
${block}
        (local.set $j (i32.add (local.get $j) (i32.const ${columns})))
        (br_if $columnBlocks (i32.lt_u (local.get $j) (local.get $N))))
      (local.set $ai (i32.add (local.get $ai) (i32.mul (local.get $aRow) (i32.const ${rows}))))
      (local.set $ci (i32.add (local.get $ci) (i32.mul (local.get $cRow) (i32.const ${rows}))))
      (local.set $i (i32.add (local.get $i) (i32.const ${rows})))
      (br_if $rowBlocks (i32.lt_u (local.get $i) (local.get $M))))`;
}

/** The gemm kernels: jvec and kvec as above, and jvec1, jvec for products one row of C tall. */
export type KernelKind = 'jvec' | 'jvec1' | 'kvec';

/**
 * Each kernel's block of C, held in accumulator registers over k: `rows` rows × `vecs`
 * vectors of columns (jvec kinds), or `rows` rows × `cols` columns (kvec). Eight 128-bit
 * accumulators is the most V8 keeps in registers: bigger blocks spill and run 30–40%
 * slower, and so does unrolling the k loop twice (25%). bench/gemm-blocking.ts measures
 * every shape tried, H = 16…256. Of the eight-accumulator shapes, jvec's 2 rows × 4
 * vectors beats 4 × 2 by 4–8% up to H = 128 and ties at 256; kvec's 2 × 4 and 4 × 2 tie
 * from H = 64, below which the forward products run on jvec (pinned-weights.ts).
 */
export const BLOCKS = {
  jvec: { rows: 2, vecs: 4 },
  jvec1: { rows: 1, vecs: 4 },
  kvec: { rows: 2, cols: 4 },
} as const;

/** jvec with blocks of `rows` rows × `vecs` vectors of columns of C. */
export function jvec(p: Precision, rows: number, vecs: number, name: string): string {
  const { v, s, lanes, shift } = LANES[p];
  const acc = (r: number, h: number) => `$acc${r}_${h}`;
  const block = `
        ;; a block of ${rows} rows × ${vecs * lanes} columns: zero its accumulators
${lines(rows, (r) => `        ${lines(vecs, (h) => `(local.set ${acc(r, h)} (v128.const i64x2 0 0))`).replace(/\n/g, ' ')}`)}
        (local.set $p0 (local.get $ai))
${lines(rows - 1, (r) => `        (local.set $p${r + 1} ${add(`$p${r}`, '(local.get $aRow)')})`)}
        (local.set $q ${add('$b', `(i32.shl (local.get $j) (i32.const ${shift}))`)})
        (local.set $k (local.get $K))
        (loop $overK
          ;; B[k, j …]: ${vecs} vectors
${lines(vecs, (h) => `          (local.set $b${h} (v128.load offset=${16 * h} (local.get $q)))`)}
${lines(
  rows,
  (r) => `          ;; row ${r}: acc += A[i + ${r}, k] · B[k, j …]
          (local.set $x (${v}.splat (${s}.load (local.get $p${r}))))
${lines(vecs, (h) => `          (local.set ${acc(r, h)} (${v}.add (local.get ${acc(r, h)}) (${v}.mul (local.get $x) (local.get $b${h}))))`)}
          (local.set $p${r} ${add(`$p${r}`, '(local.get $aCol)')})`,
)}
          (local.set $q ${add('$q', '(local.get $bStride)')})
          (local.set $k (i32.sub (local.get $k) (i32.const 1)))
          (br_if $overK (local.get $k)))
        ;; C[i + r, j …] += acc[r]
        (local.set $cj ${add('$ci', `(i32.shl (local.get $j) (i32.const ${shift}))`)})
${lines(
  rows,
  (
    r,
  ) => `${lines(vecs, (h) => `        (v128.store offset=${16 * h} (local.get $cj) (${v}.add (v128.load offset=${16 * h} (local.get $cj)) (local.get ${acc(r, h)})))`)}
        (local.set $cj ${add('$cj', '(local.get $cRow)')})`,
)}`;
  return `
  (func (export "${name}") ${PARAMS}
    (local $i i32) (local $j i32) (local $k i32) (local $q i32) (local $cj i32) (local $ai i32) (local $ci i32)
    ${lines(rows, (r) => `(local $p${r} i32)`).replace(/\n/g, ' ')}
    ${lines(vecs, (h) => `(local $b${h} v128)`).replace(/\n/g, ' ')} (local $x v128)
${lines(rows, (r) => `    ${lines(vecs, (h) => `(local ${acc(r, h)} v128)`).replace(/\n/g, ' ')}`)}
${blockLoops(rows, vecs * lanes, block)})`;
}

/** kvec with blocks of `rows` rows × `cols` columns of C. */
export function kvec(p: Precision, rows: number, cols: number, name: string): string {
  const { v, s, lanes, shift } = LANES[p];
  const acc = (r: number, n: number) => `$acc${r}_${n}`;
  const laneSum = (r: number, n: number) =>
    range(lanes).reduce(
      (sum, l) => `(${s}.add ${sum} (${v}.extract_lane ${l} (local.get ${acc(r, n)})))`,
      `(${s}.load offset=${n << shift} (local.get $cj))`,
    );
  const block = `
        ;; a block of ${rows} rows × ${cols} columns: zero its accumulators
${lines(rows, (r) => `        ${lines(cols, (n) => `(local.set ${acc(r, n)} (v128.const i64x2 0 0))`).replace(/\n/g, ' ')}`)}
        (local.set $pa0 (local.get $ai))
${lines(rows - 1, (r) => `        (local.set $pa${r + 1} ${add(`$pa${r}`, '(local.get $aRow)')})`)}
        (local.set $end ${add('$ai', `(i32.shl (local.get $K) (i32.const ${shift}))`)})
        (local.set $q0 ${add('$b', '(i32.mul (local.get $j) (local.get $bStride))')})
${lines(cols - 1, (n) => `        (local.set $q${n + 1} ${add(`$q${n}`, '(local.get $bStride)')})`)}
        (loop $overK
          ;; A[i + r, k …]: one vector per row
${lines(rows, (r) => `          (local.set $x${r} (v128.load (local.get $pa${r})))`)}
${lines(
  cols,
  (n) => `          ;; column ${n}: acc[r][${n}] += A[i + r, k …] ⊙ B[k …, j + ${n}]
          (local.set $y (v128.load (local.get $q${n})))
${lines(rows, (r) => `          (local.set ${acc(r, n)} (${v}.add (local.get ${acc(r, n)}) (${v}.mul (local.get $x${r}) (local.get $y))))`)}`,
)}
${lines(rows, (r) => `          (local.set $pa${r} (i32.add (local.get $pa${r}) (i32.const 16)))`)}
${lines(cols, (n) => `          (local.set $q${n} (i32.add (local.get $q${n}) (i32.const 16)))`)}
          (br_if $overK (i32.lt_u (local.get $pa0) (local.get $end))))
        ;; C[i + r, j + n] += the lanes of acc[r][n]
        (local.set $cj ${add('$ci', `(i32.shl (local.get $j) (i32.const ${shift}))`)})
${lines(
  rows,
  (r) => `${lines(cols, (n) => `        (${s}.store offset=${n << shift} (local.get $cj) ${laneSum(r, n)})`)}
        (local.set $cj ${add('$cj', '(local.get $cRow)')})`,
)}`;
  return `
  (func (export "${name}") ${PARAMS}
    (local $i i32) (local $j i32) (local $cj i32) (local $ai i32) (local $ci i32) (local $end i32)
    ${lines(rows, (r) => `(local $pa${r} i32)`).replace(/\n/g, ' ')} ${lines(cols, (n) => `(local $q${n} i32)`).replace(/\n/g, ' ')}
    ${lines(rows, (r) => `(local $x${r} v128)`).replace(/\n/g, ' ')} (local $y v128)
${lines(rows, (r) => `    ${lines(cols, (n) => `(local ${acc(r, n)} v128)`).replace(/\n/g, ' ')}`)}
${blockLoops(rows, cols, block)})`;
}

/** The gemm kernels' functions in both precisions, for the module kernels-wat.ts assembles. */
export function gemmKernelFunctions(): string {
  const { jvec: j, jvec1: j1, kvec: k } = BLOCKS;
  return (['float64', 'float32'] as const)
    .flatMap((p) => [
      jvec(p, j.rows, j.vecs, kernelName('jvec', p)),
      jvec(p, j1.rows, j1.vecs, kernelName('jvec1', p)),
      kvec(p, k.rows, k.cols, kernelName('kvec', p)),
    ])
    .join('\n');
}
