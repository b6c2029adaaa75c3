// The danfo describe() table of the numeric columns (GET …/summary): one row per
// column, one column per statistic, numbers right-aligned.
import type { Summary } from './api-types.ts';
import { el, table } from './dom.ts';
import { scrollBox } from './scroll-box.ts';
import { metric } from './format.ts';

const STATS = ['count', 'mean', 'std', 'min', 'median', 'max', 'variance'] as const;

export function renderSummary(summary: Pick<Summary, 'describe'>): HTMLElement {
  const columns = Object.keys(summary.describe);
  if (columns.length === 0) return el('p', { class: 'hint' }, 'No numeric columns to summarise.');
  const rows = columns.map((name) => [
    name,
    ...STATS.map((s) => metric(summary.describe[name]?.[s] ?? null)),
  ]);
  const t = table(['column', ...STATS], rows);
  t.id = 'summary-table';
  for (const tr of t.rows) for (let c = 1; c < tr.cells.length; c++) tr.cells[c]?.classList.add('num');
  return scrollBox('Summary statistics', t);
}
