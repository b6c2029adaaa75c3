// The preview line chart of one dataset column. The overview is the server's ~5,000-point
// downsample; zooming fetches that range at full detail and splices it in (docs/lessons.md #15).
import { getJson } from './api.ts';
import type { Points } from './api-types.ts';
import { actualColour, baseLayout, CHART_CONFIG, markRender, plotlyText } from './chart-base.ts';
import { onZoom, spliceLineDetail } from './zoom-detail.ts';
import type { TimeRange } from './zoom-detail.ts';

export interface SeriesChartSource {
  datasetId: number;
  series: string;
}

export interface SeriesChart {
  /** Draws a column (overview), resetting the zoom. */
  show(column: string): Promise<Points>;
  destroy(): void;
}

export function createSeriesChart(
  div: HTMLElement,
  source: SeriesChartSource,
  onInfo: (text: string) => void,
): SeriesChart {
  let column = '';
  let overview: Points | null = null;
  let plotted: Plotly.PlotlyHTMLElement | null = null;

  const fetchPoints = (range: TimeRange | null, signal?: AbortSignal) =>
    getJson<Points>(
      `/api/datasets/${source.datasetId}/points`,
      {
        column,
        series: source.series,
        from: range?.[0],
        to: range?.[1],
        points: 5000,
      },
      signal,
    );

  const draw = (time: number[], values: number[]) => {
    const trace: Plotly.Trace = {
      type: 'scatter',
      mode: 'lines',
      name: plotlyText(column),
      x: time,
      y: values,
      line: { color: actualColour(), width: 1.3 },
      hovertemplate: '%{y}<extra></extra>',
    };
    const layout = baseLayout({
      xaxis: { type: 'date', rangeslider: { visible: true, thickness: 0.08 } },
      yaxis: { title: { text: plotlyText(column) } },
      showlegend: false,
      uirevision: column, // a new column resets the zoom; a detail update keeps it
    });
    return plotted
      ? Plotly.react(div, [trace], layout, CHART_CONFIG)
      : markRender('preview-chart', () => Plotly.newPlot(div, [trace], layout, CHART_CONFIG));
  };

  const describe = (p: Points, shown: number, zoomed: boolean) =>
    zoomed
      ? `${shown.toLocaleString('en-US')} points in the zoomed range${p.downsampled ? ' (downsampled; zoom further for full detail)' : ' (full detail)'}. Double-click the chart to zoom out.`
      : `${shown.toLocaleString('en-US')} of ${p.total.toLocaleString('en-US')} points shown${p.downsampled ? ' (downsampled; zoom for full detail)' : ''}.`;

  async function loadDetail(range: TimeRange | null, signal: AbortSignal): Promise<void> {
    if (!overview) return;
    if (range === null) {
      await draw(overview.time, overview.values);
      onInfo(describe(overview, overview.time.length, false));
      return;
    }
    const detail = await fetchPoints(range, signal);
    const merged = spliceLineDetail(overview, detail, range);
    await draw(merged.time, merged.values);
    onInfo(describe(detail, detail.time.length, true));
  }

  return {
    async show(name: string): Promise<Points> {
      column = name;
      overview = await fetchPoints(null);
      const first = plotted === null;
      plotted = await draw(overview.time, overview.values);
      if (first) onZoom(plotted, loadDetail);
      onInfo(describe(overview, overview.time.length, false));
      return overview;
    },
    destroy() {
      if (plotted) Plotly.purge(div);
      plotted = null;
    },
  };
}
