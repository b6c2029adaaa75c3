// Turns a jobs file into one task per series: sources are paths or globs (relative to the
// jobs file) or stored datasets, and a long-format file becomes one task per identifier.
// A file that cannot be read still becomes a task, so its failure is reported beside the
// others instead of stopping them.
import { basename, extname, isAbsolute, resolve } from 'node:path';
import { glob } from 'tinyglobby';
import { ingestCsv, mayHoldSeveralSeries, settingsToForecastOptions } from '../forecaster.ts';
import type { ForecastOptions } from '../forecaster.ts';
import type { BatchJob, JobsFile } from './jobs.ts';
import type { SeriesTask } from './task.ts';

export interface ExpandOptions {
  force: boolean;
  /** Reads a stored dataset's CSV; needed only for `source: { dataset: id }`. */
  datasetBytes?: (id: number) => { name: string; bytes: Uint8Array } | undefined;
}

/** A series task before the runner adds its previous state; `model` says whether the job fits one global model. */
export type ExpandedTask = Omit<SeriesTask, 'previous'> & { model: 'per-series' | 'global' };

export interface JobProblem {
  job: string;
  error: string;
}

/** A job's settings (its horizon, features and config) as ForecastOptions, as every surface maps them. */
export function jobOptions(job: BatchJob): ForecastOptions {
  return settingsToForecastOptions({ ...job.config, horizonSteps: job.horizon, features: job.features });
}

const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '') || 'series';

export async function expandJobs(
  file: JobsFile,
  options: ExpandOptions,
): Promise<{ tasks: ExpandedTask[]; problems: JobProblem[] }> {
  const tasks: ExpandedTask[] = [];
  const problems: JobProblem[] = [];
  for (const job of file.jobs) {
    const outputDir = isAbsolute(job.output.dir) ? job.output.dir : resolve(file.baseDir, job.output.dir);
    const sources = await resolveSources(job, file.baseDir, options);
    if (typeof sources === 'string') {
      problems.push({ job: job.name, error: sources });
      continue;
    }
    for (const source of sources) {
      const label = 'path' in source ? basename(source.path) : source.name;
      const ids = await seriesIds(source, job);
      for (const seriesId of ids) {
        tasks.push({
          key: [job.name, label, seriesId].filter((p) => p !== '').join('/'),
          job: job.name,
          source,
          seriesId,
          ingest: {
            target: job.target,
            time: job.time,
            id: job.id,
            features: job.features,
            ...(job.config.future ? { future: job.config.future } : {}),
            ...(job.statics.length > 0 ? { statics: job.statics } : {}),
          },
          options: jobOptions(job),
          mode: job.mode,
          model: job.model,
          output: {
            dir: outputDir,
            stem: [basename(label, extname(label)), seriesId]
              .filter((p) => p !== '')
              .map(safe)
              .join('-'),
            format: job.output.format,
            intervals: job.output.intervals,
            keepModel: job.output.keepModel,
          },
          force: options.force,
        });
      }
    }
  }
  return { tasks, problems };
}

async function resolveSources(
  job: BatchJob,
  baseDir: string,
  options: ExpandOptions,
): Promise<SeriesTask['source'][] | string> {
  if (typeof job.source !== 'string') {
    const stored = options.datasetBytes?.(job.source.dataset);
    return stored ? [stored] : `dataset ${job.source.dataset} is not in the store`;
  }
  const pattern = job.source;
  const paths = /[*?[{]/.test(pattern)
    ? (await glob(pattern, { cwd: baseDir, absolute: true, onlyFiles: true })).sort()
    : [isAbsolute(pattern) ? pattern : resolve(baseDir, pattern)];
  return paths.length === 0 ? `source ${pattern} matches no file` : paths.map((path) => ({ path }));
}

/**
 * The series a source holds; [''] when it holds one, or cannot be read (the task reports
 * why). A file whose header names no id column is not parsed here: a batch of 10,000 such
 * files spent most of its wall time parsing them before dispatching any (bench/M4-global.md).
 */
async function seriesIds(source: SeriesTask['source'], job: BatchJob): Promise<string[]> {
  try {
    const input = 'path' in source ? source.path : Buffer.from(source.bytes);
    const file = 'path' in source ? source.path : source.name;
    if (!(await mayHoldSeveralSeries(input, { id: job.id, file }))) return [''];
    const { series } = await ingestCsv(input, {
      file,
      target: job.target,
      time: job.time,
      id: job.id,
      features: job.features,
      future: job.config.future,
    });
    return series.map((s) => s.id);
  } catch {
    return [''];
  }
}
