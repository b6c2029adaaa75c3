// The float32 gate kernels, in the WebAssembly text format: each cell's element-wise step
// (the non-linearities and the state update) in one pass of f32x4 lanes. In JS these were
// most of a float32 step: three exps and two tanhs per hidden unit cost more than its
// matrix products at H ≤ 64. WebAssembly has no exp, so it is written here (expTo);
// float64 networks keep the JS loops and Math.exp, which the float64 gradient checks read.
//
// Pointers are bytes into the module's memory, where gate-kernels.ts stages a step's rows.
// Rows are H units wide, H a multiple of 4 (the callers fall back to JS otherwise).

/** A 4-lane f32 constant. */
const k = (v: number | string) => `(f32x4.splat (f32.const ${v}))`;
const get = (name: string) => `(local.get $${name})`;
const mul = (a: string, b: string) => `(f32x4.mul ${a} ${b})`;
const add = (a: string, b: string) => `(f32x4.add ${a} ${b})`;
const sub = (a: string, b: string) => `(f32x4.sub ${a} ${b})`;
/** Byte address base + i·stride. */
const at = (base: string, i: string, stride: string) =>
  `(i32.add ${get(base)} (i32.mul ${get(i)} ${get(stride)}))`;

// e^x, four lanes (the Cephes expf scheme): x = n·ln 2 + r with |r| ≤ ln 2 / 2, e^r by a
// degree-7 polynomial, then 2^n written straight into the exponent bits. Relative error
// about 1 ulp of float32; x is clamped to [−87.3, 88.3] so that n + 127 stays a normal
// exponent (beyond it a sigmoid or tanh is 0 or ±1 to float32 anyway).
// Written inline, as statements that leave e^x in a local: V8 does not inline a call to
// a small wasm function, and the call cost a third of the activations' time.
function expTo(dest: string, x: string): string {
  const p = (c: string) => `(local.set $ep ${add(mul(get('ep'), get('er')), k(c))})`;
  return `
        (local.set $ex (f32x4.min (f32x4.max ${x} ${k(-87.3)}) ${k(88.3)}))
        ;; n = round(x / ln 2)
        (local.set $en (f32x4.floor ${add(mul(get('ex'), k('1.44269504088896341')), k(0.5))}))
        ;; r = x − n·ln 2, with ln 2 in two parts so that n·C1 is exact
        (local.set $er ${sub(sub(get('ex'), mul(get('en'), k(0.693359375))), mul(get('en'), k('-2.12194440e-4')))})
        ;; e^r ≈ 1 + r + r²·p(r)
        (local.set $ep ${k('1.9875691500e-4')})
        ${p('1.3981999507e-3')} ${p('8.3334519073e-3')} ${p('4.1665795894e-2')}
        ${p('1.6666665459e-1')} ${p('5.0000001201e-1')}
        (local.set $ep ${add(add(mul(mul(get('ep'), get('er')), get('er')), get('er')), k(1))})
        ;; × 2^n: n + 127 shifted into the exponent field
        (local.set $${dest} ${mul(get('ep'), '(i32x4.shl (i32x4.add (i32x4.trunc_sat_f32x4_s (local.get $en)) (i32x4.splat (i32.const 127))) (i32.const 23))')})`;
}

/** σ(x) = 1 / (1 + e^−x), into local dest. */
const sigmoidTo = (dest: string, x: string) =>
  `${expTo(dest, `(f32x4.neg ${x})`)}
        (local.set $${dest} (f32x4.div ${k(1)} ${add(k(1), get(dest))}))`;

/** tanh(x) = 2σ(2x) − 1, into local dest. */
const tanhTo = (dest: string, x: string) =>
  `(local.set $${dest} ${x})
        ${sigmoidTo(dest, add(get(dest), get(dest)))}
        (local.set $${dest} ${sub(mul(k(2), get(dest)), k(1))})`;

