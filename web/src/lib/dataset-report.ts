// The validation report of a dataset as a person reads it: columns with inferred types
// and roles, the frequency, gaps and missing values per series, and the warnings.
import type { Dataset, Gap, SeriesReport, ValidationReport } from './api-types.ts';
import { el, table } from './dom.ts';
import { scrollBox } from './scroll-box.ts';
import { dateTime, integer } from './format.ts';

const GAPS_SHOWN = 8;

export function renderColumns(report: ValidationReport): HTMLElement {
  const rows = report.columns.map((c) => [c.name, c.type, c.role ?? '', integer(c.missing)]);
  const t = table(['column', 'type', 'role', 'missing cells'], rows);
  t.id = 'columns-table';
  return scrollBox('Columns of the dataset', t);
}

export function renderFacts(dataset: Dataset, report: ValidationReport): HTMLElement {
  const facts: [string, string][] = [
    ['rows', `${integer(report.rowsUsed)} used of ${integer(report.rowsRead)} read`],
    ['time column', `${report.time.column} (${report.time.format})`],
    ['frequency', report.frequency?.label ?? dataset.frequency ?? 'differs between series'],
    ['series', report.series.length > 1 ? `${report.series.length}, by ${report.id ?? 'id'}` : 'one'],
  ];
  if (report.sheet !== undefined) facts.unshift(['sheet', report.sheet]);
  if (report.duplicates) facts.push(['duplicate timestamps', integer(report.duplicates)]);
  if (report.missingFilled) facts.push(['missing values filled', integer(report.missingFilled)]);
  return el('dl', { class: 'facts' }, ...facts.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

function gapText(gaps: Gap[]): string {
  if (gaps.length === 0) return 'none';
  const steps = gaps.reduce((s, g) => s + g.missingSteps, 0);
  return `${integer(gaps.length)} (${integer(steps)} periods)`;
}

function missingText(s: SeriesReport): string {
  const parts = s.missing
    .filter((m) => m.missing > 0)
    .map(
      (m) =>
        `${m.column}: ${integer(m.missing)} (${m.policy}${m.filled ? `, ${integer(m.filled)} filled` : ''}${m.dropped ? `, ${integer(m.dropped)} rows dropped` : ''})`,
    );
  return parts.length ? parts.join('; ') : 'none';
}

export function renderSeriesTable(report: ValidationReport): HTMLElement {
  const rows = report.series.map((s) => [
    s.id === '' ? '(single series)' : s.id,
    integer(s.rowsUsed),
    dateTime(s.start),
    dateTime(s.end),
    s.frequency?.label ?? '–',
    gapText(s.gaps),
    s.calendarGaps.length ? `${integer(s.calendarGaps.length)} market holidays` : '–',
    missingText(s),
  ]);
  const t = table(
    ['series', 'rows', 'start', 'end', 'frequency', 'gaps', 'calendar gaps', 'missing values'],
    rows,
  );
  t.id = 'series-table';
  return scrollBox('Series in the dataset', t);
}

/** The first gaps of every series, so a person can find them in their file. */
export function renderGapList(report: ValidationReport): HTMLElement | null {
  const items = report.series.flatMap((s) =>
    s.gaps
      .slice(0, GAPS_SHOWN)
      .map((g) =>
        el(
          'li',
          {},
          `${s.id ? `${s.id}: ` : ''}${integer(g.missingSteps)} period${g.missingSteps === 1 ? '' : 's'} missing between ${dateTime(g.after)} and ${dateTime(g.before)}`,
        ),
      ),
  );
  if (items.length === 0) return null;
  const total = report.series.reduce((n, s) => n + s.gaps.length, 0);
  return el(
    'div',
    {},
    el('h3', {}, 'Gaps (not filled, only reported)'),
    el('ul', {}, ...items),
    total > items.length ? el('p', { class: 'hint' }, `…and ${integer(total - items.length)} more.`) : null,
  );
}

export function renderWarnings(warnings: string[], id = 'warnings'): HTMLElement {
  if (warnings.length === 0) return el('p', { id, class: 'hint' }, 'No warnings.');
  return el('ul', { id, class: 'warnings' }, ...warnings.map((w) => el('li', {}, w)));
}

/** Choices made for the person with nothing wrong (the target, a proposed id): information, not warnings. */
export function renderNotes(notes: string[], id = 'notes'): HTMLElement | null {
  if (notes.length === 0) return null;
  return el(
    'div',
    {},
    el('h3', {}, 'Notes'),
    el('ul', { id, class: 'notes hint' }, ...notes.map((n) => el('li', {}, n))),
  );
}
