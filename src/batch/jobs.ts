// The jobs file of `recurrent batch` and `recurrent schedule`, YAML or JSON: what to
// forecast, from where, how, and where the results go. Validated up front with zod; an
// error names the file and the path of the bad field (jobs[2].horizon).
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

const networkConfig = z
  .object({
    cell: z.enum(['rnn', 'lstm', 'gru']).optional(),
    hiddenSize: z.number().int().min(1).max(512).optional(),
    layers: z.number().int().min(1).max(3).optional(),
    windowLength: z.number().int().min(2).max(512).optional(),
    seasonLength: z.number().int().min(1).optional(),
    strategy: z.enum(['recursive', 'direct']).optional(),
    maxEpochs: z.number().int().min(1).optional(),
    patienceEpochs: z.number().int().min(1).optional(),
    learningRate: z.number().positive().optional(),
    batchSize: z.number().int().min(1).optional(),
    seed: z.number().int().min(0).optional(),
  })
  .strict();

const output = z
  .object({
    dir: z.string().min(1),
    format: z.enum(['csv', 'json']).default('csv'),
    keepModel: z.boolean().default(false),
  })
  .strict();

const job = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'use letters, digits, dot, dash or underscore'),
    /** A CSV path or glob (relative to the jobs file), or a dataset id of the store. */
    source: z.union([z.string().min(1), z.object({ dataset: z.number().int().min(1) }).strict()]),
    id: z.string().min(1).optional(),
    target: z.string().min(1),
    time: z.string().min(1).optional(),
    features: z.array(z.string().min(1)).default([]),
    horizon: z.number().int().min(1).max(10_000),
    config: z.union([z.literal('auto'), networkConfig]).default('auto'),
    mode: z.enum(['refit', 'reuse']).default('refit'),
    output,
    schedule: z.string().min(1).optional(),
    timezone: z.string().min(1).optional(),
    catchUp: z.boolean().default(false),
  })
  .strict();

const jobsFile = z
  .object({ jobs: z.array(z.unknown()).min(1), defaults: z.record(z.string(), z.unknown()).optional() })
  .strict();

export type BatchJob = z.infer<typeof job>;
export type NetworkSettings = z.infer<typeof networkConfig>;

export interface JobsFile {
  path: string;
  /** Relative sources and output folders resolve against this folder. */
  baseDir: string;
  jobs: BatchJob[];
}

export class JobsFileError extends Error {
  override readonly name = 'JobsFileError';
}

function describeIssue(file: string, issue: z.ZodIssue, prefix: (string | number)[]): string {
  const path = [...prefix, ...issue.path]
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`))
    .join('');
  return `${file}: ${path || '(top level)'}: ${issue.message}`;
}

/** Parses and validates a jobs document; `defaults` are merged under every job. */
export function parseJobs(text: string, path: string): JobsFile {
  let doc: unknown;
  try {
    doc = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new JobsFileError(
      `${path}: not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(e as Error).message}`,
    );
  }
  const top = jobsFile.safeParse(doc);
  if (!top.success) throw new JobsFileError(describeIssue(path, top.error.issues[0]!, []));
  const defaults = top.data.defaults ?? {};
  const jobs = top.data.jobs.map((raw, i) => {
    const merged = typeof raw === 'object' && raw !== null ? { ...defaults, ...raw } : raw;
    const parsed = job.safeParse(merged);
    if (!parsed.success) throw new JobsFileError(describeIssue(path, parsed.error.issues[0]!, ['jobs', i]));
    return parsed.data;
  });
  const names = new Set<string>();
  for (const j of jobs) {
    if (names.has(j.name))
      throw new JobsFileError(`${path}: job name "${j.name}" is used twice; names key the rerun state`);
    names.add(j.name);
  }
  return { path: resolve(path), baseDir: dirname(resolve(path)), jobs };
}

export async function readJobsFile(path: string): Promise<JobsFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new JobsFileError(
      `cannot read jobs file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  return parseJobs(text, path);
}
