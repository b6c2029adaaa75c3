// The one settings schema and its four surfaces agree. For every field of the schema, the
// CLI flag, the jobs file, the API (and its OpenAPI document) and the web form use the same
// name, limits, description and auto-mode default; each refuses a value just outside a
// limit with the schema's own message, saying where (the flag, the file/job/field, the
// field). The form is read as the real browser renders it.
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobOptions } from '../../src/batch/expand.ts';
import { parseJobs } from '../../src/batch/jobs.ts';
import { SETTING_FLAGS, settingFlag } from '../../src/cli/setting-flags.ts';
import { addModelOptions, toForecastOptions } from '../../src/cli/model-options.ts';
import type { ModelFlags } from '../../src/cli/model-options.ts';
import {
  forecastSettingsSchema,
  SETTING_NAMES,
  SETTINGS_AUTO_DEFAULTS,
  settingsToForecastOptions,
} from '../../src/forecaster.ts';
import type { SettingName } from '../../src/forecaster.ts';
import { toJsonSchema } from '../../src/server/json-schema.ts';
import type { JsonSchema } from '../../src/server/json-schema.ts';
import { startBrowserApp } from '../e2e/browser-app.ts';
import type { BrowserApp } from '../e2e/browser-app.ts';
import { runCli } from '../support/run-cli.ts';

const SCHEMA = toJsonSchema(forecastSettingsSchema, { defaults: SETTINGS_AUTO_DEFAULTS });
const property = (name: string): JsonSchema => SCHEMA.properties?.[name] ?? {};
const autoDefaults: Partial<Record<SettingName, unknown>> = SETTINGS_AUTO_DEFAULTS;

interface Outside {
  value: unknown;
  /** The same value as command-line text; absent when a flag cannot even express it. */
  text?: string;
}

/** Values just outside each limit the JSON Schema states. */
function outside(schema: JsonSchema): Outside[] {
  const bad: Outside[] = [];
  const num = (value: number) => bad.push({ value, text: String(value) });
  // The smallest step that still shows in a float of that size.
  const step = (x: number) => (schema.type === 'integer' ? 1 : Math.max(Math.abs(x), 1) * 1e-6);
  const { maximum: max, minimum: min } = schema;
  if (max !== undefined) num(schema.exclusiveMaximum ? max : max + step(max));
  if (min !== undefined) num(schema.exclusiveMinimum ? min : min - step(min));
  if (schema.type === 'string' && schema.enum) bad.push({ value: 'not-a-choice', text: 'not-a-choice' });
  if (schema.type === 'string' && !schema.enum)
    bad.push({ value: 'Mars/Olympus_Mons', text: 'Mars/Olympus_Mons' });
  const numericItems = schema.items?.type === 'integer' || schema.items?.type === 'number';
  if (schema.type === 'array' && numericItems) {
    const least = schema.items?.minimum ?? 0;
    if (schema.maxItems !== undefined) {
      const many = Array.from({ length: schema.maxItems + 1 }, () => least);
      bad.push({ value: many, text: many.join(',') });
    }
    if (schema.items?.minimum !== undefined) bad.push({ value: [least - 1], text: String(least - 1) });
  } else if (schema.type === 'array') {
    const item = schema.items?.enum?.[0] ?? 'column';
    if (schema.maxItems !== undefined) {
      const many = Array.from({ length: schema.maxItems + 1 }, (_, i) => `${String(item)}${i}`);
      bad.push({ value: schema.items?.enum ? many.map(() => item) : many, text: many.join(',') });
    }
    if (schema.minItems !== undefined) bad.push({ value: [], text: '' });
    if (schema.items?.enum) bad.push({ value: ['not-a-choice'], text: 'not-a-choice' });
    if (schema.items?.minLength !== undefined) bad.push({ value: [''] });
  }
  return bad;
}

/** The message the schema itself gives for a value, and the path it names. */
function refusal(name: SettingName, value: unknown): { message: string; path: (string | number)[] } {
  const result = forecastSettingsSchema.safeParse({ horizonSteps: 7, [name]: value });
  if (result.success) throw new Error(`the schema accepts ${name} = ${JSON.stringify(value)}`);
  const issue = result.error.issues[0]!;
  return { message: issue.message, path: issue.path };
}

/** A fresh command with the model flags, failing by throwing instead of exiting. */
function cliParse(args: string[]): Record<string, unknown> {
  const command = addModelOptions(new Command('train'))
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, writeOut: () => undefined })
    .argument('[csv]')
    .action(() => undefined);
  command.parse(args, { from: 'user' });
  return command.opts();
}

