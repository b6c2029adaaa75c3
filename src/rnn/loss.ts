import type { Floats } from './floats.ts';
// Losses over a batch of predictions [B, K] against targets [B, K], averaged over all
// B·K values. Each returns the loss and writes ∂L/∂prediction into `grad`.

export type LossKind = 'mse' | 'mae' | 'huber';

export const LOSS_KINDS: readonly LossKind[] = ['mse', 'mae', 'huber'];

/** Huber's threshold between the quadratic and linear parts, in scaled units. */
export const HUBER_DELTA = 1;

export function lossAndGradient(
  kind: LossKind,
  prediction: Floats,
  target: Floats,
  n: number,
  grad: Floats,
): number {
  let sum = 0;
  switch (kind) {
    case 'mse':
      for (let i = 0; i < n; i++) {
        const r = prediction[i]! - target[i]!;
        sum += r * r;
        grad[i] = (2 * r) / n;
      }
      break;
    case 'mae':
      for (let i = 0; i < n; i++) {
        const r = prediction[i]! - target[i]!;
        sum += Math.abs(r);
        grad[i] = Math.sign(r) / n;
      }
      break;
    case 'huber':
      for (let i = 0; i < n; i++) {
        const r = prediction[i]! - target[i]!;
        const a = Math.abs(r);
        if (a <= HUBER_DELTA) {
          sum += 0.5 * r * r;
          grad[i] = r / n;
        } else {
          sum += HUBER_DELTA * (a - 0.5 * HUBER_DELTA);
          grad[i] = (HUBER_DELTA * Math.sign(r)) / n;
        }
      }
      break;
  }
  return sum / n;
}

/** The loss alone, for validation passes; targets may start at an offset into a larger array. */
export function lossValue(
  kind: LossKind,
  prediction: Floats,
  target: Floats,
  n: number,
  targetOffset = 0,
): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const r = prediction[i]! - target[targetOffset + i]!;
    const a = Math.abs(r);
    sum +=
      kind === 'mse'
        ? r * r
        : kind === 'mae'
          ? a
          : a <= HUBER_DELTA
            ? 0.5 * r * r
            : HUBER_DELTA * (a - 0.5 * HUBER_DELTA);
  }
  return sum / n;
}
