// Just enough of the WebAssembly binary format to write small loop nests of i32 and v128
// locals — the SIMD gemm kernels in gemm-wasm-kernels.ts: LEB128 numbers, sections,
// locals, structured loops and the handful of instructions those kernels use.

export type Code = number | Code[];

/** Flattens nested byte lists, so instructions can be written as nested arrays. */
export function bytes(...parts: Code[]): number[] {
  const out: number[] = [];
  const walk = (c: Code): void => {
    if (typeof c === 'number') out.push(c);
    else c.forEach(walk);
  };
  parts.forEach(walk);
  return out;
}

export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    const low = n & 0x7f;
    n >>>= 7;
    out.push(n ? low | 0x80 : low);
  } while (n);
  return out;
}

export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const low = n & 0x7f;
    n >>= 7;
    const done = (n === 0 && !(low & 0x40)) || (n === -1 && (low & 0x40) !== 0);
    out.push(done ? low : low | 0x80);
    if (done) return out;
  }
}

export const vector = (items: Code[]) => bytes(uleb(items.length), items);
export const section = (id: number, body: number[]) => bytes(id, uleb(body.length), body);
export const name = (s: string) =>
  bytes(
    uleb(s.length),
    [...s].map((c) => c.charCodeAt(0)),
  );

export const I32 = 0x7f,
  V128 = 0x7b;
export const get = (l: number) => bytes(0x20, uleb(l));
export const set = (l: number) => bytes(0x21, uleb(l));
export const i32 = (v: number) => bytes(0x41, sleb(v));
export const ADD = 0x6a,
  MUL = 0x6c,
  SUB = 0x6b,
  SHL = 0x74,
  LT_U = 0x49;
export const simd = (op: number) => bytes(0xfd, uleb(op));
export const v128Load = (offset: number) => bytes(simd(0x00), 4, uleb(offset));
export const v128Store = (offset: number) => bytes(simd(0x0b), 4, uleb(offset));
export const f64Splat = bytes(simd(0x0a), 3, 0); // v128.load64_splat
export const f64Load = (offset: number) => bytes(0x2b, 3, uleb(offset));
export const f64Store = (offset: number) => bytes(0x39, 3, uleb(offset));
export const lane = (n: number) => bytes(simd(0x21), n); // f64x2.extract_lane
export const F64_ADD = 0xa0,
  F64X2_ADD = simd(0xf0),
  F64X2_MUL = simd(0xf2);
export const zero = (l: number) => bytes(simd(0x0c), new Array<number>(16).fill(0), set(l));

/** do { body } while (condition): the loop runs at least once. */
export const doWhile = (body: Code, condition: Code) => bytes(0x03, 0x40, body, condition, 0x0d, 0, 0x0b);
export const addTo = (l: number, amount: Code) => bytes(get(l), amount, ADD, set(l));
export const below = (l: number, limit: number) => bytes(get(l), get(limit), LT_U);
/** acc += x · y on f64x2 locals. */
export const mulAdd = (acc: number, x: number, y: number) =>
  bytes(get(acc), get(x), get(y), F64X2_MUL, F64X2_ADD, set(acc));
/** l = base + step, base + 2·step, … for each l in ls. */
export const chain = (base: number, step: number, ls: number[]) =>
  ls.map((l, r) => bytes(get(r === 0 ? base : ls[r - 1]!), get(step), ADD, set(l)));

/** N numbers: a fixed-length tuple type, so destructured local indices are plain numbers. */
export type Tuple<N extends number, R extends number[] = []> = R['length'] extends N
  ? R
  : Tuple<N, [...R, number]>;

/** Allocates local indices after the kernel's 10 i32 parameters. */
export function locals<I extends number, V extends number>(i32Count: I, v128Count: V) {
  const i32s = Array.from({ length: i32Count }, (_, n) => 10 + n) as Tuple<I>;
  const v128s = Array.from({ length: v128Count }, (_, n) => 10 + i32Count + n) as Tuple<V>;
  return { i32s, v128s, declaration: vector([bytes(uleb(i32Count), I32), bytes(uleb(v128Count), V128)]) };
}
