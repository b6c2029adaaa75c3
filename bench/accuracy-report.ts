// Markdown for the --experiments part of bench/ACCURACY.md: the dataset × cell table, the
// earlier target check, one table per experiment with its summary rows and the default it
// supports; and the CLI timing of a 5,000-point series.
import type { Experiment, RunResult } from './accuracy-runs.ts';
import type { BenchSeries } from './accuracy-series.ts';

/** The accuracy issue's bound on `recurrent run` over a 5,000-point daily series, in seconds. */
export const RUN_SECONDS_TARGET = 60;

export interface CliTiming {
  label: string;
  command: string;
  points: number;
  seconds: number;
  status: number | null;
  rows: number;
  note: string;
}

const f3 = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : '—');
const f2 = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '—');
const f1 = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '—');
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const header = (cells: string[]) => `${row(cells)}\n${row(cells.map(() => '---'))}`;
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const geomean = (xs: number[]) => Math.exp(mean(xs.map(Math.log)));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const k = s.length >> 1;
  return s.length % 2 ? s[k]! : (s[k - 1]! + s[k]!) / 2;
};

/** Bold the lowest value of a row. */
function boldMin(values: number[], format: (v: number) => string): string[] {
  const best = Math.min(...values.filter(Number.isFinite));
  return values.map((v) => (v === best ? `**${format(v)}**` : format(v)));
}

export type ResultsBySeries = Map<string, Map<string, RunResult>>;

const BASELINES = [
  ['naive', 'naive'],
  ['seasonal-naive', 'seasonal naive'],
  ['drift', 'drift'],
  ['moving-average', 'moving average (m)'],
] as const;
const NETS = ['auto', 'rnn', 'lstm', 'gru'];

export function mainTables(benches: BenchSeries[], main: ResultsBySeries): string {
  const out: string[] = [];
  const metric = (
    name: string,
    get: (s: { mase: number; smape: number }) => number,
    format: (v: number) => string,
  ) => {
    out.push(`### ${name} on the test split (lower is better; best per row in bold)\n`);
    out.push(header(['series', 'h', 'm', ...NETS, ...BASELINES.map(([, label]) => label)]));
    for (const b of benches) {
      const runs = main.get(b.name)!;
      const auto = runs.get('auto')!;
      const values = [
        ...NETS.map((v) => get(runs.get(v)!.model)),
        ...BASELINES.map(([k]) => get(auto.baselines[k])),
      ];
      out.push(row([b.name, b.horizonSteps, auto.season, ...boldMin(values, format)]));
    }
    out.push('');
  };
  metric('MASE', (s) => s.mase, f3);
  metric('sMAPE (%)', (s) => s.smape, f2);
  out.push(
    '### Fit time (seconds of wall time for `fit`: training plus interval calibration; epochs run, and why training stopped)\n',
  );
  out.push(header(['series', 'points', 'origins', 'auto config', ...NETS]));
  for (const b of benches) {
    const runs = main.get(b.name)!;
    const a = runs.get('auto')!;
    const cell = (v: string) => {
      const r = runs.get(v)!;
      return r.reusedFrom ? `= ${r.reusedFrom}` : `${f1(r.fitSeconds)} (${r.epochs} ep, ${r.stoppedBy})`;
    };
    out.push(
      row([
        b.name,
        b.series.values.length,
        a.origins,
        `${a.cell} H${a.hidden} T${a.window} ${a.strategy} ${a.scaler}${a.candidates ? ` (validation score ${a.candidates})` : ''}`,
        ...NETS.map(cell),
      ]),
    );
  }
  out.push('');
  return out.join('\n');
}

export function targetTable(
  benches: BenchSeries[],
  main: ResultsBySeries,
): { text: string; misses: string[] } {
  const out: string[] = [
    header([
      'series',
      'kind',
      'auto MASE',
      'seasonal naive MASE',
      'naive MASE',
      'skill vs naive (1 − MAE/MAE_naive)',
      'target',
      'result',
    ]),
  ];
  const misses: string[] = [];
  for (const b of benches) {
    const a = main.get(b.name)!.get('auto')!;
    const sn = a.baselines['seasonal-naive'].mase,
      nv = a.baselines.naive.mase;
    const skill = 1 - a.model.mae / a.baselines.naive.mae;
    let target: string, result: string;
    if (b.kind === 'stock') {
      target = 'report vs naive';
      result =
        a.model.mase < nv
          ? `beats naive (${f3(a.model.mase)} < ${f3(nv)})`
          : `does NOT beat naive (${f3(a.model.mase)} ≥ ${f3(nv)})`;
    } else {
      const pass = a.model.mase < sn;
      target = b.kind === 'weather' ? 'auto < seasonal naive' : `(${b.kind}; informative)`;
      result = pass ? 'PASS' : 'MISS';
      if (!pass && b.kind === 'weather') misses.push(b.name);
    }
    out.push(row([b.name, b.kind, f3(a.model.mase), f3(sn), f3(nv), f3(skill), target, result]));
  }
  return { text: out.join('\n'), misses };
}

