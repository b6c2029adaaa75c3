// Experiment (g): seasonal differencing. src/ has no transform that forecasts
// d_t = y_t − y_{t−m} and adds seasonal naive back, so this emulates one through the facade:
// fit auto mode on the differenced series and score it there. When h ≤ m every value added
// back (y_{s+k−m}) is an actual known at the origin, so the error in y equals the error in
// d, and the seasonal-naive forecast of y is the zero forecast of d. Series with h > m are
// left out (the emulation would need the inverse to chain through its own forecasts).
// The level model (auto, from the main table) and the differenced one are each compared
// with seasonal naive on their own test origins (the differenced series is m shorter).
import { performance } from 'node:perf_hooks';
import { evaluate, fit } from '../src/forecaster.ts';
import type { TimeSeries } from '../src/forecaster.ts';
import type { ResultsBySeries } from './accuracy-report.ts';
import type { BenchSeries } from './accuracy-series.ts';

export interface SeasonalRow {
  series: string;
  h: number;
  m: number;
  /** Test MAE over seasonal-naive MAE on the same origins. */
  levelRatio: number;
  sdiffRatio: number;
  levelValidationMae: number;
  sdiffValidationMae: number;
  /** Model selection on validation only: the one with the lower validation MAE. */
  pick: 'level' | 'sdiff';
  sdiffSeconds: number;
  sdiffEpochs: number;
  sdiffStoppedBy: string;
}

export async function seasonalDifferenceRuns(benches: BenchSeries[], main: ResultsBySeries, log: (line: string) => void): Promise<SeasonalRow[]> {
  const rows: SeasonalRow[] = [];
  for (const b of benches) {
    const level = main.get(b.name)!.get('auto')!;
    const h = b.horizonSteps, m = level.season;
    if (h > m) continue;
    const y = b.series.values;
    const d = Float64Array.from({ length: y.length - m }, (_, i) => y[i + m]! - y[i]!);
    const differenced: TimeSeries = { ...b.series, time: b.series.time.subarray(m), values: d, features: [] };
    const started = performance.now();
    const model = await fit(differenced, { horizonSteps: h, seasonLength: m });
    const seconds = (performance.now() - started) / 1000;
    const e = evaluate(model, differenced);
    // evaluate's origins are the last e.origins whole-horizon origins of the series.
    let sum = 0, count = 0;
    for (let s = d.length - h + 1 - e.origins; s <= d.length - h; s++) for (let k = 0; k < h; k++) { sum += Math.abs(d[s + k]!); count++; }
    const row: SeasonalRow = {
      series: b.name, h, m,
      levelRatio: level.model.mae / level.baselines['seasonal-naive'].mae,
      sdiffRatio: e.model.mae / (sum / count),
      levelValidationMae: level.validationMae,
      sdiffValidationMae: model.validation.mae,
      pick: model.validation.mae < level.validationMae ? 'sdiff' : 'level',
      sdiffSeconds: seconds, sdiffEpochs: model.training.history.length, sdiffStoppedBy: model.training.stoppedBy,
    };
    log(`${b.name} · seasonal difference: MAE/snaive ${row.sdiffRatio.toFixed(3)} (level ${row.levelRatio.toFixed(3)}); validation MAE ${row.sdiffValidationMae.toPrecision(4)} vs level ${row.levelValidationMae.toPrecision(4)} · ${seconds.toFixed(1)} s`);
    rows.push(row);
  }
  return rows;
}

export function seasonalSection(rows: SeasonalRow[]): string {
  const f3 = (v: number) => v.toFixed(3);
  const out = [
    '| series | h | m | level (auto): test MAE / seasonal-naive MAE | seasonal difference: test MAE / seasonal-naive MAE | validation MAE level | validation MAE seasonal difference | pick by validation | picked: test ratio | seasonal-difference fit |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  const picked = (r: SeasonalRow) => (r.pick === 'sdiff' ? r.sdiffRatio : r.levelRatio);
  for (const r of rows) {
    out.push(`| ${r.series} | ${r.h} | ${r.m} | ${f3(r.levelRatio)} | ${f3(r.sdiffRatio)} | ${r.levelValidationMae.toPrecision(4)} | ${r.sdiffValidationMae.toPrecision(4)} | ${r.pick} | ${f3(picked(r))} | ${r.sdiffSeconds.toFixed(1)} s, ${r.sdiffEpochs} ep (${r.sdiffStoppedBy}) |`);
  }
  if (rows.length === 0) return out.join('\n');
  const geo = (xs: number[]) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
  const wins = (xs: number[]) => `${xs.filter((x) => x < 1).length}/${xs.length}`;
  const level = rows.map((r) => r.levelRatio), sdiff = rows.map((r) => r.sdiffRatio), chosen = rows.map(picked);
  out.push('', '| variant | geo-mean test MAE / seasonal-naive MAE | beats seasonal naive | better than the other |', '|---|---|---|---|');
  out.push(`| level (auto today) | ${f3(geo(level))} | ${wins(level)} | ${rows.filter((r) => r.levelRatio < r.sdiffRatio).length}/${rows.length} |`);
  out.push(`| seasonal difference always | ${f3(geo(sdiff))} | ${wins(sdiff)} | ${rows.filter((r) => r.sdiffRatio < r.levelRatio).length}/${rows.length} |`);
  out.push(`| pick by validation MAE | ${f3(geo(chosen))} | ${wins(chosen)} | picked the better one on ${rows.filter((r) => picked(r) === Math.min(r.levelRatio, r.sdiffRatio)).length}/${rows.length} |`);
  return out.join('\n');
}
