// bench/M4.md as text, from what bench/m4.ts gathered: per frequency the methods' scores
// beside M4's benchmarks on the same series and the published table, the agreement with
// score.py, how often each candidate was kept, failures and warnings. Pure: no I/O here.
import type { Coverage } from './m4-coverage.ts';
import type { M4Frequency } from './m4-data.ts';
import { M4_SPEC } from './m4-data.ts';
import { failedCandidates, keptFamily } from './m4-leaderboard.ts';
import { M4_PUBLISHED } from './m4-published.ts';
import type { PythonScore } from './m4-python.ts';
import type { M4Result } from './m4-run.ts';
import type { SetScore } from './m4-score.ts';

export interface VariantOutcome {
  variant: string;
  fitSeason: number;
  results: M4Result[];
  score: SetScore;
  coverage: Coverage;
  python: PythonScore | { error: string };
  forecastsFile: string;
}

export interface FrequencyOutcome {
  freq: M4Frequency;
  /** Series in the whole frequency. */
  total: number;
  ids: string[];
  variants: VariantOutcome[];
  /** Naive, sNaive, Naive2 on the same series. */
  benchmarks: Map<string, SetScore>;
}

export interface ReportInput {
  date: string;
  command: string;
  machine: string;
  /** Load average (1 / 5 / 15 min): fit times move with it, the scores do not. */
  load: string;
  git: string;
  code: string;
  sample: string;
  wallMinutes: number;
  /** Results reused from the journal: of this code, and of other code (hash, count) with --resume-stale. */
  resumed: number;
  stale: [string, number][];
  /** Journaled results of other code that were fitted again. */
  notReused: number;
  journal: string;
  lanes: number;
  weeklySeasons: number[];
  /** Why the candidate methods were not run, when they were not. */
  skipped: { methods: string[]; reason: string } | null;
  outcomes: FrequencyOutcome[];
}

const f3 = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : '—');
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
/** Seconds: two decimals below 10 s, where classical fits live. */
const secs = (v: number) => v.toFixed(v < 10 ? 2 : 1);
const percent = (v: number) => (Number.isFinite(v) ? `${(100 * v).toFixed(1)} %` : '—');
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const title = (freq: string) => `${freq[0]!.toUpperCase()}${freq.slice(1)}`;
/** One message per kind: numbers masked, so "12 values" and "13 values" count together. */
const masked = (text: string) => text.replace(/\d+(\.\d+)?/g, '#');

function scoreTable(o: FrequencyOutcome): string[] {
  const lines = [
    row([
      'method',
      'fit m',
      'sMAPE',
      'MASE',
      'OWA',
      'failed',
      'mean s / series',
      'CPU s',
      'total min',
      'warned',
      'in 80 % band',
      'in 95 % band',
    ]),
    row(Array(12).fill('---')),
  ];
  for (const v of o.variants) {
    const seconds = v.results.map((r) => r.seconds);
    const cpu = v.results.flatMap((r) => (r.cpuSeconds === undefined ? [] : [r.cpuSeconds]));
    lines.push(
      row([
        v.variant,
        v.fitSeason,
        f3(v.score.smape),
        f3(v.score.mase),
        f3(v.score.owa),
        `${v.score.failed.length}/${o.ids.length}`,
        secs(sum(seconds) / Math.max(1, seconds.length)),
        cpu.length === 0 ? '—' : secs(sum(cpu) / cpu.length),
        (sum(seconds) / 60).toFixed(1),
        v.results.filter((r) => r.warnings.length > 0).length,
        percent(v.coverage.within80),
        percent(v.coverage.within95),
      ]),
    );
  }
  for (const [name, s] of o.benchmarks)
    lines.push(
      row([`${name} (same series)`, '—', f3(s.smape), f3(s.mase), f3(s.owa), ...Array(7).fill('—')]),
    );
  return lines;
}

function publishedTable(freq: M4Frequency, total: number): string[] {
  return [
    `Published, all ${total} ${freq} series (../shared/bench/m4/README.md):`,
    '',
    row(['method', 'sMAPE', 'MASE', 'OWA']),
    row(Array(4).fill('---')),
    ...M4_PUBLISHED[freq].map((r) => row([r.method, f3(r.smape), f3(r.mase), f3(r.owa)])),
  ];
}

