// One shard's forward and backward pass: rows first … first + rows − 1 of a minibatch run
// through a workspace of their own. The trainer's thread runs shard 0 with these and the
// helper thread (or, without one, the trainer's thread again) shard 1, with the very same
// calls, which is why the bytes do not depend on which thread ran a shard.
import type { Floats } from '../../rnn/floats.ts';
import { backwardBatch, forwardBatch } from '../../rnn/bptt.ts';
import type { Workspace } from '../../rnn/bptt.ts';

/**
 * Forward pass of the shard's rows of x [B, T, F], fed the true targets y [B, K] as the
 * teacher when `teacher`; its outputs go into out from row outRow.
 */
export function runShardForward(
  ws: Workspace,
  x: Floats,
  y: Floats,
  first: number,
  rows: number,
  teacher: boolean,
  out: Floats,
  outRow: number,
): void {
  const F = ws.net.config.inputSize,
    K = ws.net.config.outputs;
  const o = forwardBatch(ws, x, rows, first * ws.steps * F, teacher ? y : null, first * K);
  for (let i = 0, to = outRow * K; i < rows * K; i++) out[to + i] = o[i]!;
}

/**
 * Backward pass of the workspace's last forward pass, fed the shard's rows of dOut [B, K]
 * (copied into `scratch` first: the engine reads ∂L/∂output from row 0). Leaves the shard's
 * gradient in ws.grads.
 */
export function shardBackward(
  ws: Workspace,
  dOut: Floats,
  first: number,
  rows: number,
  scratch: Floats,
  truncateSteps: number | undefined,
): void {
  const K = ws.net.config.outputs;
  for (let i = 0, from = first * K; i < rows * K; i++) scratch[i] = dOut[from + i]!;
  backwardBatch(ws, scratch, rows, truncateSteps);
}
