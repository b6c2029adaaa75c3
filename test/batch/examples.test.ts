// The runnable examples of examples/: jobs.yaml through the real `recurrent batch`, and
// schedule.yaml through the jobs-file and schedule parsers. Both files are used verbatim:
// examples/ and datasets/ are copied side by side into a temp folder, so the example's
// relative paths (../datasets/…) and its output folder resolve there, as in a clone.
import { cp, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readJobsFile } from '../../src/batch/jobs.ts';
import { compileSchedules } from '../../src/batch/schedule.ts';
import { runCli } from '../support/run-cli.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const EXAMPLES = join(ROOT, 'examples');

/** Every series of examples/jobs.yaml, as `<job>-<series>`, with the horizon it asks for. */
const EXPECTED_FORECASTS: Record<string, number> = {
  'stocks-AAPL': 6,
  'stocks-AMZN': 6,
  'stocks-GOOG': 6,
  'stocks-IBM': 6,
  'stocks-MSFT': 6,
  'weather-New_York': 7,
  'weather-Seattle': 7,
};

describe('recurrent batch examples/jobs.yaml', () => {
  let dir = '';
  let result: ReturnType<typeof runCli>;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'recurrent-examples-'));
    await cp(join(ROOT, 'datasets'), join(dir, 'datasets'), { recursive: true });
    await cp(join(EXAMPLES, 'jobs.yaml'), join(dir, 'examples', 'jobs.yaml'));
    result = runCli(['batch', 'examples/jobs.yaml', '--db', join(dir, 'runs.db'), '--quiet'], {
      cwd: dir,
      timeoutMs: 90_000,
    });
  });

  it('exits 0 with every series succeeded', () => {
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/7 series: 7 trained, 0 unchanged \(skipped\), 0 failed/);
  });

  it('writes one forecast per series, h rows of time,forecast,lo_80,hi_80,lo_95,hi_95 each', async () => {
    const out = join(dir, 'examples', 'out');
    const forecasts = (await readdir(out)).filter((f) => f.endsWith('.forecast.csv')).sort();
    expect(forecasts).toEqual(Object.keys(EXPECTED_FORECASTS).map((stem) => `${stem}.forecast.csv`));
    for (const [stem, horizon] of Object.entries(EXPECTED_FORECASTS)) {
      const lines = (await readFile(join(out, `${stem}.forecast.csv`), 'utf8')).trim().split('\n');
      expect(lines[0]).toBe('time,forecast,lo_80,hi_80,lo_95,hi_95');
      expect(lines.slice(1), stem).toHaveLength(horizon);
      for (const line of lines.slice(1)) expect(Number.isFinite(Number(line.split(',')[1])), line).toBe(true);
    }
  });
});

describe('examples/schedule.yaml', () => {
  it('parses as a jobs file whose schedules and time zones compile, with sources that exist', async () => {
    const file = await readJobsFile(join(EXAMPLES, 'schedule.yaml'));
    for (const job of file.jobs)
      expect(existsSync(resolve(file.baseDir, job.source as string)), job.name).toBe(true);
    const scheduled = file.jobs.flatMap((job) =>
      job.schedule
        ? [{ name: job.name, schedule: job.schedule, timezone: job.timezone, catchUp: job.catchUp }]
        : [],
    );
    const compiled = compileSchedules(scheduled, file.path);
    expect(compiled.map((j) => [j.name, j.zone, j.catchUp])).toEqual([
      ['weather-nightly', 'Europe/London', true],
      ['sp500-weekdays', 'America/New_York', false],
    ]);
    // The unscheduled job is there to show that `recurrent schedule` skips it with a note.
    expect(file.jobs.map((j) => j.name)).toContain('stocks-on-demand');
  });
});

describe('the examples in place', () => {
  it('are shown in the README as they are in examples/', async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    for (const name of ['jobs.yaml', 'schedule.yaml']) {
      const text = await readFile(join(EXAMPLES, name), 'utf8');
      expect(readme, name).toContain(text.slice(text.indexOf('defaults:')));
    }
  });

  it('names sources that exist in a clone, relative to examples/', async () => {
    const file = await readJobsFile(join(EXAMPLES, 'jobs.yaml'));
    for (const job of file.jobs)
      expect(existsSync(resolve(file.baseDir, job.source as string)), job.name).toBe(true);
  });
});