/** The scratch locals of expTo. */
const EXP_LOCALS = '(local $ex v128) (local $en v128) (local $er v128) (local $ep v128)';

/**
 * Loops over rows r < rows and, in each, units j < H four at a time ($jb: j in bytes; $hb:
 * H in bytes; $rwN: a row of N blocks in bytes, set for each N in rowWidths).
 */
function rowsAndUnits(rowWidths: number[], body: string): string {
  return `
    (local.set $hb (i32.shl (local.get $H) (i32.const 2)))
    ${rowWidths.map((n) => `(local.set $rw${n} (i32.mul (local.get $hb) (i32.const ${n})))`).join(' ')}
    (local.set $r (i32.const 0))
    (loop $rows
      (local.set $jb (i32.const 0))
      (loop $units
${body}
        (local.set $jb (i32.add (local.get $jb) (i32.const 16)))
        (br_if $units (i32.lt_u (local.get $jb) (local.get $hb))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br_if $rows (i32.lt_u (local.get $r) (local.get $rows))))`;
}

/** The byte address of unit j of row r of a [rows, width·H] buffer, block `block`. */
const unit = (buffer: string, width: number, block = 0) =>
  `(i32.add ${at(buffer, 'r', `${width === 1 ? 'hb' : `rw${width}`}`)} (i32.add (i32.mul (local.get $hb) (i32.const ${block})) (local.get $jb)))`;
const load = (address: string) => `(v128.load ${address})`;
const store = (address: string, value: string) => `(v128.store ${address} ${value})`;

// LSTM, gates [i f g o] per row (lstm.ts): activates them in place, then
//   c = f ⊙ c_prev + i ⊙ g,   tanhC = tanh(c),   h = o ⊙ tanhC.
const LSTM = `
  (func (export "lstmStep32") (param $gates i32) (param $cPrev i32) (param $c i32) (param $tanhC i32)
      (param $h i32) (param $rows i32) (param $H i32)
    (local $r i32) (local $jb i32) (local $hb i32) (local $rw4 i32)
    (local $i v128) (local $f v128) (local $g v128) (local $o v128) (local $ct v128) (local $tc v128)
    ${EXP_LOCALS}
    ${rowsAndUnits(
      [4],
      `        ${sigmoidTo('i', load(unit('gates', 4, 0)))}
        ${sigmoidTo('f', load(unit('gates', 4, 1)))}
        ${tanhTo('g', load(unit('gates', 4, 2)))}
        ${sigmoidTo('o', load(unit('gates', 4, 3)))}
        ${store(unit('gates', 4, 0), get('i'))} ${store(unit('gates', 4, 1), get('f'))}
        ${store(unit('gates', 4, 2), get('g'))} ${store(unit('gates', 4, 3), get('o'))}
        (local.set $ct ${add(mul(get('f'), load(unit('cPrev', 1))), mul(get('i'), get('g')))})
        ${tanhTo('tc', get('ct'))}
        ${store(unit('c', 1), get('ct'))} ${store(unit('tanhC', 1), get('tc'))}
        ${store(unit('h', 1), mul(get('o'), get('tc')))}`,
    )})`;

// GRU (gru.ts), before the candidate's matmul: z = σ(a_z), r = σ(a_r) in place, and the
// candidate's recurrent input rh = r ⊙ h_prev.
const GRU_GATES = `
  (func (export "gruGates32") (param $gates i32) (param $hPrev i32) (param $rh i32) (param $rows i32) (param $H i32)
    (local $r i32) (local $jb i32) (local $hb i32) (local $rw3 i32) (local $zg v128) (local $rg v128)
    ${EXP_LOCALS}
    ${rowsAndUnits(
      [3],
      `        ${sigmoidTo('zg', load(unit('gates', 3, 0)))}
        ${store(unit('gates', 3, 0), get('zg'))}
        ${sigmoidTo('rg', load(unit('gates', 3, 1)))}
        ${store(unit('gates', 3, 1), get('rg'))}
        ${store(unit('rh', 1), mul(get('rg'), load(unit('hPrev', 1))))}`,
    )})`;

