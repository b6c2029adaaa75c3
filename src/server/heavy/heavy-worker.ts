// Worker-thread entry of the heavy-work pool (pool.ts): runs one task at a time and posts
// the answer back, handing over its large buffers; a thrown error goes back as plain data
// (worker-errors.ts) and is rebuilt as the same class on the other side.
import { parentPort } from 'node:worker_threads';
import { runIngestTask } from './ingest-task.ts';
import type { HeavyReply, HeavyTask, TaskOutput } from './messages.ts';
import { runDescribeTask } from './summary-task.ts';
import { runTraceTask } from './trace-task.ts';
import { serialiseError } from './worker-errors.ts';

const port = parentPort;
if (!port) throw new Error('heavy-worker.ts runs as a worker thread of the heavy-work pool');

function run(task: HeavyTask): Promise<TaskOutput<unknown>> {
  switch (task.kind) {
    case 'ingest':
      return runIngestTask(task);
    case 'describe':
      return runDescribeTask(task.series);
    case 'trace':
      return Promise.resolve(runTraceTask(task.time, task.values, task));
  }
}

port.on('message', (task: HeavyTask) => {
  // An async wrapper turns a synchronous throw into a rejection too.
  void (async () => run(task))()
    .then(({ result, transfer }) => port.postMessage({ type: 'done', result } satisfies HeavyReply, transfer))
    .catch((e: unknown) =>
      port.postMessage({ type: 'error', error: serialiseError(e) } satisfies HeavyReply),
    );
});
