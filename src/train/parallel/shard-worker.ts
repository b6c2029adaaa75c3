// The helper thread of data-parallel training. It waits for a session (one per train()
// call), builds its own network and workspace, then runs forward and backward passes on
// its shard of each minibatch as the trainer's control words ask, until the session ends.
// Between commands it blocks on Atomics.wait: a command costs microseconds to hand over,
// where a message through the event loop would cost about a tenth of a millisecond.
import { parentPort } from 'node:worker_threads';
import { createWorkspace } from '../../rnn/bptt.ts';
import { floats } from '../../rnn/floats.ts';
import type { Floats } from '../../rnn/floats.ts';
import { networkFromParams } from '../../rnn/network.ts';
import { runShardForward, shardBackward } from './shard-passes.ts';
import {
  DONE,
  FAILED,
  FIRST_ROW,
  NO_TRUNCATION,
  OP,
  OP_BACKWARD,
  OP_END,
  OP_FORWARD_TEACHER,
  READY,
  REQUEST,
  ROWS,
  TRUNCATE,
  floatsOn,
  pauseWhile,
} from './shard-protocol.ts';
import type { SessionMessage } from './shard-protocol.ts';

/** How long one wait lasts before it looks again; a session normally wakes it far sooner. */
const WAIT_SLICE_MS = 1000;

function runSession(s: SessionMessage): void {
  const control = new Int32Array(s.control);
  const precision = s.config.precision ?? 'float64';
  const [params, x, y, dOut, out, grads] = [s.params, s.x, s.y, s.dOut, s.out, s.grads].map((b) =>
    floatsOn(b, precision),
  ) as [Floats, Floats, Floats, Floats, Floats, Floats];
  const net = networkFromParams(s.config, params);
  const ws = createWorkspace(net, s.maxRows, s.steps);
  const dOutRows = floats(precision, s.maxRows * s.config.outputs);
  Atomics.store(control, READY, 1);
  Atomics.notify(control, READY);
  let seen = 0;
  for (;;) {
    while (Atomics.load(control, REQUEST) === seen) pauseWhile(control, REQUEST, seen, WAIT_SLICE_MS);
    seen = Atomics.load(control, REQUEST);
    const op = Atomics.load(control, OP);
    if (op === OP_END) {
      s.errors.close();
      finish(control, seen);
      return;
    }
    const first = Atomics.load(control, FIRST_ROW),
      rows = Atomics.load(control, ROWS);
    try {
      if (op === OP_BACKWARD) {
        const truncate = Atomics.load(control, TRUNCATE);
        shardBackward(ws, dOut, first, rows, dOutRows, truncate === NO_TRUNCATION ? undefined : truncate);
        grads.set(ws.grads);
      } else {
        net.params.set(params);
        runShardForward(ws, x, y, first, rows, op === OP_FORWARD_TEACHER, out, 0);
      }
      Atomics.store(control, FAILED, 0);
    } catch (error) {
      Atomics.store(control, FAILED, 1);
      s.errors.postMessage(error instanceof Error ? error.message : String(error));
    }
    finish(control, seen);
  }
}

function finish(control: Int32Array, seq: number): void {
  Atomics.store(control, DONE, seq);
  Atomics.notify(control, DONE);
}

parentPort!.on('message', (message: SessionMessage) => runSession(message));