function cliError(args: string[]): string {
  try {
    cliParse(args);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`the CLI accepted ${args.join(' ')}`);
}

/** A jobs file whose one job carries the setting where jobs files keep it. */
function jobsFile(name: SettingName, value: unknown): string {
  const where =
    name === 'horizonSteps'
      ? { horizon: value }
      : name === 'features'
        ? { features: value }
        : { horizon: 7, config: { [name]: value } };
  return JSON.stringify({
    jobs: [{ name: 'job-1', source: 'a.csv', target: 'y', horizon: 7, output: { dir: 'o' }, ...where }],
  });
}

const jobsPath = (name: SettingName) =>
  name === 'horizonSteps'
    ? 'jobs[0].horizon'
    : name === 'features'
      ? 'jobs[0].features'
      : `jobs[0].config.${name}`;

function jobsError(name: SettingName, value: unknown): string {
  try {
    parseJobs(jobsFile(name, value), 'agree.json');
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`the jobs file accepted ${name} = ${JSON.stringify(value)}`);
}

/** A value every surface accepts: a limit itself, or the first choice. */
function valid(schema: JsonSchema): unknown {
  if (schema.enum) return schema.enum[0];
  // Free text has no limit to stand on; the one free-text setting is a time zone.
  if (schema.type === 'string') return 'UTC';
  if (schema.type === 'array')
    return [schema.items?.enum?.[0] ?? (schema.items?.type === 'integer' ? schema.items.minimum : 'x')];
  return schema.exclusiveMinimum ? schema.maximum : schema.minimum;
}

const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

let env: BrowserApp;
type Operation = { requestBody: { content: Record<string, { schema: JsonSchema }> } };
let openApi: { paths: Record<string, Record<string, Operation>> };
let weatherId = 0;
beforeAll(async () => {
  env = await startBrowserApp();
  openApi = (await (await fetch(`${env.baseUrl}/api/openapi.json`)).json()) as typeof openApi;
  const { datasets } = (await (await fetch(`${env.baseUrl}/api/datasets`)).json()) as {
    datasets: { id: number; name: string }[];
  };
  weatherId = datasets.find((d) => d.name === 'seattle-weather.csv')!.id;
});
afterAll(async () => {
  await env?.close();
});

