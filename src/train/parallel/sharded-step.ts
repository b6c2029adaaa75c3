// A training step's forward and backward pass over a minibatch cut into two shards: rows
// 0 … n0 − 1 and n0 … n − 1, n0 = ⌈n/2⌉. The gradient is shard 0's plus shard 1's, summed
// in that order. That split is part of the maths, not of the machine: with two threads
// the helper thread runs shard 1 while this thread runs shard 0; with one (inside a batch
// pool, or while the helper is busy or starting) this thread runs both, one after the
// other, through the same calls. Either way the same seed gives the same bytes, whatever
// the timing or the number of cores.
import { createWorkspace } from '../../rnn/bptt.ts';
import type { Workspace } from '../../rnn/bptt.ts';
import { floats } from '../../rnn/floats.ts';
import type { Floats } from '../../rnn/floats.ts';
import type { Network } from '../../rnn/network.ts';
import { leaseHelper } from './helper-thread.ts';
import { runShardForward, shardBackward } from './shard-passes.ts';
import { OP_BACKWARD, OP_FORWARD, OP_FORWARD_TEACHER, sharedFloats } from './shard-protocol.ts';
import { ShardSession } from './shard-session.ts';

export interface ShardedStep {
  /** B: the most windows a pass takes. */
  readonly maxBatch: number;
  /** The minibatch's inputs [B, T, F], filled by the trainer. */
  readonly x: Floats;
  /** Its true targets [B, K]. */
  readonly y: Floats;
  /** ∂L/∂output [B, K], filled by the trainer between forward and backward. */
  readonly dOut: Floats;
  /** Runs the first n windows of x; returns the outputs, whose first n·K values are theirs. */
  forward(n: number, teacher: boolean): Floats;
  /** Backpropagates dOut through the last forward pass; returns ∂L/∂θ (overwritten each call). */
  backward(n: number, truncateSteps?: number): Floats;
  /** Whether the helper thread has started and takes shard 1 (until then this thread runs both). */
  helperReady(): boolean;
  /** Frees the helper thread. */
  close(): void;
}

/** Rows of shard 1 in a minibatch of n; shard 0 holds the rest (the larger half). */
export const secondShardRows = (n: number) => n >> 1;

/**
 * A sharded step for minibatches of up to B windows of T steps. threads 2 leases the
 * process's helper thread when it is free; threads 1 never does.
 */
export function createShardedStep(net: Network, B: number, T: number, threads: number): ShardedStep {
  const { inputSize: F, outputs: K } = net.config;
  const rows0 = B - secondShardRows(B),
    rows1 = Math.max(1, secondShardRows(B));
  const lease = threads > 1 && B > 1 ? leaseHelper() : null;
  const p = net.precision;
  const buffer = (n: number) => (lease ? sharedFloats(p, n) : floats(p, n));
  const x = buffer(B * T * F),
    y = buffer(B * K),
    dOut = buffer(B * K),
    out = floats(p, B * K),
    helperOut = buffer(rows1 * K),
    helperGrads = buffer(net.params.length),
    params = buffer(net.params.length);
  const ws0 = createWorkspace(net, rows0, T);
  const scratch = floats(p, rows0 * K);
  const session = lease
    ? new ShardSession(lease, net.config, rows1, T, {
        params,
        x,
        y,
        dOut,
        out: helperOut,
        grads: helperGrads,
      })
    : null;
  let ws1: Workspace | null = null; // shard 1 on this thread; made on first need
  let onHelper = false; // where the last forward pass ran shard 1
  let lastRows = 0;

  return {
    maxBatch: B,
    x,
    y,
    dOut,
    forward(n, teacher) {
      const n1 = secondShardRows(n),
        n0 = n - n1;
      lastRows = n;
      onHelper = n1 > 0 && session !== null && session.ready();
      if (onHelper) {
        params.set(net.params);
        session!.start(teacher ? OP_FORWARD_TEACHER : OP_FORWARD, n0, n1);
      }
      runShardForward(ws0, x, y, 0, n0, teacher, out, 0);
      if (onHelper) {
        session!.finish();
        for (let i = 0; i < n1 * K; i++) out[n0 * K + i] = helperOut[i]!;
      } else if (n1 > 0) {
        ws1 ??= createWorkspace(net, rows1, T);
        runShardForward(ws1, x, y, n0, n1, teacher, out, n0);
      }
      return out;
    },
    backward(n, truncateSteps) {
      if (n !== lastRows) throw new Error(`backward over ${n} windows after a forward pass over ${lastRows}`);
      const n1 = secondShardRows(n),
        n0 = n - n1;
      if (onHelper) session!.start(OP_BACKWARD, n0, n1, truncateSteps);
      shardBackward(ws0, dOut, 0, n0, scratch, truncateSteps);
      const grads = ws0.grads;
      if (n1 === 0) return grads;
      let second: Floats;
      if (onHelper) {
        session!.finish();
        second = helperGrads;
      } else {
        shardBackward(ws1!, dOut, n0, n1, scratch, truncateSteps);
        second = ws1!.grads;
      }
      for (let i = 0; i < grads.length; i++) grads[i] = grads[i]! + second[i]!;
      return grads;
    },
    helperReady: () => session !== null && session.ready(),
    close() {
      session?.end();
    },
  };
}
