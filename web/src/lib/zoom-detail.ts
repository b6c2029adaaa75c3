// Detail on zoom (docs/lessons.md #15): the server sends ~5,000 points for the whole series; when a
// person zooms, the visible range is fetched at full detail and spliced into the overview,
// so panning and the range slider still see the whole series.

export type TimeRange = [from: number, to: number];

/** A Plotly date-axis value (epoch ms, or "2012-03-04 12:00:00.5" meaning UTC) as epoch ms. */
export function axisTime(value: unknown): number {
  if (typeof value === 'number') return value;
  const text = String(value).trim().replace(' ', 'T');
  const withZone = /[zZ]|[+-]\d\d:?\d\d$/.test(text)
    ? text
    : `${text}${text.length <= 10 ? 'T00:00:00' : ''}Z`;
  return Date.parse(withZone);
}

/** The x range a plotly_relayout event asks for: a range, 'reset' (autorange), or null (not an x change). */
export function relayoutRange(update: Record<string, unknown>): TimeRange | 'reset' | null {
  if (update['xaxis.autorange'] === true) return 'reset';
  const pair = Array.isArray(update['xaxis.range'])
    ? (update['xaxis.range'] as unknown[])
    : [update['xaxis.range[0]'], update['xaxis.range[1]']];
  if (pair[0] === undefined || pair[1] === undefined) return null;
  const from = axisTime(pair[0]),
    to = axisTime(pair[1]);
  if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from) return null;
  return [Math.floor(from), Math.ceil(to)];
}

/**
 * Calls load(range) after the person stops zooming (debounced); load(null) on reset.
 * A newer zoom aborts the older request through the signal.
 */
export function onZoom(
  div: Plotly.PlotlyHTMLElement,
  load: (range: TimeRange | null, signal: AbortSignal) => Promise<void>,
  delayMs = 250,
): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | undefined;
  let last = '';
  div.on('plotly_relayout', (update) => {
    const range = relayoutRange(update);
    if (range === null) return;
    const key = range === 'reset' ? 'reset' : range.join(':');
    if (key === last) return; // our own Plotly.react can echo the range back
    last = key;
    clearTimeout(timer);
    timer = setTimeout(() => {
      controller?.abort();
      controller = new AbortController();
      load(range === 'reset' ? null : range, controller.signal).catch((err: unknown) => {
        if (!(err instanceof DOMException && err.name === 'AbortError')) console.error(err);
      });
    }, delayMs);
  });
}

/**
 * Overview points outside [from, to] plus the detail points inside it. time is sorted;
 * columns are parallel arrays (values, predictions…) aligned with time.
 */
export function spliceDetail(
  overview: { time: number[]; columns: number[][] },
  detail: { time: number[]; columns: number[][] },
  range: TimeRange,
): { time: number[]; columns: number[][] } {
  const [from, to] = range;
  const before = overview.time.findIndex((t) => t >= from);
  const head = before < 0 ? overview.time.length : before;
  let tail = overview.time.findIndex((t) => t > to);
  if (tail < 0) tail = overview.time.length;
  return {
    time: [...overview.time.slice(0, head), ...detail.time, ...overview.time.slice(tail)],
    columns: overview.columns.map((col, i) => [
      ...col.slice(0, head),
      ...(detail.columns[i] ?? []),
      ...col.slice(tail),
    ]),
  };
}

/** spliceDetail for one line: the detail of `range` in place of the overview's points there. */
export function spliceLineDetail(
  overview: { time: number[]; values: number[] },
  detail: { time: number[]; values: number[] },
  range: TimeRange,
): { time: number[]; values: number[] } {
  const { time, columns } = spliceDetail(
    { time: overview.time, columns: [overview.values] },
    { time: detail.time, columns: [detail.values] },
    range,
  );
  const [values] = columns;
  if (!values) throw new Error('spliceDetail returned no column for the one it was given');
  return { time, values };
}
