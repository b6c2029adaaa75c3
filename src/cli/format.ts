// Plain-text tables for the terminal: metrics beside baselines, forecasts, reports.
import type { Evaluation } from '../forecaster.ts';
import type { MetricSet } from '../forecast/metrics.ts';

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function num(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return '—';
  const abs = Math.abs(v);
  return abs !== 0 && (abs >= 1e6 || abs < 1e-3)
    ? v.toExponential(2)
    : Number(v.toPrecision(digits)).toString();
}

export function metricsTable(rows: [string, MetricSet][]): string {
  return table(
    ['method', 'MAE', 'RMSE', 'MAPE %', 'sMAPE %', 'MASE'],
    rows.map(([name, m]) => [name, num(m.mae), num(m.rmse), num(m.mape), num(m.smape), num(m.mase)]),
  );
}

export function describeEvaluation(ev: Evaluation | null, modelName: string): string {
  if (ev === null)
    return 'test split: none (the series is too short to hold one out; validation chose the model, see the warnings)';
  const rows: [string, MetricSet][] = [
    [modelName, ev.model],
    ...(Object.entries(ev.baselines) as [string, MetricSet][]),
  ];
  const skill = `skill vs naive (1 − MAE/MAE_naive): ${num(ev.skillVsNaive, 3)}${ev.hasSkill ? '' : '  — NO SKILL: the model does not beat the naive forecast'}`;
  const cover = ev.coverage
    .map((c) => `${Math.round(c.level * 100)} % interval covered ${num(c.observed * 100, 3)} %`)
    .join(', ');
  return [
    `test split: ${ev.origins} origins × ${ev.horizonSteps}-step forecasts (from the model's own predictions); MASE scaled by seasonal naive, m = ${ev.seasonLength}`,
    metricsTable(rows),
    skill,
    cover,
    `lag of best match for one-step predictions: ${ev.lag.bestLag}`,
    ...ev.warnings.map((w) => `warning: ${w}`),
  ].join('\n');
}
