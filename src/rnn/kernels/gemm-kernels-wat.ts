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
// jvec — B's rows contiguous (NN and TN products). For each block of 4 rows of C and two
// vectors of columns (2L columns, L lanes per vector), over k:
//     acc[r][v] += A[i + r, k] · B[k, j + vL … j + vL + L − 1]      (A broadcast)
// then C[i + r, j + vL …] += acc[r][v]. Needs M % 4 = 0, N % 2L = 0, K ≥ 1.
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
export const kernelName = (kind: 'jvec' | 'kvec', precision: Precision) =>
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

function jvec(p: Precision): string {
  const { v, s, lanes, shift } = LANES[p];
  const acc = (r: number, h: number) => `$acc${r}${h}`;
  const block = `
        ;; a block of 4 rows × ${2 * lanes} columns: zero its accumulators
${lines(4, (r) => `        (local.set ${acc(r, 0)} (v128.const i64x2 0 0)) (local.set ${acc(r, 1)} (v128.const i64x2 0 0))`)}
        (local.set $p0 (local.get $ai))
${lines(3, (r) => `        (local.set $p${r + 1} ${add(`$p${r}`, '(local.get $aRow)')})`)}
        (local.set $q ${add('$b', `(i32.shl (local.get $j) (i32.const ${shift}))`)})
        (local.set $k (local.get $K))
        (loop $overK
          ;; B[k, j …]: two vectors
          (local.set $b0 (v128.load (local.get $q)))
          (local.set $b1 (v128.load offset=16 (local.get $q)))
${lines(
  4,
  (r) => `          ;; row ${r}: acc += A[i + ${r}, k] · B[k, j …]
          (local.set $x (${v}.splat (${s}.load (local.get $p${r}))))
          (local.set ${acc(r, 0)} (${v}.add (local.get ${acc(r, 0)}) (${v}.mul (local.get $x) (local.get $b0))))
          (local.set ${acc(r, 1)} (${v}.add (local.get ${acc(r, 1)}) (${v}.mul (local.get $x) (local.get $b1))))
          (local.set $p${r} ${add(`$p${r}`, '(local.get $aCol)')})`,
)}
          (local.set $q ${add('$q', '(local.get $bStride)')})
          (local.set $k (i32.sub (local.get $k) (i32.const 1)))
          (br_if $overK (local.get $k)))
        ;; C[i + r, j …] += acc[r]
        (local.set $cj ${add('$ci', `(i32.shl (local.get $j) (i32.const ${shift}))`)})
${lines(
  4,
  (r) => `        (v128.store (local.get $cj) (${v}.add (v128.load (local.get $cj)) (local.get ${acc(r, 0)})))
        (v128.store offset=16 (local.get $cj) (${v}.add (v128.load offset=16 (local.get $cj)) (local.get ${acc(r, 1)})))
        (local.set $cj ${add('$cj', '(local.get $cRow)')})`,
)}`;
  return `
  (func (export "${kernelName('jvec', p)}") ${PARAMS}
    (local $i i32) (local $j i32) (local $k i32) (local $q i32) (local $cj i32) (local $ai i32) (local $ci i32)
    (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32)
    (local $b0 v128) (local $b1 v128) (local $x v128)
${lines(4, (r) => `    (local ${acc(r, 0)} v128) (local ${acc(r, 1)} v128)`)}
${blockLoops(4, 2 * lanes, block)})`;
}

function kvec(p: Precision): string {
  const { v, s, lanes, shift } = LANES[p];
  const acc = (r: number, n: number) => `$acc${r}${n}`;
  const laneSum = (r: number, n: number) =>
    range(lanes).reduce(
      (sum, l) => `(${s}.add ${sum} (${v}.extract_lane ${l} (local.get ${acc(r, n)})))`,
      `(${s}.load offset=${n << shift} (local.get $cj))`,
    );
  const block = `
        ;; a block of 2 rows × 4 columns: zero its accumulators
${lines(2, (r) => `        ${lines(4, (n) => `(local.set ${acc(r, n)} (v128.const i64x2 0 0))`).replace(/\n/g, ' ')}`)}
        (local.set $pa0 (local.get $ai))
        (local.set $pa1 ${add('$ai', '(local.get $aRow)')})
        (local.set $end ${add('$ai', `(i32.shl (local.get $K) (i32.const ${shift}))`)})
        (local.set $q0 ${add('$b', '(i32.mul (local.get $j) (local.get $bStride))')})
${lines(3, (n) => `        (local.set $q${n + 1} ${add(`$q${n}`, '(local.get $bStride)')})`)}
        (loop $overK
          ;; A[i, k …] and A[i + 1, k …]: one vector each
          (local.set $x0 (v128.load (local.get $pa0)))
          (local.set $x1 (v128.load (local.get $pa1)))
${lines(
  4,
  (n) => `          ;; column ${n}: acc[r][${n}] += A[i + r, k …] ⊙ B[k …, j + ${n}]
          (local.set $y (v128.load (local.get $q${n})))
          (local.set ${acc(0, n)} (${v}.add (local.get ${acc(0, n)}) (${v}.mul (local.get $x0) (local.get $y))))
          (local.set ${acc(1, n)} (${v}.add (local.get ${acc(1, n)}) (${v}.mul (local.get $x1) (local.get $y))))`,
)}
${lines(2, (r) => `          (local.set $pa${r} (i32.add (local.get $pa${r}) (i32.const 16)))`)}
${lines(4, (n) => `          (local.set $q${n} (i32.add (local.get $q${n}) (i32.const 16)))`)}
          (br_if $overK (i32.lt_u (local.get $pa0) (local.get $end))))
        ;; C[i + r, j + n] += the lanes of acc[r][n]
        (local.set $cj ${add('$ci', `(i32.shl (local.get $j) (i32.const ${shift}))`)})
${lines(
  2,
  (r) => `${lines(4, (n) => `        (${s}.store offset=${n << shift} (local.get $cj) ${laneSum(r, n)})`)}
        (local.set $cj ${add('$cj', '(local.get $cRow)')})`,
)}`;
  return `
  (func (export "${kernelName('kvec', p)}") ${PARAMS}
    (local $i i32) (local $j i32) (local $cj i32) (local $ai i32) (local $ci i32) (local $end i32)
    (local $pa0 i32) (local $pa1 i32) (local $q0 i32) (local $q1 i32) (local $q2 i32) (local $q3 i32)
    (local $x0 v128) (local $x1 v128) (local $y v128)
${lines(2, (r) => `    ${lines(4, (n) => `(local ${acc(r, n)} v128)`).replace(/\n/g, ' ')}`)}
${blockLoops(2, 4, block)})`;
}

/** The four gemm kernels' functions, for the module kernels-wat.ts assembles. */
export function gemmKernelFunctions(): string {
  return [jvec('float64'), kvec('float64'), jvec('float32'), kvec('float32')].join('\n');
}
