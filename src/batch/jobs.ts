// The jobs file of `recurrent batch` and `recurrent schedule`, YAML or JSON: what to
// forecast, from where, how, and where the results go. Validated up front with zod; the
// forecast settings (horizon, features, config) are the one settings schema's, under the
// keys jobs files have always used. An error names the file, the job and the field
// (jobs[2].config.hiddenSize).
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { forecastSettingsFields } from '../forecaster.ts';

const { horizonSteps, features, ...modelFields } = forecastSettingsFields;

/** `config:` — every setting but the horizon and the features, which are keys of the job itself. */
const modelSettings = z
  .object(modelFields, { invalid_type_error: 'use auto, or a mapping of settings (cell, hiddenSize, …)' })
  .strict();

// `auto` (or nothing) is the empty mapping: auto mode chooses everything. A preprocess, not a
// union, so a bad setting is reported as that setting rather than as "invalid input".
const config = z.preprocess((value) => (value === 'auto' || value === undefined ? {} : value), modelSettings);

const output = z
  .object({
    dir: z.string().min(1),
    format: z.enum(['csv', 'json']).default('csv'),
    // both: time,forecast,lo_80,hi_80,lo_95,hi_95; legacy: the older time,forecast,lower,upper (95 %).
    intervals: z.enum(['both', 'legacy']).default('both'),
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
    features: features.unwrap().default([]),
    horizon: horizonSteps,
    config,
    mode: z.enum(['refit', 'reuse']).default('refit'),
    // global: one network trained on every series of the job (on the machine that runs the
    // batch), then each series forecast with it as its own task (src/batch/global-jobs.ts).
    model: z.enum(['per-series', 'global']).default('per-series'),
    // Columns holding one value per series (a region, a size): inputs of a global model.
    statics: z.array(z.string().min(1)).default([]),
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

export interface JobsFile {
  path: string;
  /** Relative sources and output folders resolve against this folder. */
  baseDir: string;
  jobs: BatchJob[];
}

export class JobsFileError extends Error {
  override readonly name = 'JobsFileError';
}

/** The value at a path of the parsed document, to show what was given. */
function valueAt(doc: unknown, path: (string | number)[]): unknown {
  let value = doc;
  for (const key of path)
    value = typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
  return value;
}

/**
 * "jobs.yaml: jobs[0].config.hiddenSize: must be …, got 9999 (job "stocks")", from a failed parse's
 * first issue (zod always reports one; without it, a bare "invalid" at the prefix).
 */
function describeIssue(
  file: string,
  issue: z.ZodIssue | undefined,
  prefix: (string | number)[],
  doc?: unknown,
): string {
  const path = [...prefix, ...(issue?.path ?? [])]
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`))
    .join('');
  const given = !issue || issue.code === 'unrecognized_keys' ? undefined : valueAt(doc, issue.path);
  const got = given === undefined || typeof given === 'object' ? '' : `, got ${JSON.stringify(given)}`;
  const name = valueAt(doc, ['name']);
  const job = typeof name === 'string' ? ` (job "${name}")` : '';
  return `${file}: ${path || '(top level)'}: ${issue?.message ?? 'invalid'}${got}${job}`;
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
  if (!top.success) throw new JobsFileError(describeIssue(path, top.error.issues[0], []));
  const defaults = top.data.defaults ?? {};
  const jobs = top.data.jobs.map((raw, i) => {
    const merged = typeof raw === 'object' && raw !== null ? { ...defaults, ...raw } : raw;
    const parsed = job.safeParse(merged);
    if (!parsed.success)
      throw new JobsFileError(describeIssue(path, parsed.error.issues[0], ['jobs', i], merged));
    return parsed.data;
  });
  const names = new Set<string>();
  for (const [i, j] of jobs.entries())
    if (j.statics.length > 0 && j.model !== 'global')
      throw new JobsFileError(
        `${path}: jobs[${i}].statics: static columns are inputs of a global model; add "model: global" (job "${j.name}")`,
      );
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
