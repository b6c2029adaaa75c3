// `recurrent inspect <csv>`: the validation report, the inferred frequency and a danfo
// describe() of every numeric column, before anything is trained.
import type { Command } from 'commander';
import { describeSeries, ingestCsv } from '../../forecaster.ts';
import type { ValidationReport } from '../../forecaster.ts';
import { num, table } from '../format.ts';
import { addSeriesOptions } from '../model-options.ts';
import { ingestOptionsFromFlags } from '../load-series.ts';
import type { SeriesFlags } from '../load-series.ts';

export function registerInspect(program: Command): void {
  addSeriesOptions(
    program
      .command('inspect <csv>')
      .description('validate a CSV or .xlsx: columns, types, frequency, gaps, missing values and a summary'),
  )
    .option('--json', 'machine-readable output')
    .action(async (csv: string, flags: SeriesFlags & { json?: boolean }) => {
      const { series, report } = await ingestCsv(csv, ingestOptionsFromFlags(flags));
      const summaries = await Promise.all(
        series.map(async (s) => ({ id: s.id, describe: await describeSeries(s) })),
      );
      if (flags.json) {
        console.log(JSON.stringify({ report, describe: summaries }, null, 2));
        return;
      }
      console.log(describeReport(report));
      for (const { id, describe } of summaries) {
        const columns = Object.keys(describe);
        const stats = Object.keys(Object.values(describe)[0] ?? {});
        console.log(`\nsummary${id ? ` of ${id}` : ''} (danfo describe)`);
        console.log(
          table(
            ['stat', ...columns],
            stats.map((stat) => [stat, ...columns.map((c) => num(describe[c]?.[stat] ?? Number.NaN))]),
          ),
        );
      }
    });
}

export function describeReport(r: ValidationReport): string {
  const lines = [
    r.sheet === undefined
      ? `file: ${r.file}  (delimiter ${JSON.stringify(r.delimiter)})`
      : `file: ${r.file}  (sheet ${r.sheet}${(r.sheets?.length ?? 0) > 1 ? ` of ${r.sheets?.join(', ')}; choose with --sheet` : ''})`,
    `rows: ${r.rowsRead} read, ${r.rowsUsed} used`,
    `time: ${r.time.column} (${r.time.format}); frequency: ${r.frequency?.label ?? 'differs by series'}`,
    `target: ${r.target}${r.features.length ? `; features: ${r.features.join(', ')}` : ''}${r.id ? `; series by ${r.id}` : ''}`,
    table(
      ['column', 'type', 'role', 'missing'],
      r.columns.map((c) => [c.name, c.type, c.role ?? '', String(c.missing)]),
    ),
    table(
      ['series', 'rows', 'start', 'end', 'frequency', 'gaps', 'holidays', 'filled'],
      r.series.map((s) => [
        s.id || '(single)',
        String(s.rowsUsed),
        s.start,
        s.end,
        s.frequency.label,
        String(s.gaps.length),
        String(s.calendarGaps.length),
        String(s.missing.reduce((t, m) => t + m.filled, 0)),
      ]),
    ),
    `duplicates: ${r.duplicates}, out of order: ${r.outOfOrder}, non-finite: ${r.nonFinite}, missing filled (${r.policies.missing}): ${r.missingFilled}`,
    ...(r.notes ?? []).map((n) => `note: ${n}`),
    ...r.warnings.map((w) => `warning: ${w}`),
  ];
  return lines.join('\n');
}
