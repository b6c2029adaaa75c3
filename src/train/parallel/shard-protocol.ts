// What the trainer's thread and its helper thread share for data-parallel training: the
// layout of the control words (an Int32Array on a SharedArrayBuffer) and the buffers one
// training session passes over. Both sides import it, so the numbers are written once.
import type { MessagePort } from 'node:worker_threads';
import type { Floats, Precision } from '../../rnn/floats.ts';
import type { NetworkConfig } from '../../rnn/network.ts';

/** Index of each control word. */
export const REQUEST = 0; // sequence number of the latest command (the trainer increments it)
export const OP = 1; // what the command asks (OP_* below)
export const FIRST_ROW = 2; // the helper's shard starts at this row of the batch
export const ROWS = 3; // rows in the helper's shard
export const TRUNCATE = 4; // truncated-BPTT steps, or NO_TRUNCATION
export const DONE = 5; // sequence number of the latest command finished (the helper sets it)
export const FAILED = 6; // 1 when the latest command threw; its message is on the session's errors port
export const READY = 7; // 1 once the helper has built its workspace for this session
export const CONTROL_WORDS = 8;

export const OP_FORWARD = 1; // forward pass, no teacher (evaluation)
export const OP_FORWARD_TEACHER = 2; // forward pass fed the true targets (training)
export const OP_BACKWARD = 3; // backward pass of the last forward pass
export const OP_END = 4; // session over: the helper goes back to waiting for the next one

export const NO_TRUNCATION = -1;

/** The one message that opens a session; every later command goes through `control`. */
export interface SessionMessage {
  config: NetworkConfig;
  /** Rows the helper's workspace must hold: the larger half of the biggest batch. */
  maxRows: number;
  steps: number;
  control: SharedArrayBuffer;
  /** The trainer copies its parameters here before each forward command. */
  params: SharedArrayBuffer;
  /** The whole batch [B, T, F]; the helper reads its rows from FIRST_ROW. */
  x: SharedArrayBuffer;
  /** True targets [B, K], the teacher of a sequence-to-sequence decoder. */
  y: SharedArrayBuffer;
  /** ∂L/∂output [B, K] of the whole batch, written by the trainer before a backward command. */
  dOut: SharedArrayBuffer;
  /** The helper writes its rows' outputs here, from row 0. */
  out: SharedArrayBuffer;
  /** The helper writes its shard's gradient here. */
  grads: SharedArrayBuffer;
  /** Where the helper posts the message of a command that threw (FAILED set). */
  errors: MessagePort;
}

/** A float array on shared memory, so that both threads see the same values. */
export function sharedFloats(precision: Precision, length: number): Floats {
  return floatsOn(new SharedArrayBuffer(Math.max(1, length) * (precision === 'float32' ? 4 : 8)), precision);
}

/** The other thread's view of a shared float array. */
export function floatsOn(buffer: SharedArrayBuffer, precision: Precision): Floats {
  return precision === 'float32' ? new Float32Array(buffer) : new Float64Array(buffer);
}

/**
 * Spins this many reads before a waiting thread sleeps. The two threads hand over four
 * times per minibatch and their shards end within microseconds of each other; waking a
 * sleeping thread costs tens of microseconds, which at H = 32 was a third of a batch.
 */
const SPIN_READS = 20_000;

/**
 * Returns once control[word] !== value or sliceMs have passed, whichever is first: spins
 * briefly, then sleeps. Callers loop, so that a slice ends with a chance to give up.
 */
export function pauseWhile(control: Int32Array, word: number, value: number, sliceMs: number): void {
  for (let i = 0; i < SPIN_READS; i++) if (Atomics.load(control, word) !== value) return;
  Atomics.wait(control, word, value, sliceMs);
}
