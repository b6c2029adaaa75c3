// One cleaned series as the TimeSeries the rest of the pipeline reads, and its line of the
// validation report; what cleaning noticed about it (irregular steps, gaps, rows at the end
// without a target) goes to the warnings.
import { formatTime } from './calendar.ts';
import type { CleanedSeries } from './clean.ts';
import type { ResolvedColumns } from './columns.ts';
import { inferFrequency } from './frequency.ts';
import type { SeriesReport, TimeSeries } from './types.ts';

export function summariseSeries(
  clean: CleanedSeries,
  resolved: ResolvedColumns,
  warnings: string[],
): { report: SeriesReport; timeSeries: TimeSeries } {
  const { frequency, gaps, calendarGaps, irregularSteps } = inferFrequency(clean.time);
  const name = clean.id === '' ? 'the series' : `series "${clean.id}"`;
  const steps = clean.time.length - 1;
  if (irregularSteps > 0) {
    warnings.push(`${name}: ${irregularSteps} of ${steps} steps do not fit its ${frequency.label} frequency`);
  }
  if (gaps.length > 0) {
    const absent = gaps.reduce((total, g) => total + g.missingSteps, 0);
    warnings.push(
      `${name}: ${gaps.length} gaps (${absent} absent ${frequency.label} periods) are left as they are, not filled`,
    );
  }
  if (clean.trailingWithoutTarget > 0) {
    const rows = clean.trailingWithoutTarget;
    // Likely future rows of a known-future column, read as history by mistake.
    warnings.push(
      `${name}: the last ${rows === 1 ? 'row has' : `${rows} rows have`} no ${resolved.values[0]!.name} value, so the missing-value policy treated ${rows === 1 ? 'it' : 'them'} as history; if ${rows === 1 ? 'it gives' : 'they give'} future values of known-future columns, name those columns (CLI: --future <columns>)`,
    );
  }
  const [target, ...features] = clean.columns;
  const timeSeries: TimeSeries = {
    id: clean.id,
    time: clean.time,
    target: resolved.values[0]!.name,
    values: target!,
    features: features.map((values, i) => ({ name: resolved.values[i + 1]!.name, values })),
    frequency,
    ...(clean.future === null ? {} : { future: clean.future }),
  };
  const report: SeriesReport = {
    id: clean.id,
    rowsRead: clean.rowsRead,
    rowsUsed: clean.time.length,
    start: formatTime(clean.time[0]!),
    end: formatTime(clean.time[clean.time.length - 1]!),
    frequency,
    gaps,
    calendarGaps,
    irregularSteps,
    duplicates: clean.duplicates,
    outOfOrder: clean.outOfOrder,
    nonFinite: clean.nonFinite,
    missing: clean.missing,
  };
  return { report, timeSeries };
}
