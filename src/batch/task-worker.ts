// Worker-thread entry of the batch pool: runs series tasks one at a time and answers with
// their outcome, reporting progress at every epoch.
import { parentPort } from 'node:worker_threads';
import { runSeriesTask } from './task.ts';
import type { SeriesTask } from './task.ts';

if (!parentPort) throw new Error('task-worker.ts must run as a worker thread of the batch pool');
const port = parentPort;
port.on('message', ({ id, task }: { id: number; task: SeriesTask }) => {
  runSeriesTask(task, () => port.postMessage({ type: 'progress', id }))
    .then((result) => port.postMessage({ type: 'result', id, result }))
    .catch((e: unknown) =>
      port.postMessage({ type: 'error', id, name: (e as Error).name, message: (e as Error).message }),
    );
});
