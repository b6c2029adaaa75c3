// Seeded pseudo-random numbers: every random choice in Recurrent (init, shuffling) draws
// from one of these, so the same seed gives the same bytes on every machine.
// xoshiro128** seeded through splitmix32: small, fast, and well tested statistically.

export interface Random {
  /** Uniform in [0, 1). */
  nextFloat(): number;
  /** Uniform in [low, high). */
  uniform(low: number, high: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Uniform integer in [0, n). */
  nextInt(n: number): number;
  /** Fisher–Yates shuffle in place. */
  shuffle(values: Uint32Array | Int32Array | number[]): void;
}

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function createRandom(seed: number): Random {
  if (!Number.isFinite(seed)) throw new Error(`seed must be a finite number, got ${seed}`);
  const mix = splitmix32(Math.floor(seed));
  let s0 = mix(),
    s1 = mix(),
    s2 = mix(),
    s3 = mix();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;

  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
  const nextFloat = (): number => nextUint32() / 4294967296;

  return {
    nextFloat,
    uniform: (low, high) => low + (high - low) * nextFloat(),
    normal: () => {
      // 1 - u keeps the log argument in (0, 1].
      const u = 1 - nextFloat();
      const v = nextFloat();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    nextInt: (n) => Math.floor(nextFloat() * n),
    shuffle: (values) => {
      for (let i = values.length - 1; i > 0; i--) {
        const j = Math.floor(nextFloat() * (i + 1));
        const tmp = values[i]!;
        values[i] = values[j]!;
        values[j] = tmp;
      }
    },
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
