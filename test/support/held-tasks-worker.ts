// A worker for the pool's tests: each task waits (as a task waits on its files), then says
// how many tasks this thread held at the most while it ran. `exit` ends the thread.
import { parentPort, threadId } from 'node:worker_threads';

const port = parentPort!;
let held = 0;
port.on('message', ({ id, task }: { id: number; task: { waitMs: number; exit?: boolean } }) => {
  if (task.exit) process.exit(3);
  held++;
  let most = held;
  const watch = setInterval(() => {
    most = Math.max(most, held);
  }, 1);
  setTimeout(() => {
    clearInterval(watch);
    most = Math.max(most, held);
    held--;
    port.postMessage({ type: 'result', id, result: { threadId, most } });
  }, task.waitMs);
});
