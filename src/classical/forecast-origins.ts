// Shared bookkeeping for forecastFrom: checks the origins against the history and orders them,
// so each method can make one pass over the history and stop at every origin on the way.

/** Origins (validated) and the row order that visits them from earliest to latest. */
export interface OriginPlan {
  readonly origins: Int32Array;
  /** Row indices sorted by origin, ascending. */
  readonly order: Int32Array;
  /** The latest origin: the pass over the history can stop there. */
  readonly last: number;
}

/**
 * Validates that every origin is an integer in [minOrigin, y.length] (a forecast needs at least
 * minOrigin past values) and that steps is a positive integer.
 */
export function planOrigins(
  y: Float64Array,
  origins: ArrayLike<number>,
  steps: number,
  minOrigin = 1,
): OriginPlan {
  if (!Number.isInteger(steps) || steps < 1)
    throw new RangeError(`steps must be a positive integer, got ${steps}`);
  const count = origins.length;
  const list = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const s = origins[i]!;
    if (!Number.isInteger(s) || s < minOrigin || s > y.length) {
      throw new RangeError(
        `origin ${s} must be an integer in [${minOrigin}, ${y.length}] (the history's length)`,
      );
    }
    list[i] = s;
  }
  const order = Int32Array.from({ length: count }, (_, i) => i);
  order.sort((a, b) => list[a]! - list[b]!);
  const last = count > 0 ? list[order[count - 1]!]! : 0;
  return { origins: list, order, last };
}
