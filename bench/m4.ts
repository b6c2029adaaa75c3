// M4 bench: `npx tsx bench/m4.ts [options]` (npm run bench:m4; --help lists the options).
// Fits auto mode and each candidate alone on a seeded sample (or all) of the M4 Hourly and
// Weekly series through the facade, two series at a time on worker threads, scores the
// forecasts with the M4 measures in TypeScript and with score.py side by side, and writes
// bench/M4.md atomically. Every finished series is journaled, so --resume continues an
// interrupted run of the same code without refitting.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeFileAtomic } from '../src/files/atomic-write.ts';
import { HOURLY_SEASON, USAGE, parseM4Args } from './m4-args.ts';
import type { M4Args } from './m4-args.ts';
import { M4_SPEC, loadM4, m4Dir } from './m4-data.ts';
import type { M4Frequency, M4Series } from './m4-data.ts';
import { M4Journal, codeVersion, gitState, journalKey } from './m4-journal.ts';
import { methodOptions } from './m4-methods.ts';
import type { M4Method } from './m4-methods.ts';
import { runPool } from './m4-pool.ts';
import { candidatesUnsupported } from './m4-probe.ts';
import { scoreWithPython } from './m4-python.ts';
import { m4Report } from './m4-report.ts';
import type { FrequencyOutcome, ReportInput } from './m4-report.ts';
import type { M4Result, M4Task } from './m4-run.ts';
import { sampleIds } from './m4-sample.ts';
import { intervalCoverage } from './m4-coverage.ts';
import { benchmarks, scoreSet, smape } from './m4-score.ts';
import { machineDescription } from './results-md.ts';
import { withRnnFromAuto } from './m4-rnn-from-auto.ts';
import { withoutWallClockCap } from './without-wall-clock-cap.ts';

const log = (line: string) => process.stderr.write(`${line}\n`);
const byNumber = (a: string, b: string) => Number(a.slice(1)) - Number(b.slice(1));

interface Variant {
  label: string;
  method: M4Method;
  fitSeason: number;
}

/** Each method at each fit season; the season is in the label only when a run compares several. */
function variantsOf(freq: M4Frequency, methods: M4Method[], weeklySeasons: number[]): Variant[] {
  const seasons = freq === 'hourly' ? [HOURLY_SEASON] : weeklySeasons;
  return methods.flatMap((method) =>
    seasons.map((fitSeason) => ({
      label: seasons.length > 1 ? `${method} (fit m ${fitSeason})` : method,
      method,
      fitSeason,
    })),
  );
}

/** The series a run scores: given ids, every series, or the seeded sample, in id order. */
function pickSeries(all: M4Series[], freq: M4Frequency, args: M4Args): M4Series[] {
  const ids = all.map((s) => s.id);
  const chosen =
    args.series !== null
      ? args.series.filter((id) => id.startsWith(freq === 'hourly' ? 'H' : 'W'))
      : args.sample === null
        ? ids
        : sampleIds(ids, args.sample, args.seed);
  const unknown = chosen.filter((id) => !ids.includes(id));
  if (unknown.length > 0) throw new Error(`unknown ${freq} series: ${unknown.join(', ')}`);
  const set = new Set(chosen);
  return all.filter((s) => set.has(s.id)).sort((a, b) => byNumber(a.id, b.id));
}

function sampleText(
  args: M4Args,
  picked: Map<M4Frequency, M4Series[]>,
  totals: Map<M4Frequency, number>,
): string {
  const counts = [...picked].map(([f, s]) => `${s.length} of ${totals.get(f)} ${f}`).join(' and ');
  if (args.series !== null) return `the series given with --series (${counts})`;
  if (args.sample === null) return `every series (${counts}, --all)`;
  return (
    `${counts} series, drawn with mulberry32 seed ${args.seed} ` +
    `(\`--sample ${args.sample} --seed ${args.seed}\`; a partial Fisher–Yates shuffle of the ids, ` +
    'so a smaller sample is part of a larger one with the same seed)'
  );
}