// GRU, after it: n = tanh(a_n) in place, and h = z ⊙ h_prev + (1 − z) ⊙ n.
const GRU_STATE = `
  (func (export "gruState32") (param $gates i32) (param $hPrev i32) (param $h i32) (param $rows i32) (param $H i32)
    (local $r i32) (local $jb i32) (local $hb i32) (local $rw3 i32) (local $z v128) (local $n v128)
    ${EXP_LOCALS}
    ${rowsAndUnits(
      [3],
      `        ${tanhTo('n', load(unit('gates', 3, 2)))}
        ${store(unit('gates', 3, 2), get('n'))}
        (local.set $z ${load(unit('gates', 3, 0))})
        ${store(unit('h', 1), add(mul(get('z'), load(unit('hPrev', 1))), mul(sub(k(1), get('z')), get('n'))))}`,
    )})`;

// LSTM backward (lstm.ts), from the activated gates [i f g o], tanh c_t, dh = ∂L/∂h_t, the
// carried dc = ∂L/∂c_t and c_{t−1}:
//   dc' = dc + dh ⊙ o ⊙ (1 − tanh²c)
//   da_i = dc' ⊙ g ⊙ i(1 − i)     da_f = dc' ⊙ c_{t−1} ⊙ f(1 − f)
//   da_g = dc' ⊙ i ⊙ (1 − g²)     da_o = dh ⊙ tanh c ⊙ o(1 − o)
// and dc becomes dc' ⊙ f, the gradient carried to step t − 1.
const LSTM_BACK = `
  (func (export "lstmBack32") (param $gates i32) (param $tanhC i32) (param $dh i32) (param $dc i32)
      (param $cPrev i32) (param $da i32) (param $rows i32) (param $H i32)
    (local $r i32) (local $jb i32) (local $hb i32) (local $rw4 i32)
    (local $i v128) (local $f v128) (local $g v128) (local $o v128) (local $tc v128) (local $d v128) (local $dct v128)
    ${rowsAndUnits(
      [4],
      `        (local.set $i ${load(unit('gates', 4, 0))}) (local.set $f ${load(unit('gates', 4, 1))})
        (local.set $g ${load(unit('gates', 4, 2))}) (local.set $o ${load(unit('gates', 4, 3))})
        (local.set $tc ${load(unit('tanhC', 1))}) (local.set $d ${load(unit('dh', 1))})
        (local.set $dct ${add(load(unit('dc', 1)), mul(mul(get('d'), get('o')), sub(k(1), mul(get('tc'), get('tc')))))})
        ${store(unit('da', 4, 0), mul(mul(mul(get('dct'), get('g')), get('i')), sub(k(1), get('i'))))}
        ${store(unit('da', 4, 1), mul(mul(mul(get('dct'), load(unit('cPrev', 1))), get('f')), sub(k(1), get('f'))))}
        ${store(unit('da', 4, 2), mul(mul(get('dct'), get('i')), sub(k(1), mul(get('g'), get('g')))))}
        ${store(unit('da', 4, 3), mul(mul(mul(get('d'), get('tc')), get('o')), sub(k(1), get('o'))))}
        ${store(unit('dc', 1), mul(get('dct'), get('f')))}`,
    )})`;

