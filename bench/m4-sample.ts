// The fixed, seeded sample of M4 series a run scores. Its own small PRNG (mulberry32) rather
// than the engine's, so the sample stays the same when src/ changes how it draws numbers.
// Picks come from a partial Fisher–Yates shuffle, so with one seed the first N picks never
// depend on how many more are drawn: --sample 10 is a subset of --sample 100, and a
// 100-series run can --resume from a 10-series one.

/** mulberry32: a 32-bit state, uniform floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n ids drawn without replacement, in draw order (a prefix of any larger draw with the same seed). */
export function sampleIds(ids: readonly string[], n: number, seed: number): string[] {
  const pool = [...ids];
  const random = mulberry32(seed);
  const count = Math.min(n, pool.length);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count);
}