export interface ExperimentSummary {
  id: string;
  meanMase: number;
  meanMaseNoStock: number;
  medianMase: number;
  geoRatio: number;
  winsSnaive: number;
  winsNaive: number;
  best: number;
  n: number;
}

export function summarise(
  experiment: Experiment,
  benches: BenchSeries[],
  runs: ResultsBySeries,
): ExperimentSummary[] {
  return experiment.variants.map((v) => {
    const rs = benches.map((b) => runs.get(b.name)!.get(v.id)!);
    const noStock = benches
      .filter((b) => b.kind !== 'stock')
      .map((b) => runs.get(b.name)!.get(v.id)!.model.mase);
    const best = benches.filter((b) => {
      const all = experiment.variants.map((w) => runs.get(b.name)!.get(w.id)!.model.mase);
      return runs.get(b.name)!.get(v.id)!.model.mase === Math.min(...all);
    }).length;
    return {
      id: v.id,
      meanMase: mean(rs.map((r) => r.model.mase)),
      meanMaseNoStock: mean(noStock),
      medianMase: median(rs.map((r) => r.model.mase)),
      geoRatio: geomean(rs.map((r) => r.model.mae / r.baselines['seasonal-naive'].mae)),
      winsSnaive: rs.filter((r) => r.model.mase < r.baselines['seasonal-naive'].mase).length,
      winsNaive: rs.filter((r) => r.model.mase < r.baselines.naive.mase).length,
      best,
      n: rs.length,
    };
  });
}

/** How far the training seed alone moves MASE: overall (summary rows) and per series. */
export interface SeedNoise {
  mean: number;
  geo: number;
  perSeries: Map<string, number>;
}

export function seedNoise(experiment: Experiment, benches: BenchSeries[], runs: ResultsBySeries): SeedNoise {
  const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs);
  const summary = summarise(experiment, benches, runs);
  const perSeries = new Map(
    benches.map((b) => [b.name, spread([...runs.get(b.name)!.values()].map((r) => r.model.mase))]),
  );
  return {
    mean: spread(summary.map((s) => s.meanMase)),
    geo: spread(summary.map((s) => s.geoRatio)),
    perSeries,
  };
}

/** Per series, against the default: better or worse by more than that series' seed spread, else within it; and the median fit-time ratio. */
function againstDefault(
  experiment: Experiment,
  benches: BenchSeries[],
  runs: ResultsBySeries,
  variantId: string,
  noise: SeedNoise,
): { better: string[]; worse: string[]; within: number; timeRatio: number } {
  const better: string[] = [],
    worse: string[] = [],
    ratios: number[] = [];
  let within = 0;
  for (const b of benches) {
    const d = runs.get(b.name)!.get(experiment.defaultId)!,
      v = runs.get(b.name)!.get(variantId)!;
    const n = noise.perSeries.get(b.name) ?? 0;
    if (v.model.mase < d.model.mase - n) better.push(b.name);
    else if (v.model.mase > d.model.mase + n) worse.push(b.name);
    else within++;
    if (d.fitSeconds > 0.5) ratios.push(v.fitSeconds / d.fitSeconds);
  }
  return { better, worse, within, timeRatio: ratios.length > 0 ? median(ratios) : NaN };
}

export function experimentSection(
  experiment: Experiment,
  benches: BenchSeries[],
  runs: ResultsBySeries,
  currentOf: (b: BenchSeries) => string,
  noise: SeedNoise | null,
): string {
  const ids = experiment.variants.map((v) => v.id);
  const out: string[] = [`### ${experiment.title}\n`, ...(experiment.note ? [experiment.note, ''] : [])];
  out.push(
    header([
      'series',
      'current default',
      ...ids.map((id) => `${id} MASE`),
      'seasonal naive',
      'naive',
      'detail',
    ]),
  );
  for (const b of benches) {
    const rs = ids.map((id) => runs.get(b.name)!.get(id)!);
    const detail = rs
      .map(
        (r) =>
          `${r.variant}: T${r.window} ${r.scaler} ${r.strategy} H${r.hidden}${r.reusedFrom ? ` (= ${r.reusedFrom})` : `, ${f1(r.fitSeconds)} s`}`,
      )
      .join('; ');
    out.push(
      row([
        b.name,
        currentOf(b),
        ...boldMin(
          rs.map((r) => r.model.mase),
          f3,
        ),
        f3(rs[0]!.baselines['seasonal-naive'].mase),
        f3(rs[0]!.baselines.naive.mase),
        detail,
      ]),
    );
  }
  const summary = summarise(experiment, benches, runs);
  out.push('');
  out.push(
    header([
      'variant',
      'mean MASE (all)',
      'mean MASE (no stocks)',
      'median MASE',
      'geo-mean MAE / seasonal-naive MAE',
      'beats seasonal naive',
      'beats naive',
      'best of the variants',
    ]),
  );
  for (const s of summary)
    out.push(
      row([
        s.id,
        f3(s.meanMase),
        f3(s.meanMaseNoStock),
        f3(s.medianMase),
        f3(s.geoRatio),
        `${s.winsSnaive}/${s.n}`,
        `${s.winsNaive}/${s.n}`,
        `${s.best}/${s.n}`,
      ]),
    );
  out.push('', conclusion(summary));
  if (experiment.id !== 'seed' && noise) {
    out.push(
      '',
      `Per series against the default (${experiment.defaultId}), counting a difference only when it exceeds that series' MASE spread over the three seeds in (e):`,
      '',
    );
    for (const v of experiment.variants.filter((w) => w.id !== experiment.defaultId)) {
      const c = againstDefault(experiment, benches, runs, v.id, noise);
      out.push(
        `- ${v.id}: clearly better on ${c.better.length} (${c.better.join(', ') || '—'}), clearly worse on ${c.worse.length} (${c.worse.join(', ') || '—'}), within seed noise on ${c.within}; median fit time ${f2(c.timeRatio)}× the default's (series whose default fit took over 0.5 s).`,
      );
    }
    out.push('', verdict(experiment, benches, runs, noise));
  }
  return out.join('\n');
}

