// Accuracy bench: `npx tsx bench/accuracy.ts [--quick] [--series a,b] [--experiments]
// [--resume] [--out <file.md>]` (npm run bench:accuracy). Scores auto mode, the RNN alone
// and each classical method alone on the same series (bundled datasets, vega-datasets
// series, seeded synthetic series) through the facade only, summarises them per frequency
// against seasonal naive, then times a 5,000-point series through the real CLI `run`.
// Writes bench/ACCURACY.md atomically. --quick: three series, no CLI timing; --series: the
// named series only, no CLI timing; both write to the OS temp folder unless --out says
// otherwise. --experiments adds the older RNN-default experiments. Every fit is journaled
// in the OS temp folder; --resume reuses that journal after an interrupted run (only with
// unchanged code and data).
import { spawnSync } from 'node:child_process';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from './accuracy-args.ts';
import { experimentsReport } from './accuracy-experiments.ts';
import { timingSection, RUN_SECONDS_TARGET } from './accuracy-report.ts';
import type { CliTiming } from './accuracy-report.ts';
import { RunCache } from './accuracy-runs.ts';
import { bundledSeries, generatedSeries, markDuplicates, syntheticDailyCsv } from './accuracy-series.ts';
import type { BenchSeries } from './accuracy-series.ts';
import { frequencySummary, suiteTables } from './accuracy-suite-report.ts';
import { runSuite } from './accuracy-suite.ts';
import { vegaSeries } from './accuracy-vega.ts';
import { machineDescription } from './results-md.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const opts = parseArgs(process.argv.slice(2), ROOT);
const log = (line: string) => process.stderr.write(`${line}\n`);
const QUICK_SERIES = ['seattle-weather', 'stocks/MSFT', 'synth/monthly-trend-season12'];

