// Finite-difference gradients for the gradient checks: a 4-point central stencil
// (error O(ε⁴)), so float64 round-off, not truncation, sets the accuracy floor.
import { backwardBatch, createWorkspace, forwardBatch } from '../../src/rnn/bptt.ts';
import type { Workspace } from '../../src/rnn/bptt.ts';
import type { Floats } from '../../src/rnn/floats.ts';
import type { Network } from '../../src/rnn/network.ts';

export function numericGradient(loss: () => number, params: Floats, index: number, epsilon = 1e-3): number {
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

/**
 * How much truncating BPTT to the last `steps` steps moves each tensor's gradient (the
 * largest absolute change), for an all-ones output gradient: a truncated check is vacuous
 * if truncation changes nothing. Returns the workspace too, holding the truncated pass.
 */
export function truncationChanges(
  net: Network,
  x: Float64Array,
  B: number,
  T: number,
  steps: number,
): { changes: Map<string, number>; ws: Workspace } {
  const ws = createWorkspace(net, B, T, { gradNorms: true });
  const dOut = new Float64Array(B * net.config.outputs).fill(1);
  forwardBatch(ws, x, B);
  backwardBatch(ws, dOut, B);
  const full = Float64Array.from(ws.grads);
  backwardBatch(ws, dOut, B, steps);
  const changes = new Map<string, number>();
  for (const t of net.tensors) {
    let diff = 0;
    for (let i = t.offset; i < t.offset + t.size; i++)
      diff = Math.max(diff, Math.abs(full[i]! - ws.grads[i]!));
    changes.set(t.name, diff);
  }
  return { changes, ws };
}
