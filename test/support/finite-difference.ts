// Finite-difference gradients for the gradient checks: a 4-point central stencil
// (error O(ε⁴)), so float64 round-off, not truncation, sets the accuracy floor.

export function numericGradient(
  loss: () => number,
  params: Float64Array,
  index: number,
  epsilon = 1e-3,
): number {
  const original = params[index]!;
  const at = (delta: number) => {
    params[index] = original + delta;
    const value = loss();
    params[index] = original;
    return value;
  };
  return (8 * (at(epsilon) - at(-epsilon)) - (at(2 * epsilon) - at(-2 * epsilon))) / (12 * epsilon);
}

/**
 * |a − n| / max(|a|, |n|, floor): relative error, compared absolutely below `floor` where
 * a relative measure of two near-zero numbers says nothing.
 */
export function relativeError(analytic: number, numeric: number, floor = 1e-6): number {
  return Math.abs(analytic - numeric) / Math.max(Math.abs(analytic), Math.abs(numeric), floor);
}

export function randomArray(length: number, next: () => number): Float64Array {
  return Float64Array.from({ length }, next);
}