async function main(): Promise<void> {
  const started = performance.now();
  const loadBefore = loadavg();
  const vega = await vegaSeries();
  const own = [...(await bundledSeries()), ...generatedSeries()];
  const wanted = opts.quick ? QUICK_SERIES : opts.only;
  const keep = (bs: BenchSeries[]) => (wanted ? bs.filter((b) => wanted.includes(b.name)) : bs);
  const benches = markDuplicates(keep([...own, ...vega.series]));
  if (wanted) {
    const unknown = wanted.filter((name) => !benches.some((b) => b.name === name));
    if (unknown.length > 0) throw new Error(`unknown series: ${unknown.join(', ')}`);
  }
  const cache = new RunCache(opts.journal, opts.resume);
  const resumedFits = cache.resumed,
    resumedSeconds = cache.resumedFitSeconds;
  if (resumedFits > 0) log(`resuming: ${resumedFits} fits from ${opts.journal}`);

  const suite = await runSuite(benches, cache, log);
  // The experiments were designed on the bundled and synthetic series: they stay on those.
  const experiments = opts.experiments
    ? await experimentsReport(
        benches.filter((b) => own.some((o) => o.name === b.name)),
        cache,
        opts.quick,
        log,
      )
    : [];
  const timings = wanted ? [] : cliTimings();
  const totalSeconds = (performance.now() - started) / 1000;
  const loadAfter = loadavg();
  const load = (l: number[]) => l.map((v) => v.toFixed(1)).join(' / ');

  const text = [
    '# Accuracy benchmark',
    '',
    `Date: ${new Date().toISOString().slice(0, 10)}. Machine: ${machineDescription()}. Command: \`${opts.command}\` (\`npm run bench:accuracy\` runs \`npx tsx bench/accuracy.ts\`); the whole run took ${(totalSeconds / 60).toFixed(1)} min${resumedFits > 0 ? ` after resuming ${resumedFits} fits journaled by an earlier run (\`--resume\`; those fits took ${(resumedSeconds / 60).toFixed(1)} min of fit time when they ran)` : ''}.`,
    '',
    `Load average (1 / 5 / 15 min) at the start: ${load(loadBefore)}; at the end: ${load(loadAfter)}. Accuracy is reproducible (training seed 42, training capped by work, not wall time); fit times move with load.`,
    '',
    '## Method',
    '',
    "Every number comes from the facade (`src/forecaster.ts`), as a user would get it: `fit(series, { horizonSteps, candidates })`, then `evaluate(model, series)`, which forecasts h steps from every origin of the held-out test split (the last 15 % of the series, more on short ones; each forecast sees only values before its origin) and scores them. `auto` gives only the horizon, so auto mode chooses from its whole candidate pool by validation; `rnn alone` narrows the pool to the RNN candidates (`candidates: ['rnn']`), so validation keeps the best RNN candidate (or their median); each classical method alone is `candidates: [name]`. MASE is scaled by the in-sample seasonal-naive MAE of the training slice with season m. The horizon is M4's for the frequency (hourly 48, daily 14, weekly 13, monthly 18, quarterly 8, yearly 6) on the vega-datasets series, shortened only where a series is too short for a test split; the bundled and synthetic series keep their earlier horizons.",
    '',
    "The frequency summary takes, per series, a method's MASE over the MASE of seasonal naive scored by `evaluate` on the very same origins (1 = seasonal naive, below 1 better), and the geometric mean of that ratio over the series of each frequency. The target: auto mode no worse than seasonal naive (≤ 1) in every frequency group.",
    '',
    '## Series',
    '',
    '| series | kind | points | frequency | h | source |',
    '|---|---|---|---|---|---|',
    ...benches.map(
      (b) =>
        `| ${b.name} | ${b.kind} | ${b.series.values.length} | ${b.series.frequency.label} | ${b.horizonSteps} | ${b.source} |`,
    ),
    '',
    ...(vega.skipped.length > 0
      ? ['vega-datasets series left out:', '', ...vega.skipped.map((s) => `- ${s}`), '']
      : []),
    '## Auto mode against seasonal naive, per frequency',
    '',
    'Geometric mean over the series of each frequency of MASE / seasonal-naive MASE on the same origins (1 = seasonal naive; lower is better).',
    '',
    frequencySummary(benches, suite),
    '',
    '## Per series: auto, the RNN alone and each classical method',
    '',
    suiteTables(benches, suite),
    ...experiments,
    '## A 5,000-point daily series through `recurrent run`',
    '',
    `Wall time of the whole CLI process (tsx start-up, ingestion, auto-mode fit, test-split evaluation, forecast file), measured around \`spawnSync\`. Target: under ${RUN_SECONDS_TARGET} s on this machine (the accuracy issue).`,
    '',
    timingSection(timings),
    '',
  ].join('\n');

  const tmp = `${opts.outFile}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, opts.outFile);
  log(`wrote ${opts.outFile} in ${(totalSeconds / 60).toFixed(1)} min`);
}

function cliTimings(): CliTiming[] {
  const csv = join(tmpdir(), `recurrent-5000-daily-${process.pid}.csv`);
  writeFileSync(csv, syntheticDailyCsv());
  const cases = [
    {
      label: 'sp500 close (business days)',
      points: 5105,
      args: ['datasets/sp500-2000.csv', '--target', 'close', '--horizon', '5'],
      note: 'bundled',
    },
    {
      label: 'synthetic daily (trend + weekly + yearly + noise, seed 505)',
      points: 5000,
      args: [csv, '--target', 'value', '--horizon', '14'],
      note: 'generated CSV',
    },
  ];
  const timings = cases.map((c) => {
    const out = join(tmpdir(), `recurrent-run-${process.pid}.csv`);
    const args = ['bin/recurrent.js', 'run', ...c.args, '--out', out, '--quiet'];
    const t0 = performance.now();
    const child = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
    const seconds = (performance.now() - t0) / 1000;
    let rows = 0;
    try {
      rows = readFileSync(out, 'utf8').trim().split('\n').length - 1;
      rmSync(out);
    } catch {
      /* no file: rows stays 0 */
    }
    const note =
      child.status === 0
        ? c.note
        : `${c.note}; stderr: ${(child.stderr ?? '').trim().split('\n').slice(-1)[0]}`;
    log(`CLI run ${c.label}: ${seconds.toFixed(1)} s, exit ${child.status}, ${rows} rows`);
    const shown = [
      'recurrent',
      'run',
      ...c.args.map((a) => (a === csv ? '<5000-day.csv>' : a)),
      '--out',
      'x.csv',
      '--quiet',
    ].join(' ');
    return { label: c.label, command: shown, points: c.points, seconds, status: child.status, rows, note };
  });
  rmSync(csv, { force: true });
  return timings;
}

await main();
