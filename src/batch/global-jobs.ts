// The training half of `model: global` jobs: before any series is dispatched, each such
// job's series are read and one global model is fitted on all of them, here on the machine
// that runs the batch (training shares one network; forecasting is what spreads over
// workers and BullMQ). The model is saved beside the job's outputs and every task of the
// job is pointed at it. A rerun whose series and settings are all unchanged keeps the saved
// model; otherwise it is retrained, and its fingerprint (every source file's bytes and every
// series' settings) joins each series' own, so every series is forecast again with it.
//
// The fingerprint hashes the files' bytes rather than the parsed series: parsing 10,000
// files here, before any is dispatched, took most of a batch's wall time and did not spread
// over workers (bench/M4-global.md, batch). The series are parsed only when the model is
// trained; each worker still parses its own series and fingerprints it for its outputs.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fitGlobal, saveGlobalModel } from '../forecaster.ts';
import type { JobProblem } from './expand.ts';
import type { SeriesTask } from './task.ts';
import { writeFileAtomic } from '../files/atomic-write.ts';
import { readSeries } from './task.ts';

type Task = Omit<SeriesTask, 'previous'> & { model?: 'per-series' | 'global' };

/** The global model file of a job, in its output folder. */
export function globalModelPath(task: Pick<SeriesTask, 'job' | 'output'>): string {
  return join(task.output.dir, `${task.job}.global-model.json`);
}

/**
 * Fits each global job's model and returns the tasks to dispatch (pointed at their model)
 * and the problems of jobs whose model could not be fitted (their series are not run).
 */
export async function trainGlobalJobs(
  tasks: readonly Task[],
  signal?: AbortSignal,
): Promise<{ tasks: Task[]; problems: JobProblem[] }> {
  const byJob = new Map<string, Task[]>();
  for (const t of tasks) if (t.model === 'global') byJob.set(t.job, [...(byJob.get(t.job) ?? []), t]);
  const problems: JobProblem[] = [];
  const failedJobs = new Set<string>();
  for (const [job, jobTasks] of byJob) {
    const [first] = jobTasks;
    if (!first) continue;
    try {
      const path = globalModelPath(first);
      const modelHash = await jobFingerprint(jobTasks);
      const stamp = `${path}.fingerprint`;
      const current = !first.force && existsSync(path) && (await readText(stamp)) === modelHash;
      if (!current) {
        // Each series is known to the model by its task key: unique across files and ids.
        const series = await Promise.all(
          jobTasks.map(async (t) => ({ ...(await readSeries(t)), id: t.key })),
        );
        await saveGlobalModel(await fitGlobal(series, first.options, { signal }), path);
        await writeFileAtomic(stamp, modelHash);
      }
      for (const t of jobTasks) t.global = { modelPath: path, modelHash };
    } catch (e) {
      failedJobs.add(job);
      problems.push({ job, error: `the global model could not be fitted: ${(e as Error).message}` });
    }
  }
  return { tasks: tasks.filter((t) => !failedJobs.has(t.job)), problems };
}

/** Every task's settings and source bytes, in order: unchanged, the saved model still holds. A file holding several series is read once. */
async function jobFingerprint(tasks: readonly Task[]): Promise<string> {
  const hash = createHash('sha256');
  const files = new Map<string, string>();
  for (const t of tasks) {
    const { key, seriesId, ingest, options, mode } = t;
    hash.update(JSON.stringify({ key, seriesId, ingest, options, mode }));
    if ('bytes' in t.source) hash.update(t.source.bytes);
    else {
      const path = t.source.path;
      let digest = files.get(path);
      if (digest === undefined) {
        digest = createHash('sha256')
          .update(await readFile(path))
          .digest('hex');
        files.set(path, digest);
      }
      hash.update(digest);
    }
  }
  return hash.digest('hex');
}

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}
