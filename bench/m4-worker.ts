// Worker-thread entry for the M4 bench pool (m4-pool.ts): runs one task at a time through
// m4-run.ts and posts the result back. A worker lives for many series, so tsx and the
// facade load once per lane, not once per fit.
import { parentPort } from 'node:worker_threads';
import type { M4Task } from './m4-run.ts';
import { failedResult, runTask } from './m4-run.ts';

const port = parentPort!;

port.on('message', (task: M4Task) => {
  runTask(task)
    .then((result) => port.postMessage(result))
    .catch((e: unknown) =>
      port.postMessage(failedResult(task, `${(e as Error).name}: ${(e as Error).message}`)),
    );
});
