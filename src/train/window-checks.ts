// Checks on the windows training reads, and the errors that name the window, part and epoch
// where a value stopped being finite.
import type { Floats } from '../rnn/floats.ts';
import type { Network } from '../rnn/network.ts';
import { NonFiniteError } from './errors.ts';
import type { WindowData } from './trainer.ts';

export function checkCount(count: number, label: string): void {
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`${label} windows: need at least one window, got ${count}`);
}

export function checkWindows(net: Network, T: number, data: WindowData, label: string): void {
  const F = net.config.inputSize,
    K = net.config.outputs;
  checkCount(data.count, label);
  if (data.inputs.length !== data.count * T * F)
    throw new Error(
      `${label} windows: inputs hold ${data.inputs.length} values, ${data.count}×${T}×${F} expected`,
    );
  if (data.targets.length !== data.count * K)
    throw new Error(
      `${label} windows: targets hold ${data.targets.length} values, ${data.count}×${K} expected`,
    );
  const bad = (a: Floats, stride: number) => {
    for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i]!)) return Math.floor(i / stride);
    return -1;
  };
  const parts = [
    ['input', data.inputs, T * F],
    ['target', data.targets, K],
  ] as const;
  for (const [part, values, stride] of parts) {
    const window = bad(values, stride);
    if (window >= 0)
      throw new NonFiniteError(
        0,
        part,
        null,
        window,
        `${label} window ${window} has a non-finite ${part} value; clean or fill the series first`,
      );
  }
}

/** A gathered batch of an on-demand source, checked as checkWindows checks a whole array. */
export function checkBatch(
  x: Floats,
  y: Floats,
  xLength: number,
  yLength: number,
  xStride: number,
  K: number,
  order: Uint32Array,
  start: number,
): void {
  const parts = [
    ['input', x, xLength, xStride],
    ['target', y, yLength, K],
  ] as const;
  for (const [part, values, length, stride] of parts)
    for (let i = 0; i < length; i++)
      if (!Number.isFinite(values[i]!)) {
        const window = order[start + Math.floor(i / stride)]!;
        throw new NonFiniteError(
          0,
          part,
          null,
          window,
          `training window ${window} has a non-finite ${part} value; clean or fill the series first`,
        );
      }
}

export function nonFiniteLoss(
  epoch: number,
  out: Floats,
  n: number,
  K: number,
  order: Uint32Array,
  start: number,
): NonFiniteError {
  let row = 0;
  for (let i = 0; i < n * K; i++)
    if (!Number.isFinite(out[i]!)) {
      row = Math.floor(i / K);
      break;
    }
  const window = order[start + row]!;
  return new NonFiniteError(
    epoch,
    'loss',
    null,
    window,
    `training diverged in epoch ${epoch}: the loss is not finite (network output for input window ${window} is ${out[row * K]}); lower the learning rate or turn on gradient clipping`,
  );
}

export function nonFiniteGradient(
  epoch: number,
  net: Network,
  grads: Floats,
  window: number,
): NonFiniteError {
  const tensor = net.tensors.find((t) =>
    grads.subarray(t.offset, t.offset + t.size).some((v) => !Number.isFinite(v)),
  );
  const name = tensor?.name ?? 'unknown';
  return new NonFiniteError(
    epoch,
    'gradient',
    name,
    window,
    `training diverged in epoch ${epoch}: the gradient of ${name} is not finite (batch starting with input window ${window}); lower the learning rate or turn on gradient clipping`,
  );
}
