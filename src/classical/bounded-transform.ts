// Box's (1966) sin² map between an unbounded coordinate and an interval, so that Nelder–Mead
// can search smoothing parameters without meeting the walls of their bounds. Unlike a
// logistic map it has no flat tails for the simplex to get lost in: a parameter whose optimum
// is on a bound (α = 0.9999 is common) is a smooth stationary point at u = π/2, and a simplex
// that overshoots comes back, since the map is periodic.

/** lower + (upper − lower)·sin²(u). */
export function squash(u: number, lower: number, upper: number): number {
  const s = Math.sin(u);
  return lower + (upper - lower) * s * s;
}

/** The u in [0, π/2] that squash maps to value (clamped into the interval). */
export function unsquash(value: number, lower: number, upper: number): number {
  const width = upper - lower;
  if (!(width > 0)) return 0;
  const f = Math.min(Math.max((value - lower) / width, 0), 1);
  return Math.asin(Math.sqrt(f));
}