// GRU backward (gru.ts), before d(rh)'s product, from the activated gates [z r n], dh and
// h_{t−1}:  da_z = dh ⊙ (h_{t−1} − n) ⊙ z(1 − z),  da_n = dh ⊙ (1 − z) ⊙ (1 − n²).
// da_r comes after the product (GRU_BACK_RESET).
const GRU_BACK = `
  (func (export "gruBack32") (param $gates i32) (param $dh i32) (param $hPrev i32) (param $da i32)
      (param $rows i32) (param $H i32)
    (local $r i32) (local $jb i32) (local $hb i32) (local $rw3 i32) (local $z v128) (local $n v128) (local $d v128)
    ${rowsAndUnits(
      [3],
      `        (local.set $z ${load(unit('gates', 3, 0))}) (local.set $n ${load(unit('gates', 3, 2))})
        (local.set $d ${load(unit('dh', 1))})
        ${store(unit('da', 3, 0), mul(mul(mul(get('d'), sub(load(unit('hPrev', 1)), get('n'))), get('z')), sub(k(1), get('z'))))}
        ${store(unit('da', 3, 2), mul(mul(get('d'), sub(k(1), get('z'))), sub(k(1), mul(get('n'), get('n')))))}`,
    )})`;

// GRU backward, after d(rh)'s product, from the activated gates, dh, h_{t−1} and d(rh):
//   da_r = d(rh) ⊙ h_{t−1} ⊙ r(1 − r),   dh_{t−1} += dh ⊙ z + d(rh) ⊙ r.
const GRU_BACK_RESET = `
  (func (export "gruBackReset32") (param $gates i32) (param $dh i32) (param $hPrev i32) (param $drh i32)
      (param $dPrev i32) (param $da i32) (param $rows i32) (param $H i32)
    (local $r i32) (local $jb i32) (local $hb i32) (local $rw3 i32) (local $rg v128) (local $d v128)
    ${rowsAndUnits(
      [3],
      `        (local.set $rg ${load(unit('gates', 3, 1))}) (local.set $d ${load(unit('drh', 1))})
        ${store(unit('da', 3, 1), mul(mul(mul(get('d'), load(unit('hPrev', 1))), get('rg')), sub(k(1), get('rg'))))}
        ${store(unit('dPrev', 1), add(load(unit('dPrev', 1)), add(mul(load(unit('dh', 1)), load(unit('gates', 3, 0))), mul(get('d'), get('rg')))))}`,
    )})`;

// Elman with tanh, backward (rnn.ts): da = dh ⊙ (1 − h²) over n values, n a multiple of 4.
const TANH_BACK = `
  (func (export "tanhBack32") (param $h i32) (param $dh i32) (param $da i32) (param $n i32)
    (local $end i32) (local $v v128)
    (local.set $end (i32.add (local.get $h) (i32.shl (local.get $n) (i32.const 2))))
    (loop $all
      (local.set $v (v128.load (local.get $h)))
      (v128.store (local.get $da) ${mul('(v128.load (local.get $dh))', sub(k(1), mul(get('v'), get('v'))))})
      (local.set $h (i32.add (local.get $h) (i32.const 16)))
      (local.set $dh (i32.add (local.get $dh) (i32.const 16)))
      (local.set $da (i32.add (local.get $da) (i32.const 16)))
      (br_if $all (i32.lt_u (local.get $h) (local.get $end)))))`;

// Elman with tanh (rnn.ts): h = tanh(a) over n values, n a multiple of 4.
const TANH_ALL = `
  (func (export "tanh32") (param $from i32) (param $to i32) (param $n i32)
    (local $end i32) (local $t v128)
    ${EXP_LOCALS}
    (local.set $end (i32.add (local.get $from) (i32.shl (local.get $n) (i32.const 2))))
    (loop $all
      ${tanhTo('t', '(v128.load (local.get $from))')}
      (v128.store (local.get $to) (local.get $t))
      (local.set $from (i32.add (local.get $from) (i32.const 16)))
      (local.set $to (i32.add (local.get $to) (i32.const 16)))
      (br_if $all (i32.lt_u (local.get $from) (local.get $end)))))`;

/** The gate kernels' functions, for the module kernels-wat.ts assembles. */
export function gateKernelFunctions(): string {
  return [LSTM, GRU_GATES, GRU_STATE, LSTM_BACK, GRU_BACK, GRU_BACK_RESET, TANH_ALL, TANH_BACK].join('\n');
}