export function conclusion(summary: ExperimentSummary[]): string {
  const byMean = [...summary].sort((a, b) => a.meanMase - b.meanMase);
  const byGeo = [...summary].sort((a, b) => a.geoRatio - b.geoRatio);
  const byBest = [...summary].sort((a, b) => b.best - a.best);
  const parts = [
    `Lowest mean MASE: **${byMean[0]!.id}** (${byMean.map((s) => `${s.id} ${f3(s.meanMase)}`).join(', ')}).`,
    `Lowest geometric-mean MAE ratio to seasonal naive: **${byGeo[0]!.id}** (${byGeo.map((s) => `${s.id} ${f3(s.geoRatio)}`).join(', ')}).`,
    `Most often best: **${byBest[0]!.id}** (${byBest.map((s) => `${s.id} ${s.best}`).join(', ')}).`,
  ];
  return parts.join(' ');
}

/**
 * A variant beats the default only if it is clearly better (beyond that series' seed
 * spread) on at least two more series than it is clearly worse; summary means alone can be
 * carried by one series (a fit cut short by the time budget moves a lot). Three seeds give
 * a rough yardstick, so a net of one is called mixed, not evidence.
 */
export function verdict(
  experiment: Experiment,
  benches: BenchSeries[],
  runs: ResultsBySeries,
  noise: SeedNoise,
): string {
  const summary = summarise(experiment, benches, runs);
  const challengers = experiment.variants
    .filter((v) => v.id !== experiment.defaultId)
    .map((v) => ({ id: v.id, ...againstDefault(experiment, benches, runs, v.id, noise) }));
  const means = `mean MASE / geo-mean ratio: ${summary.map((s) => `${s.id} ${f3(s.meanMase)} / ${f3(s.geoRatio)}`).join(', ')}; seed noise on those ±${f3(noise.mean)} / ±${f3(noise.geo)}`;
  const winners = challengers.filter((c) => c.better.length - c.worse.length >= 2);
  if (winners.length > 0) {
    const best = winners.reduce((a, b) =>
      b.better.length - b.worse.length > a.better.length - a.worse.length ? b : a,
    );
    return `**Verdict: evidence for ${best.id} over ${experiment.defaultId}**: clearly better on ${best.better.length} series, clearly worse on ${best.worse.length}, at ${f2(best.timeRatio)}× the fit time (${means}).`;
  }
  const mixed = challengers.filter((c) => c.better.length >= 2 && c.worse.length >= 2);
  if (mixed.length > 0) {
    return `**Verdict: keep ${experiment.defaultId}; mixed evidence**: ${mixed.map((c) => `${c.id} is clearly better on ${c.better.length} series and clearly worse on ${c.worse.length}`).join('; ')} — which series each helps is in the lines above (${means}).`;
  }
  return `**Verdict: supports the current default (${experiment.defaultId})**: no variant is clearly better on more series than it is clearly worse (${means}).`;
}

export function timingSection(timings: CliTiming[]): string {
  if (timings.length === 0) return '_Skipped (--quick or --series)._';
  const out = [
    header([
      'series',
      'points',
      'command',
      'wall time (s)',
      'exit',
      'forecast rows',
      `target < ${RUN_SECONDS_TARGET} s`,
      'note',
    ]),
  ];
  for (const t of timings)
    out.push(
      row([
        t.label,
        t.points,
        `\`${t.command}\``,
        f1(t.seconds),
        String(t.status),
        t.rows,
        t.seconds < RUN_SECONDS_TARGET && t.status === 0 ? 'PASS' : 'MISS',
        t.note,
      ]),
    );
  return out.join('\n');
}
