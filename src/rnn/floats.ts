// The engine's two precisions. A network, its workspace and every buffer its passes touch
// share one: float32 trains fastest (twice the SIMD lanes, half the memory traffic) and is
// what forecasting uses; float64 is what the finite-difference gradient checks need.
import type { Precision } from './kernels/gemm-kernels-wat.ts';

export type { Precision } from './kernels/gemm-kernels-wat.ts';

/** A buffer of either precision. */
export type Floats = Float32Array | Float64Array;

export const PRECISIONS: readonly Precision[] = ['float64', 'float32'];

/** What a forecaster's network computes in unless told otherwise. */
export const DEFAULT_PRECISION: Precision = 'float32';

/** A zeroed buffer of n values in this precision. */
export function floats(precision: Precision, n: number): Floats {
  return precision === 'float32' ? new Float32Array(n) : new Float64Array(n);
}

export function precisionOf(a: Floats): Precision {
  return a instanceof Float32Array ? 'float32' : 'float64';
}
