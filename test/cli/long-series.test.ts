// `recurrent run` on a long minutely series through the real binary: training is bounded
// by the work cap (epochs subsample the windows, the cap holds within a minibatch), a
// progress line comes early, and the windows are never all held at once, so memory stays
// bounded. One RNN candidate (--candidates rnn --scale zscore) at a quarter of the default
// work cap keeps the test's CPU down: the classical candidates' cost, and scoring every
// validation and test origin, on a long series are not what this test measures.
// 200 000 rows, not 2 M: on a shared 2-core machine, ingesting and scoring 2 M rows alone
// takes minutes (see the report in issue 17), while 200 000 rows already give 140 000
// training windows, far past what one epoch may train on within the cap.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../src/rnn/random.ts';
import { BIN } from '../support/run-cli.ts';

/** Rows of the generated file: a quarter of a year of minutes. */
const ROWS = 200_000;
/** Generous bounds: the machine may be shared; training here is capped at a few seconds per fit. */
const FINISH_WITHIN_MS = 240_000;
const FIRST_PROGRESS_WITHIN_MS = 90_000;
const PEAK_RSS_MB = 1500;

interface TimedRun {
  status: number | null;
  stdout: string;
  /** stderr lines with the milliseconds since the start at which each arrived. */
  lines: { atMs: number; text: string }[];
  wallMs: number;
  /** The child's peak resident set (VmHWM), read from /proc while it ran. */
  peakRssMb: number;
}

function runTimed(args: string[]): Promise<TimedRun> {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: TimedRun['lines'] = [];
  let stdout = '';
  let pending = '';
  let peakKb = 0;
  const readPeak = () => {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (match) peakKb = Math.max(peakKb, Number(match[1]));
    } catch {
      // The child has just exited: the last reading stands (VmHWM only grows).
    }
  };
  const poll = setInterval(readPeak, 100);
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const parts = pending.split(/[\r\n]/);
    pending = parts.pop() ?? '';
    for (const text of parts) if (text !== '') lines.push({ atMs: performance.now() - started, text });
  });
  return new Promise((resolve) => {
    child.on('close', (status) => {
      clearInterval(poll);
      resolve({ status, stdout, lines, wallMs: performance.now() - started, peakRssMb: peakKb / 1024 });
    });
  });
}

let dir = '';
let run: TimedRun;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'recurrent-long-'));
  const random = createRandom(11);
  const start = Date.UTC(2024, 0, 1);
  const rows = ['time,load'];
  for (let i = 0; i < ROWS; i++) {
    const value = 50 + 10 * Math.sin((2 * Math.PI * i) / 1440) + 3 * Math.sin((2 * Math.PI * i) / 60);
    rows.push(
      `${new Date(start + i * 60_000).toISOString().slice(0, 19)},${(value + random.normal()).toFixed(3)}`,
    );
  }
  await writeFile(join(dir, 'minutely.csv'), `${rows.join('\n')}\n`);
  run = await runTimed([
    'run',
    join(dir, 'minutely.csv'),
    '--target',
    'load',
    '--horizon',
    '30',
    '--candidates',
    'rnn',
    '--scale',
    'zscore',
    '--max-work',
    '1.5e9',
    '--out',
    join(dir, 'forecast.csv'),
  ]);
}, FINISH_WITHIN_MS + 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe(`recurrent run on ${ROWS} minutely rows`, () => {
  it('finishes within a generous bound and writes the forecast', async () => {
    expect(run.status, run.lines.map((l) => l.text).join('\n')).toBe(0);
    expect(run.wallMs).toBeLessThan(FINISH_WITHIN_MS);
    const rows = (await readFile(join(dir, 'forecast.csv'), 'utf8')).trim().split('\n');
    expect(rows).toHaveLength(31);
  });

  it('prints a progress line early, and an ETA near the truth as soon as it has one', () => {
    const first = run.lines.find((l) => /epoch \d+\/\d+/.test(l.text));
    expect(first, run.lines.map((l) => l.text).join('\n')).toBeDefined();
    expect(first!.atMs).toBeLessThan(FIRST_PROGRESS_WITHIN_MS);
    // The first report may have no ETA yet ("eta –": no pace measured). The first that has
    // one must be near the truth: the old ETA assumed every one of maxEpochs epochs would
    // run, tens of minutes here.
    const etas = run.lines.flatMap((l) => {
      const eta = /eta [≤~](?:(\d+)m)?(\d+)s/.exec(l.text);
      return eta ? [Number(eta[1] ?? 0) * 60 + Number(eta[2])] : [];
    });
    expect(etas.length, run.lines.map((l) => l.text).join('\n')).toBeGreaterThan(0);
    expect(etas[0]).toBeLessThan(300);
  });

  it('says that the epochs were subsampled, and stopped at the work cap', () => {
    expect(run.stdout).toMatch(/each epoch trained on a seeded random subset of \d+/);
    expect(run.stdout).toMatch(/network training: \d+ epochs \(work-budget\)/);
  });

  it(`keeps the peak resident memory under ${PEAK_RSS_MB} MB`, () => {
    expect(run.peakRssMb).toBeGreaterThan(0);
    expect(run.peakRssMb).toBeLessThan(PEAK_RSS_MB);
  });
});
