// Markdown for the accuracy suite: per series, MASE and sMAPE of every method on the test
// split, fit times, and what auto mode kept; then, per frequency group, each method's MASE
// relative to seasonal naive and whether auto mode is no worse than seasonal naive there.
import type { Frequency } from '../src/forecaster.ts';
import type { RunResult } from './accuracy-runs.ts';
import type { BenchSeries } from './accuracy-series.ts';
import { SUITE_VARIANTS, isRun } from './accuracy-suite.ts';
import type { SuiteResults } from './accuracy-suite.ts';

const IDS = SUITE_VARIANTS.map((v) => v.id);
const f3 = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : '—');
const f2 = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '—');
const f1 = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '—');
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const header = (cells: string[]) => `${row(cells)}\n${row(cells.map(() => '---'))}`;
const geomean = (xs: number[]) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);

/** Bold the lowest value of a row. */
function boldMin(values: number[], format: (v: number) => string): string[] {
  const best = Math.min(...values.filter(Number.isFinite));
  return values.map((v) => (v === best ? `**${format(v)}**` : format(v)));
}

/**
 * MASE over seasonal naive's MASE on the very origins the run was scored on (evaluate()
 * scores the baselines beside every model), so a method whose first origin comes later
 * is not compared with a seasonal naive scored on other windows.
 */
const relative = (r: RunResult) => r.model.mase / r.baselines['seasonal-naive'].mase;

function runsOf(results: SuiteResults, b: BenchSeries): (RunResult | undefined)[] {
  const runs = results.get(b.name)!;
  return IDS.map((id) => {
    const o = runs.get(id);
    return isRun(o) ? o : undefined;
  });
}

export function suiteTables(benches: BenchSeries[], results: SuiteResults): string {
  const out: string[] = [];
  const metric = (title: string, get: (r: RunResult) => number, format: (v: number) => string) => {
    out.push(`### ${title} on the test split (lower is better; best per row in bold)`, '');
    out.push(header(['series', 'frequency', 'h', 'm', ...IDS, 'auto kept', 'auto fit (s)']));
    for (const b of benches) {
      const runs = runsOf(results, b);
      const auto = runs[0];
      const any = runs.find((r) => r !== undefined);
      out.push(
        row([
          b.name,
          b.series.frequency.label,
          b.horizonSteps,
          any?.season ?? '—',
          ...boldMin(
            runs.map((r) => (r ? get(r) : NaN)),
            format,
          ),
          auto ? `\`${auto.kept}\`` : '—',
          f1(auto?.fitSeconds ?? NaN),
        ]),
      );
    }
    out.push('');
  };
  metric('MASE', (r) => r.model.mase, f3);
  metric('sMAPE (%)', (r) => r.model.smape, f2);

  out.push(
    '### Fit time per series (seconds of wall time for `fit`, every candidate of the pool plus the refit of the kept one)',
    '',
  );
  out.push(header(['series', 'points', 'test origins', ...IDS, 'rnn alone kept']));
  for (const b of benches) {
    const runs = runsOf(results, b);
    out.push(
      row([
        b.name,
        b.series.values.length,
        runs[0]?.origins ?? '—',
        ...runs.map((r) => f1(r?.fitSeconds ?? NaN)),
        runs[1] ? `\`${runs[1].kept}\`` : '—',
      ]),
    );
  }
  const failures = benches.flatMap((b) =>
    [...results.get(b.name)!].flatMap(([id, o]) => (isRun(o) ? [] : [`- ${b.name} · ${id}: ${o.failed}`])),
  );
  if (failures.length > 0) out.push('', 'Runs that could not be scored (shown as —):', '', ...failures);
  out.push('');
  return out.join('\n');
}

const UNIT_ORDER: Frequency['unit'][] = [
  'second',
  'minute',
  'hour',
  'day',
  'business-day',
  'week',
  'month',
  'quarter',
  'year',
];

interface Group {
  label: string;
  benches: BenchSeries[];
}

function frequencyGroups(benches: BenchSeries[]): Group[] {
  const groups = new Map<string, Group & { order: number }>();
  for (const b of benches) {
    const f = b.series.frequency;
    const g = groups.get(f.label) ?? {
      label: f.label,
      benches: [],
      order: UNIT_ORDER.indexOf(f.unit) * 1000 + f.step,
    };
    g.benches.push(b);
    groups.set(f.label, g);
  }
  return [...groups.values()].sort((a, b) => a.order - b.order);
}

/** Geometric mean of each method's relative MASE over the series where it ran, "(k of n)" when some did not. */
function groupRow(label: string, benches: BenchSeries[], results: SuiteResults): (string | number)[] {
  const cells = IDS.map((_, i) => {
    const ratios = benches.flatMap((b) => {
      const r = runsOf(results, b)[i];
      return r ? [relative(r)] : [];
    });
    if (ratios.length === 0) return '—';
    const partial = ratios.length < benches.length ? ` (${ratios.length} of ${benches.length})` : '';
    return `${f3(geomean(ratios))}${partial}`;
  });
  return [label, benches.length, ...cells];
}

/** Auto mode against seasonal naive in a group: the geometric mean, and the series where auto was worse. */
function autoVerdict(group: Group, results: SuiteResults): string {
  const autos = group.benches.flatMap((b) => {
    const r = runsOf(results, b)[0];
    return r ? [{ name: b.name, ratio: relative(r) }] : [];
  });
  if (autos.length === 0) return `- ${group.label}: auto could not be scored on any series.`;
  const g = geomean(autos.map((a) => a.ratio));
  const worse = autos.filter((a) => a.ratio > 1);
  const verdict = g <= 1 ? '**no worse than seasonal naive**' : '**WORSE than seasonal naive**';
  const detail =
    worse.length === 0
      ? 'no worse on any series'
      : `worse on ${worse.length} of ${autos.length}: ${worse.map((a) => `${a.name} ${f3(a.ratio)}`).join(', ')}`;
  return `- ${group.label} (${autos.length} series): auto ${f3(g)} × seasonal naive: ${verdict} (${detail}).`;
}

export function frequencySummary(benches: BenchSeries[], results: SuiteResults): string {
  const groups = frequencyGroups(benches);
  const out = [
    header(['frequency', 'series', ...IDS]),
    ...groups.map((g) => row(groupRow(g.label, g.benches, results))),
    row(groupRow('**all**', benches, results)),
    '',
    ...groups.map((g) => autoVerdict(g, results)),
    autoVerdict({ label: 'all series', benches }, results),
  ];
  return out.join('\n');
}
