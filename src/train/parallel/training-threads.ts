// How many threads a fit's gradient steps run on, when its config does not say. A fit on
// a process's main thread (the CLI, a notebook, `npm run bench`) has the machine to itself
// and takes a second core; a fit on a worker thread is one of a pool (batch forecasting,
// the server's training queue, a grid search, a global model's extra networks) that
// already keeps every core busy, and stays on one. Only speed depends on it: the result is
// the same bytes either way (sharded-step.ts).
import { availableParallelism } from 'node:os';
import { isMainThread } from 'node:worker_threads';

/** Two shards per minibatch, so at most two threads have work. */
export const MAX_TRAINING_THREADS = 2;

/** The threads a fit runs on: the caller's choice, checked, or the default for where it runs. */
export function trainingThreads(requested: number | undefined): number {
  if (requested === undefined) return isMainThread && availableParallelism() >= 2 ? MAX_TRAINING_THREADS : 1;
  if (requested !== 1 && requested !== MAX_TRAINING_THREADS)
    throw new Error(`training threads must be 1 or ${MAX_TRAINING_THREADS}, got ${String(requested)}`);
  return requested;
}
