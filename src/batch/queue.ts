// Placeholder until the BullMQ executor lands (in progress).
import type { LocalExecutor } from './local-executor.ts';

export async function createQueueExecutor(url: string): Promise<LocalExecutor> {
  throw new Error(`--queue ${url}: the Redis queue is not available in this build yet`);
}
