// The trainer's side of one session with the helper thread: hands it a command through the
// control words and waits, blocking, for it to finish. Blocking is right here: the trainer
// has nothing else to do until both shards are done, and a wait wakes within microseconds.
import type { Floats } from '../../rnn/floats.ts';
import type { MessagePort } from 'node:worker_threads';
import type { NetworkConfig } from '../../rnn/network.ts';
import { helperFailure } from './helper-thread.ts';
import type { HelperLease } from './helper-thread.ts';
import {
  CONTROL_WORDS,
  DONE,
  FAILED,
  FIRST_ROW,
  NO_TRUNCATION,
  OP,
  OP_END,
  READY,
  REQUEST,
  ROWS,
  TRUNCATE,
  pauseWhile,
} from './shard-protocol.ts';

/** The shared buffers of a session, as the trainer's thread sees them. */
export interface SessionBuffers {
  params: Floats;
  x: Floats;
  y: Floats;
  dOut: Floats;
  out: Floats;
  grads: Floats;
}

/** A helper that has not answered a command in this long is taken to be dead. */
const GIVE_UP_MS = 10 * 60_000;

export class ShardSession {
  private readonly control = new Int32Array(new SharedArrayBuffer(CONTROL_WORDS * 4));
  private readonly errors: MessagePort;
  private seq = 0;

  constructor(
    private readonly lease: HelperLease,
    config: NetworkConfig,
    maxRows: number,
    steps: number,
    b: SessionBuffers,
  ) {
    const shared = (a: Floats) => a.buffer as SharedArrayBuffer;
    this.errors = lease.open({
      config,
      maxRows,
      steps,
      control: this.control.buffer as SharedArrayBuffer,
      params: shared(b.params),
      x: shared(b.x),
      y: shared(b.y),
      dOut: shared(b.dOut),
      out: shared(b.out),
      grads: shared(b.grads),
    });
  }

  /** Whether the helper has its workspace and takes commands (it may still be starting). */
  ready(): boolean {
    return Atomics.load(this.control, READY) === 1;
  }

  /** Hands the helper a command on rows first … first + rows − 1 and returns at once. */
  start(op: number, first: number, rows: number, truncateSteps?: number): void {
    const c = this.control;
    Atomics.store(c, OP, op);
    Atomics.store(c, FIRST_ROW, first);
    Atomics.store(c, ROWS, rows);
    Atomics.store(c, TRUNCATE, truncateSteps ?? NO_TRUNCATION);
    Atomics.store(c, REQUEST, ++this.seq);
    Atomics.notify(c, REQUEST);
  }

  /** Waits for the command started last; rethrows what it threw. */
  finish(): void {
    const c = this.control;
    const since = performance.now();
    // Commands run one at a time, so DONE holds the previous command's number until then.
    while (Atomics.load(c, DONE) !== this.seq) {
      if (performance.now() - since > GIVE_UP_MS)
        throw new Error('the training helper thread stopped answering; train with threads: 1');
      pauseWhile(c, DONE, this.seq - 1, 1000);
    }
    if (Atomics.load(c, FAILED) === 1) throw new Error(helperFailure(this.errors));
  }

  /** Ends the session (without waiting: the helper reads it in order) and frees the helper. */
  end(): void {
    this.start(OP_END, 0, 0);
    this.lease.release();
  }
}