function agreementRows(o: FrequencyOutcome): string[] {
  return o.variants.map((v) => {
    if ('error' in v.python) return row([o.freq, v.variant, v.python.error, '', '', '', '']);
    const py = v.python.results.candidate!,
      ts = v.score;
    const delta = Math.max(
      Math.abs(py.smape - ts.smape),
      Math.abs(py.mase - ts.mase),
      Math.abs(py.owa - ts.owa),
    );
    const pair = (a: number, b: number) => `${f3(a)} / ${f3(b)}`;
    return row([
      o.freq,
      v.variant,
      pair(ts.smape, py.smape),
      pair(ts.mase, py.mase),
      pair(ts.owa, py.owa),
      `${ts.failed.length} / ${v.python.failed.length}`,
      delta.toExponential(1),
    ]);
  });
}

/** [value, count] pairs, most often first. */
function counted(values: (string | undefined)[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}

/** "name count, …" most often first. */
const tally = (values: (string | undefined)[]) =>
  counted(values)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');

/** The commonest warnings, at most this many kinds per method, so a noisy run stays readable. */
const WARNING_KINDS = 8;

function selectionLines(o: FrequencyOutcome): string[] {
  const lines: string[] = [];
  for (const v of o.variants) {
    const label = `${o.freq} ${v.variant}`;
    const boards = v.results.filter((r) => r.leaderboard !== undefined);
    if (boards.length > 0) {
      const kept = boards.map((r) => r.kept ?? '(unreadable: see the journal)');
      lines.push(
        `- ${label}: leaderboard on ${boards.length}/${v.results.length} series; kept ${tally(kept)}`,
      );
      lines.push(`  - by family: ${tally(boards.map((r) => keptFamily(r.leaderboard)))}`);
      const failed = tally(boards.flatMap((r) => failedCandidates(r.leaderboard)));
      if (failed !== '') lines.push(`  - candidates that could not be fitted (series): ${failed}`);
    }
  }
  return lines;
}

function problemLines(o: FrequencyOutcome): string[] {
  const lines: string[] = [];
  for (const v of o.variants) {
    const label = `${o.freq} ${v.variant}`;
    const failed = v.results.filter((r) => !r.ok);
    if (failed.length > 0) {
      lines.push(`- ${label}, failed (scored as Naive): ${failed.length}`);
      lines.push(`  - messages: ${tally(failed.map((r) => masked(r.error ?? '?')))}`);
      lines.push(`  - series: ${failed.map((r) => r.id).join(', ')}`);
    }
    // The kept candidate's name becomes <kept>: "drift was kept" and "ses was kept" count as one.
    const general = (r: M4Result, w: string) => masked(r.kept ? w.split(r.kept).join('<kept>') : w);
    const warnings = counted(v.results.flatMap((r) => [...new Set(r.warnings.map((w) => general(r, w)))]));
    if (warnings.length > 0) lines.push(`- ${label}, warnings (series: message; numbers shown as #):`);
    for (const [message, n] of warnings.slice(0, WARNING_KINDS)) lines.push(`  - ${n}: ${message}`);
    if (warnings.length > WARNING_KINDS) lines.push(`  - and ${warnings.length - WARNING_KINDS} more kinds`);
  }
  return lines;
}

function frequencySection(o: FrequencyOutcome): string[] {
  const { horizonSteps, scoringSeason } = M4_SPEC[o.freq];
  return [
    `## ${title(o.freq)}: ${o.ids.length} of ${o.total} series, ` +
      `h = ${horizonSteps}, MASE m = ${scoringSeason}`,
    '',
    ...scoreTable(o),
    '',
    ...publishedTable(o.freq, o.total),
    '',
    `Series: ${o.ids.join(', ')}.`,
    '',
  ];
}

function header(input: ReportInput): string[] {
  const staleCount = input.stale.reduce((n, [, k]) => n + k, 0);
  const stale = input.stale.map(([code, n]) => `${n} of code ${code}`).join(', ');
  const resumed = [
    input.resumed > 0 ? `; ${input.resumed} results came from the journal (--resume)` : '',
    staleCount > 0 ? `; **${staleCount} came from other code (--resume-stale: ${stale})**` : '',
    input.notReused > 0 ? `; ${input.notReused} journaled results of other code were fitted again` : '',
  ].join('');
  return [
    '# M4 Hourly and Weekly',
    '',
    `Date: ${input.date}. Command: \`${input.command}\`. Machine: ${input.machine}. ` +
      `Code: git ${input.git}; code hash ${input.code} (the journal key). ` +
      `Wall time ${input.wallMinutes.toFixed(1)} min, ${input.lanes} series at a time${resumed}.`,
    '',
    `Load average (1 / 5 / 15 min): ${input.load}. Wall times move with the load; the scores do not ` +
      '(training is seeded and capped by work, not wall time, unless its 120 s safety limit stops it: ' +
      'a warning then says so).',
    '',
    `Sample: ${input.sample}.`,
    '',
    '`npm run bench:m4` (`npx tsx bench/m4.ts`) runs every method on 100 series per frequency, seed 2026; ' +
      '`--help` lists the options.',
    '',
    'How: each series is given consecutive hours (weeks) from Monday 2000-01-03T00:00Z, written as a ' +
      'two-column `time,value` CSV and read by `ingestCsv`, as a user file would be; then, through the ' +
      'facade only, `fit(series, { horizonSteps: h, seasonLength, training: { seed: 42 }, ...method })` ' +
      'and `forecast(model, series)`. `auto` adds nothing; every other method is ' +
      '`{ candidates: [method] }`. ' +
      `Fit season: 24 hourly; weekly ${input.weeklySeasons.join(' and ')} (\`--weekly-season\`; ` +
      'MASE is scored with m = 1 whatever the fit used, as M4 did). "mean s / series" is the wall time ' +
      'of fit + forecast per series, measured in the worker thread that ran it, and "CPU s" that ' +
      "thread's CPU time over the same span (what the fit costs, whatever else the machine was doing); " +
      '"total min" sums the wall times (the run takes about that divided by the lanes); "warned" ' +
      'counts series whose model had warnings.',
    '',
    'Scores: sMAPE and MASE (in-sample seasonal-naive scale, m = 24 hourly, 1 weekly), averaged over ' +
      'the series; OWA = ½ (sMAPE / sMAPE of Naive2 + MASE / MASE of Naive2), each an average over the ' +
      'same series, as M4 computed it. A failed series is scored as the Naive forecast, as score.py ' +
      "does. M4's " +
      'Naive, sNaive and Naive2 are scored on the same series by bench/m4-score.ts, which reproduces the ' +
      'published Naive2 and sNaive rows on the full sets (test/bench/m4-score.test.ts). The published ' +
      'rows cover every series of the frequency: beside a sample, OWA (relative to Naive2 on the same ' +
      'series) is the figure that compares best.',
    '',
  ];
}

export function m4Report(input: ReportInput): string {
  const selection = input.outcomes.flatMap(selectionLines);
  const problems = input.outcomes.flatMap(problemLines);
  const anyBoard = input.outcomes.some((o) => o.variants.some((v) => v.results.some((r) => r.leaderboard)));
  const files = [...new Set(input.outcomes.flatMap((o) => o.variants.map((v) => v.forecastsFile)))];
  return [
    ...header(input),
    ...(input.skipped
      ? [
          `**Not run: ${input.skipped.methods.join(', ')}.** ${input.skipped.reason}. ` +
            'They run once fit() honours `candidates`.',
          '',
        ]
      : []),
    ...input.outcomes.flatMap(frequencySection),
    '## Agreement with score.py',
    '',
    'The same forecast file scored by bench/m4-score.ts and by `python3 ../shared/bench/m4/score.py ' +
      '--freq F --forecasts FILE --series IDS` (TypeScript / Python):',
    '',
    row(['frequency', 'method', 'sMAPE', 'MASE', 'OWA', 'failed', 'max abs difference']),
    row(Array(7).fill('---')),
    ...input.outcomes.flatMap(agreementRows),
    '',
    '## What was kept',
    '',
    ...(selection.length > 0 ? selection : ['No model carried a leaderboard.']),
    '',
    ...(anyBoard ? [] : ['No model had `model.leaderboard` in this build: no candidate tally yet.', '']),
    '## Failures and warnings',
    '',
    ...(problems.length > 0 ? problems : ['None.']),
    '',
    `Journal: ${input.journal} (one JSON line per series: forecast, seconds, warnings, leaderboard). ` +
      `Forecast files (\`id,F1..Fh\`, failed series left out): ${files.join(', ')}.`,
    '',
  ].join('\n');
}
