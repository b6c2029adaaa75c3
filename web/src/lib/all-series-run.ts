// "Forecast all series" as it runs: one training per series, followed together, with the
// ranked table redrawn until every one has ended.
import { getJson } from './api.ts';
import type { ModelListResponse, RunsResponse } from './api-types.ts';
import { renderAllSeriesTable } from './all-series-table.ts';
import type { SeriesOutcome } from './all-series-table.ts';
import { byId, showStatus } from './dom.ts';

/** How often the all-series table asks the server for news. */
const ALL_SERIES_POLL_MS = 1500;
const ENDED = ['succeeded', 'failed', 'cancelled'];

/**
 * Follows the trainings by polling the run list (one request however many series, where an
 * event stream each would soon exhaust the browser's connections to one server), and
 * redraws the ranked table until every one has ended.
 */
export async function followAllSeries(ids: number[]): Promise<void> {
  const section = byId('all-series');
  const status = byId('all-series-status');
  const bar = byId<HTMLProgressElement>('all-series-bar');
  const container = byId('all-series-table');
  section.hidden = false;
  section.dataset.state = 'running';
  const metrics = new Map<number, { mase: number | null; skillVsNaive: number | null }>();
  for (;;) {
    const { runs } = await getJson<RunsResponse>('/api/runs');
    const mine = ids.flatMap((id) => runs.filter((r) => r.id === id));
    if (mine.some((r) => r.modelId !== null && !metrics.has(r.modelId))) {
      const { models } = await getJson<ModelListResponse>('/api/models');
      for (const m of models)
        metrics.set(m.id, { mase: m.metrics?.mase ?? null, skillVsNaive: m.metrics?.skillVsNaive ?? null });
    }
    const outcomes: SeriesOutcome[] = mine.map((r) => {
      const scores = r.modelId === null ? undefined : metrics.get(r.modelId);
      return {
        series: r.series ?? '',
        trainingId: r.id,
        status: r.status,
        modelId: r.modelId,
        mase: scores?.mase ?? null,
        skillVsNaive: scores?.skillVsNaive ?? null,
        error: r.error,
      };
    });
    renderAllSeriesTable(container, outcomes);
    const ended = mine.filter((r) => ENDED.includes(r.status)).length;
    bar.max = ids.length;
    bar.value = ended;
    if (ended === ids.length) {
      const failed = mine.filter((r) => r.status === 'failed').length;
      showStatus(
        status,
        `All ${ids.length} series trained${failed > 0 ? `, ${failed} failed` : ''}: best first.`,
        failed > 0 ? 'error' : 'ok',
      );
      section.dataset.state = 'done'; // tests wait for this
      return;
    }
    showStatus(status, `${ended} of ${ids.length} series trained; the table ranks them as they finish.`);
    await new Promise((r) => setTimeout(r, ALL_SERIES_POLL_MS));
  }
}
