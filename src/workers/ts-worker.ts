// Starts a worker thread on a TypeScript module. Workers do not inherit the parent's tsx
// loader (and Node 20 ignores --import in a worker's execArgv), so a tiny bootstrap
// registers tsx first, by absolute URL, then imports the module — whatever the current
// directory is.
import { Worker } from 'node:worker_threads';

const TSX_API = import.meta.resolve('tsx/esm/api');

export function startTsWorker(module: URL, workerData?: unknown): Worker {
  const bootstrap = `import(${JSON.stringify(TSX_API)}).then(({ register }) => { register(); return import(${JSON.stringify(module.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}
