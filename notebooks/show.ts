// What the notebooks show, as tslab display outputs: Plotly charts and HTML tables.
// plotly.js is inlined once per notebook from node_modules (there is no CDN to reach, and
// a chart must render offline); each chart then waits for window.Plotly and draws itself.
// Compiled by tslab (TypeScript 5.0, CommonJS), not by the project's tsc.
import * as tslab from 'tslab';
import { readFileSync } from 'fs';
import { randomUUID } from 'crypto';
import { createRequire } from 'module';
import { join } from 'path';
import type { DataFrame } from 'danfojs-node';

const projectRequire = createRequire(join(process.cwd(), 'notebook.js'));

/** Puts plotly.js into the page once; every later chart of the notebook uses it. */
export function loadPlotly(): void {
  const file = projectRequire.resolve('plotly.js-dist-min/plotly.min.js');
  const { version } = projectRequire('plotly.js-dist-min/package.json') as { version: string };
  const source = readFileSync(file, 'utf8');
  if (/<\/script/i.test(source)) throw new Error(`${file} contains "</script" and cannot be inlined`);
  tslab.display.html(`<script type="text/javascript">${source}</script>\n<p><small>plotly.js ${version}, inlined once for this notebook's charts.</small></p>`);
}

export interface Trace {
  [key: string]: unknown;
}

/** Draws a Plotly figure. Typed arrays become plain arrays; times in epoch ms need `xaxis: { type: 'date' }`. */
export function plot(traces: Trace[], layout: Record<string, unknown> = {}, height = 380): void {
  const id = `recurrent-plot-${randomUUID()}`;
  const figure = {
    data: traces,
    layout: { height, margin: { l: 60, r: 20, t: 50, b: 50 }, legend: { orientation: 'h' }, ...layout },
  };
  const json = JSON.stringify(figure, (_key, value: unknown) => (ArrayBuffer.isView(value) ? Array.from(value as unknown as ArrayLike<number>) : value))
    .replace(/</g, '\\u003c');
  tslab.display.html(`<div id="${id}" style="width:100%;height:${height}px"></div>
<script type="text/javascript">
(function draw(tries) {
  var el = document.getElementById(${JSON.stringify(id)});
  if (window.Plotly && el) { var f = ${json}; window.Plotly.newPlot(el, f.data, f.layout, { responsive: true }); }
  else if (tries < 400) setTimeout(function () { draw(tries + 1); }, 50);
})(0);
</script>`);
}

/** A number as a person reads it: integers whole, others to `digits` significant figures. */
export function fmt(value: unknown, digits = 4): string {
  if (typeof value !== 'number') return value === null || value === undefined ? '' : String(value);
  if (!Number.isFinite(value) || Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(digits)));
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Rows of objects as an HTML table; the columns are the keys of the first row unless given. */
export function table(rows: Record<string, unknown>[], caption = '', columns?: string[], digits = 4): void {
  const names = columns ?? Object.keys(rows[0] ?? {});
  const head = names.map((n) => `<th>${escapeHtml(n)}</th>`).join('');
  const body = rows.map((row) => `<tr>${names.map((n) => `<td>${escapeHtml(fmt(row[n], digits))}</td>`).join('')}</tr>`).join('\n');
  const cap = caption === '' ? '' : `<caption style="caption-side:top;text-align:left"><b>${escapeHtml(caption)}</b></caption>`;
  tslab.display.html(`<table>${cap}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`);
}

/** A time in epoch ms as a date (or date and time) in UTC. */
export function day(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}

/** A danfo DataFrame as an HTML table, its index in the first column; a "time" column (epoch ms) shows as dates. */
export function frame(df: DataFrame, caption = '', digits = 4): void {
  const values = df.values as unknown[][];
  const rows = df.index.map((label, r) => {
    const row: Record<string, unknown> = { '': label };
    df.columns.forEach((name, c) => {
      const v = values[r]![c];
      row[name] = name === 'time' && typeof v === 'number' ? day(v) : v;
    });
    return row;
  });
  table(rows, caption, ['', ...df.columns], digits);
}

/** Fails the cell (and so `npm run notebooks`) when a claim the notebook makes stops holding. */
export function check(condition: boolean, claim: string): void {
  if (!condition) throw new Error(`notebook claim no longer holds: ${claim}`);
  tslab.display.text(`✓ ${claim}`);
}