const postTraining = (body: object) =>
  fetch(`${env.baseUrl}/api/trainings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ datasetId: weatherId, target: 'temp_max', horizonSteps: 7, ...body }),
  });

describe('the schema and its JSON Schema', () => {
  it('GET /api/settings serves exactly the schema’s JSON Schema', async () => {
    const served = (await (await fetch(`${env.baseUrl}/api/settings`)).json()) as { schema: JsonSchema };
    expect(served.schema).toEqual(SCHEMA);
    expect(Object.keys(SCHEMA.properties ?? {})).toEqual(SETTING_NAMES);
    expect(SCHEMA.required).toEqual(['horizonSteps']);
  });

  it.each(SETTING_NAMES)('%s: the stated limits are the ones zod enforces', (name) => {
    const schema = property(name);
    expect(schema.description, name).toMatch(/\w/);
    expect(forecastSettingsSchema.safeParse({ horizonSteps: 7, [name]: valid(schema) }).success).toBe(true);
    if (schema.maximum !== undefined && !schema.exclusiveMaximum)
      expect(forecastSettingsSchema.safeParse({ horizonSteps: 7, [name]: schema.maximum }).success).toBe(
        true,
      );
    for (const { value } of outside(schema)) expect(() => refusal(name, value)).not.toThrow();
    expect(outside(schema).length, `${name} has limits`).toBeGreaterThan(0);
  });
});

describe.each(SETTING_NAMES)('%s on every surface', (name) => {
  const schema = property(name);
  const flag = settingFlag(name);

  it('CLI: the flag exists with the schema’s description, default and choices', () => {
    const command = addModelOptions(new Command('train'));
    const option = command.options.find((o) => o.long === flag);
    expect(option, flag).toBeDefined();
    expect(option!.description.startsWith(schema.description ?? '?')).toBe(true);
    if (schema.default !== undefined) expect(option!.description).toMatch(/\(auto: [^)]+\)/);
    expect(option!.mandatory).toBe(name === 'horizonSteps');
    if (schema.enum) expect(option!.argChoices).toEqual(schema.enum);
  });

  it('CLI: a value just outside a limit is refused, naming the flag and the limit', () => {
    for (const bad of outside(schema)) {
      if (bad.text === undefined) continue;
      const args = name === 'horizonSteps' ? [flag, bad.text] : ['--horizon', '7', flag, bad.text];
      const message = cliError(args);
      expect(message).toContain(flag);
      if (schema.enum) for (const choice of schema.enum) expect(message).toContain(String(choice));
      else expect(message).toContain(refusal(name, bad.value).message);
    }
  });

  it('jobs file: the same value is refused, naming the file, the job and the field', () => {
    for (const { value } of outside(schema)) {
      const { message, path } = refusal(name, value);
      const at = `${jobsPath(name)}${path
        .slice(1)
        .map((p) => `[${p}]`)
        .join('')}`;
      const error = jobsError(name, value);
      expect(error).toMatch(new RegExp(`^agree\\.json: ${literal(at)}: ${literal(message)}`));
      expect(error).toContain('(job "job-1")');
    }
    const accepted = parseJobs(jobsFile(name, valid(schema)), 'agree.json').jobs[0]!;
    const settings = forecastSettingsSchema.parse({ horizonSteps: 7, [name]: valid(schema) });
    expect(jobOptions(accepted)).toEqual(settingsToForecastOptions(settings));
  });

  it('API: the same value is a 400 naming the field, with the schema’s message', async () => {
    for (const { value } of outside(schema)) {
      const { message, path } = refusal(name, value);
      const response = await postTraining({ [name]: value });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: string; fields: Record<string, string> };
      expect(body.fields[path.join('.')], JSON.stringify(body)).toBe(message);
    }
  });

  it('OpenAPI: the training body states the same name, limits, description and default', () => {
    const body = openApi.paths['/api/trainings']!.post!.requestBody.content['application/json']!.schema;
    expect(body.properties?.[name]).toEqual(schema);
    expect(body.additionalProperties).toBe(false);
    expect(schema.default).toEqual(autoDefaults[name]);
  });
});

describe('the same defaults', () => {
  it('leaving every setting out gives the same options through the CLI, a jobs file and the mapping', () => {
    const fromCli = toForecastOptions(cliParse(['--horizon', '7']) as ModelFlags);
    const job = parseJobs(jobsFile('horizonSteps', 7), 'agree.json').jobs[0]!;
    expect(fromCli).toEqual(settingsToForecastOptions({ horizonSteps: 7 }));
    expect(jobOptions(job)).toEqual(fromCli);
    expect(fromCli).toEqual({ horizonSteps: 7, features: [] });
  });

  it('one season or several read the same through the CLI, a jobs file, the API schema and the mapping', () => {
    const several = { horizonSteps: 7, features: [], seasonLength: 7, extraSeasons: [365] };
    const fromCli = toForecastOptions(cliParse(['--horizon', '7', '--season', '7,365']) as ModelFlags);
    expect(fromCli).toEqual(several);
    expect(
      toForecastOptions(cliParse(['--horizon', '7', '--season', '7', '--season', '365']) as ModelFlags),
    ).toEqual(several);
    expect(jobOptions(parseJobs(jobsFile('seasonLength', [7, 365]), 'agree.json').jobs[0]!)).toEqual(several);
    expect(
      settingsToForecastOptions(forecastSettingsSchema.parse({ horizonSteps: 7, seasonLength: [7, 365] })),
    ).toEqual(several);
    // A number alone is a list of one, as settings written before lists were; no longer seasons are given.
    const one = { horizonSteps: 7, features: [], seasonLength: 24 };
    expect(jobOptions(parseJobs(jobsFile('seasonLength', 24), 'agree.json').jobs[0]!)).toEqual(one);
    expect(toForecastOptions(cliParse(['--horizon', '7', '--season', '24']) as ModelFlags)).toEqual(one);
    expect(jobsError('seasonLength', [7, 7])).toContain('must list each season once, got 7, 7');
  });

  it('auto mode fills in the defaults the schema documents', async () => {
    const { config } = (await (
      await fetch(`${env.baseUrl}/api/datasets/${weatherId}/defaults?target=temp_max&horizonSteps=7`)
    ).json()) as { config: { network: Record<string, unknown>; training: Record<string, unknown> } };
    for (const [name, value] of Object.entries(SETTINGS_AUTO_DEFAULTS))
      expect(config.network[name] ?? config.training[name], name).toEqual(value);
  });

  it('the defaults route checks its horizon with the schema', async () => {
    const response = await fetch(`${env.baseUrl}/api/datasets/${weatherId}/defaults?horizonSteps=10001`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { fields: Record<string, string> }).fields.horizonSteps).toBe(
      refusal('horizonSteps', 10_001).message,
    );
  });
});

describe('the web form', () => {
  it('renders each setting with the schema’s name, min, max, step, choices, hint and default', async () => {
    const { page, problems } = await env.newPage();
    await page.goto(`${env.baseUrl}/train.html?dataset=${weatherId}`);
    await page.waitForSelector('#train-form[data-defaults="loaded"]');
    const inputs = await page.$$eval('#train-form input[type="number"]', (nodes) =>
      nodes.map((n) => {
        const input = n as unknown as {
          name: string;
          value: string;
          getAttribute(a: string): string | null;
          closest(s: string): { querySelector(s: string): { textContent: string } | null } | null;
        };
        return {
          name: input.name,
          value: input.value,
          min: input.getAttribute('min'),
          max: input.getAttribute('max'),
          step: input.getAttribute('step'),
          hint: input.closest('[data-field]')?.querySelector('.hint')?.textContent ?? '',
        };
      }),
    );
    expect(inputs.length).toBeGreaterThanOrEqual(8);
    for (const input of inputs) {
      expect(SETTING_NAMES, input.name).toContain(input.name);
      const schema = property(input.name);
      // An exclusive bound (learningRate > 0) has no HTML form: no attribute, the server refuses it.
      expect(input.min, input.name).toBe(schema.exclusiveMinimum ? null : String(schema.minimum));
      expect(input.max, input.name).toBe(schema.exclusiveMaximum ? null : String(schema.maximum));
      expect(input.step, input.name).toBe(schema.type === 'integer' ? '1' : 'any');
      expect(input.hint.toLowerCase(), input.name).toBe(`${schema.description}.`.toLowerCase());
      if (schema.default !== undefined) expect(Number(input.value), input.name).toBe(schema.default);
    }
    const cells = await page.$$eval('#cell option', (nodes) =>
      nodes.map((n) => (n as unknown as { value: string }).value),
    );
    expect(cells).toEqual(property('cell').enum);
    expect(await page.inputValue('#cell')).toBe(SETTINGS_AUTO_DEFAULTS.cell);
    const offered = await page.$$eval('#train-form [name]', (nodes) =>
      nodes.map((n) => (n as unknown as { name: string }).name),
    );
    for (const name of SETTING_NAMES) expect(offered, `the form offers ${name}`).toContain(name);
    const scales = await page.$$eval('#setting-scale option', (nodes) =>
      nodes.map((n) => (n as unknown as { value: string }).value),
    );
    expect(scales).toEqual(['', ...(property('scale').enum ?? [])]);
    expect(problems()).toEqual([]);
  });

  it('sends what "More settings" were given, under their schema names, and leaves the rest to auto mode', async () => {
    const { page, problems } = await env.newPage();
    await page.goto(`${env.baseUrl}/train.html?dataset=${weatherId}`);
    await page.waitForSelector('#train-form[data-defaults="loaded"]');
    await page.click('#advanced-settings summary');
    await page.selectOption('#setting-strategy', 'recursive');
    await page.selectOption('#setting-candidates', ['naive', 'theta']);
    await page.fill('#setting-learningRate', '0.01');
    await page.fill('#season', '7, 365');
    await page.fill('#setting-batchSize', '');
    await page.fill('#epochs', '1');
    const request = page.waitForRequest((r) => r.url().endsWith('/api/trainings') && r.method() === 'POST');
    await page.click('#start');
    const body = (await request).postDataJSON() as Record<string, unknown>;
    expect(body).toMatchObject({
      strategy: 'recursive',
      candidates: ['naive', 'theta'],
      learningRate: 0.01,
      seasonLength: [7, 365],
    });
    expect(body).not.toHaveProperty('batchSize');
    expect(body).not.toHaveProperty('scale');
    expect(problems()).toEqual([]);
  });
});

describe('the real binary', () => {
  it('refuses a flag outside its limit with exit 2, naming the flag', () => {
    const result = runCli(['train', 'any.csv', '--horizon', '7', '--hidden', '513', '--out', 'm.json']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      `${SETTING_FLAGS.hiddenSize.split(' ')[0]} ${refusal('hiddenSize', 513).message}`,
    );
  });
});