function writeForecasts(file: string, h: number, results: M4Result[]): void {
  const header = ['id', ...Array.from({ length: h }, (_, i) => `F${i + 1}`)].join(',');
  const rows = results
    .filter((r) => r.ok && r.forecast)
    .map((r) => [r.id, ...r.forecast!.map(String)].join(','));
  writeFileSync(file, `${[header, ...rows].join('\n')}\n`);
}

const loadText = () =>
  loadavg()
    .map((v) => v.toFixed(1))
    .join(' / ');

async function main(args: M4Args): Promise<void> {
  const started = performance.now();
  const loadBefore = loadText();
  const dir = m4Dir();
  const code = codeVersion();
  const journal = new M4Journal(args.journal, args.resume);
  let methods = args.methods,
    skipped: ReportInput['skipped'] = null;
  if (methods.some((m) => m !== 'auto')) {
    log('checking that fit() honours `candidates` (one small fit)…');
    const reason = await candidatesUnsupported();
    if (reason !== null) {
      skipped = { methods: methods.filter((m) => m !== 'auto'), reason };
      methods = methods.filter((m) => m === 'auto');
      log(`skipping ${skipped.methods.join(', ')}: ${reason}`);
    }
  }

  const picked = new Map<M4Frequency, M4Series[]>(),
    totals = new Map<M4Frequency, number>();
  for (const freq of args.freqs) {
    const all = loadM4(freq, dir);
    totals.set(freq, all.length);
    const series = pickSeries(all, freq, args);
    if (series.length > 0) picked.set(freq, series);
  }

  const plan: { freq: M4Frequency; variant: Variant; series: M4Series; task: M4Task }[] = [];
  for (const [freq, series] of picked)
    for (const variant of variantsOf(freq, methods, args.weeklySeasons))
      for (const s of series) {
        const options = {
          horizonSteps: M4_SPEC[freq].horizonSteps,
          seasonLength: variant.fitSeason,
          training: { seed: 42 },
          ...methodOptions(variant.method),
        };
        const key = journalKey({ method: variant.method, options, freq, id: s.id });
        const task = {
          key,
          variant: variant.label,
          method: variant.method,
          freq,
          id: s.id,
          values: Array.from(s.train),
          // No journaled fit ever carried the wall-clock net's warning on a quiet machine, so
          // lifting it changes no result: it is left out of the key.
          options: withoutWallClockCap(options),
        };
        plan.push({ freq, variant, series: s, task });
      }

  const results = new Map<string, M4Result>();
  const resume = { same: 0, stale: new Map<string, number>(), notReused: 0 };
  for (const p of plan) {
    const same = journal.find(p.task.key, code);
    const any = same ? undefined : journal.findAny(p.task.key);
    if (same) {
      results.set(p.task.key, same);
      resume.same++;
    } else if (any && args.resumeStale) {
      results.set(p.task.key, any.result);
      resume.stale.set(any.code, (resume.stale.get(any.code) ?? 0) + 1);
    } else if (any) resume.notReused++;
  }
  const todo = withRnnFromAuto(
    plan.filter((p) => !results.has(p.task.key)),
    args.rnnFromAuto,
  );
  if (results.size > 0) log(`resuming: ${results.size} of ${plan.length} results from ${args.journal}`);
  if (resume.notReused > 0)
    log(`${resume.notReused} journaled results came from other code: refitted (--resume-stale reuses them)`);
  const byKey = new Map(plan.map((p) => [p.task.key, p]));
  let finished = 0;
  await runPool(
    todo.map((p) => p.task),
    {
      lanes: args.jobs,
      onResult: (r) => {
        for (const c of r.companions ?? []) {
          journal.append(c, code);
          results.set(c.key, c);
        }
        journal.append({ ...r, companions: undefined }, code);
        results.set(r.key, r);
        const { series, freq } = byKey.get(r.key)!;
        const naive2 = benchmarks(
          series.train,
          M4_SPEC[freq].horizonSteps,
          M4_SPEC[freq].scoringSeason,
        ).Naive2;
        const kept = r.kept;
        const how = r.ok
          ? `sMAPE ${smape(series.test, r.forecast!).toFixed(2)} ` +
            `(Naive2 ${smape(series.test, naive2).toFixed(2)})${kept ? `, kept ${kept}` : ''}`
          : `FAILED: ${r.error}`;
        const cpu = r.cpuSeconds === undefined ? '' : ` (CPU ${r.cpuSeconds.toFixed(1)} s)`;
        const at = `[${++finished}/${todo.length}] ${freq} ${r.variant} ${r.id}`;
        log(`${at}: ${r.seconds.toFixed(1)} s${cpu}, ${how}`);
      },
    },
  );

  const forecastsDir = join(tmpdir(), 'recurrent-m4');
  mkdirSync(forecastsDir, { recursive: true });
  const outcomes: FrequencyOutcome[] = [...picked].map(([freq, series]) => {
    const { horizonSteps: h, scoringSeason: m } = M4_SPEC[freq];
    const ids = series.map((s) => s.id);
    const variants = variantsOf(freq, methods, args.weeklySeasons).map((variant) => {
      const mine = plan
        .filter((p) => p.freq === freq && p.variant.label === variant.label)
        .map((p) => results.get(p.task.key)!);
      // Named after the report too: a side run (--out elsewhere) never overwrites what bench/M4.md cites.
      const slug = `${basename(args.out, '.md')}-${freq}-${variant.label}`.replace(/[^a-z0-9]+/gi, '-');
      const forecastsFile = join(forecastsDir, `${slug.replace(/-$/, '')}.csv`);
      writeForecasts(forecastsFile, h, mine);
      const forecasts = new Map(mine.filter((r) => r.ok).map((r) => [r.id, r.forecast!]));
      const score = scoreSet(series, h, m, new Map([['method', forecasts]])).get('method')!;
      const python = scoreWithPython(dir, freq, forecastsFile, ids);
      return {
        variant: variant.label,
        fitSeason: variant.fitSeason,
        results: mine,
        score,
        coverage: intervalCoverage(mine, series),
        python,
        forecastsFile,
      };
    });
    return { freq, total: totals.get(freq)!, ids, variants, benchmarks: scoreSet(series, h, m) };
  });

  const text = m4Report({
    date: new Date().toISOString().slice(0, 10),
    command: args.command,
    machine: machineDescription(),
    load: `${loadBefore} at the start, ${loadText()} at the end`,
    git: gitState(),
    code,
    sample: sampleText(args, picked, totals),
    wallMinutes: (performance.now() - started) / 60_000,
    resumed: resume.same,
    stale: [...resume.stale],
    notReused: resume.notReused,
    journal: args.journal,
    lanes: args.jobs,
    weeklySeasons: args.weeklySeasons,
    skipped,
    outcomes,
  });
  await writeFileAtomic(args.out, text);
  const triple = (s: { smape: number; mase: number; owa: number }) =>
    `${s.smape.toFixed(3)} / ${s.mase.toFixed(3)} / ${s.owa.toFixed(3)}`;
  for (const o of outcomes)
    for (const v of o.variants) {
      const py = 'error' in v.python ? v.python.error : triple(v.python.results.candidate!);
      log(
        `${o.freq} ${v.variant}: sMAPE / MASE / OWA ${triple(v.score)}, ` +
          `${v.score.failed.length} failed; score.py ${py}`,
      );
    }
  log(`wrote ${args.out} in ${((performance.now() - started) / 60_000).toFixed(1)} min`);
}

let args: M4Args | 'help';
try {
  args = parseM4Args(process.argv.slice(2));
} catch (e) {
  log(`${(e as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
if (args === 'help') log(USAGE);
else await main(args);
