// Entry of compare.html?ids=3,5: two to five models of one series side by side — their
// forecasts over the same recent history on one chart, their test-split metrics in one
// table, and each model's forecast CSV. A selection across series is refused with why.
import { errorMessage, getJson } from './lib/api.ts';
import type { ModelChart, ModelDetail, ModelListItem, ModelListResponse } from './lib/api-types.ts';
import { showCompareChart } from './lib/compare-chart.ts';
import { renderCompareMetrics } from './lib/compare-metrics.ts';
import { MOST_COMPARED, compareProblem, seriesLabel } from './lib/compare-selection.ts';
import { byId, queryParam, showStatus } from './lib/dom.ts';
import { valueDecimals } from './lib/value-precision.ts';

const status = byId('compare-status');
/**
 * History shown before the forecasts, in horizons, and at least: enough to judge the level
 * and the recent swing by, yet little enough that the forecasts are not a sliver at the edge.
 */
const HISTORY_HORIZONS = 5;
const FEWEST_HISTORY_STEPS = 20;

/** Longest forecaster name in the legend: a phone's legend does not wrap; caption and table keep it whole. */
const LEGEND_NAME_LENGTH = 28;
const shortened = (name: string) =>
  name.length > LEGEND_NAME_LENGTH ? `${name.slice(0, LEGEND_NAME_LENGTH - 1)}…` : name;

/** The ids of ?ids=3,5, or why they are not usable. */
function requestedIds(): number[] | string {
  const text = queryParam('ids') ?? '';
  const parts = text.split(',').filter((p) => p.trim() !== '');
  const ids = parts.map(Number);
  if (parts.length === 0) return 'No models to compare: select 2–5 models of one series on Models & runs.';
  if (ids.some((id) => !Number.isInteger(id) || id < 1))
    return `ids must be model numbers separated by commas, e.g. ?ids=3,5; got "${text}".`;
  if (new Set(ids).size !== ids.length) return `Each model can be compared once; ?ids=${text} repeats one.`;
  if (ids.length > MOST_COMPARED)
    return `Compare at most ${MOST_COMPARED} models at a time (${ids.length} given).`;
  return ids;
}

/** The recent history, at full detail: the steps before the forecast, read from the first model's chart. */
async function recentHistory(
  id: number,
  chart: ModelChart,
  horizonSteps: number,
): Promise<{ time: number[]; values: number[] }> {
  const actual = chart.fitted.actual;
  const last = actual.time[actual.time.length - 1];
  const first = chart.forecast.time[0];
  if (last === undefined || first === undefined) return actual;
  const step = first - last;
  const from = last - Math.max(FEWEST_HISTORY_STEPS, HISTORY_HORIZONS * horizonSteps) * step;
  const recent = await getJson<ModelChart>(`/api/models/${id}/chart`, { from, points: 2000 });
  return recent.fitted.actual;
}

async function show(): Promise<void> {
  const ids = requestedIds();
  if (typeof ids === 'string') {
    showStatus(status, ids, 'error');
    return;
  }
  const { models: all } = await getJson<ModelListResponse>('/api/models');
  const missing = ids.filter((id) => !all.some((m) => m.id === id));
  if (missing.length > 0) {
    showStatus(
      status,
      `No model ${missing.join(', ')}: it may have been deleted. Go back to Models & runs and select again.`,
      'error',
    );
    return;
  }
  const models = ids
    .map((id) => all.find((m) => m.id === id))
    .filter((m): m is ModelListItem => m !== undefined);
  const problem = compareProblem(models);
  if (problem !== null) {
    showStatus(status, problem, 'error');
    return;
  }
  const [first] = models;
  if (!first) return;
  const seriesName = seriesLabel(first);
  byId('compare-title').textContent = `Compare models: ${seriesName}`;
  byId('compare-subtitle').textContent =
    `${models.length} models of ${seriesName}, forecasting from the same history.`;
  document.title = `Compare models: ${seriesName} · Recurrent`;
  showStatus(status, 'Loading the forecasts…');

  const [details, charts] = await Promise.all([
    Promise.all(models.map((m) => getJson<ModelDetail>(`/api/models/${m.id}`))),
    Promise.all(models.map((m) => getJson<ModelChart>(`/api/models/${m.id}/chart`, { points: 200 }))),
  ]);
  const [firstChart] = charts;
  if (!firstChart) return;
  const longest = Math.max(...models.map((m) => m.horizonSteps));
  const history = await recentHistory(first.id, firstChart, longest);
  const decimals = valueDecimals(history.values);
  const labels = models.map((m) => `${m.kept} (model ${m.id})`);
  const legends = models.map((m) => `${shortened(m.kept)} (model ${m.id})`);

  byId('compare-chart-card').hidden = false;
  byId('compare-metrics-card').hidden = false;
  byId('compare-metrics').replaceChildren(renderCompareMetrics(models, details, labels));
  await showCompareChart(byId('compare-chart'), byId('compare-chart-summary'), {
    seriesName,
    history,
    models: charts.map((chart, i) => ({
      label: labels[i] ?? `model ${i + 1}`,
      legend: legends[i] ?? `model ${i + 1}`,
      forecast: chart.forecast,
    })),
    decimals,
  });
  showStatus(status, '');
}

show().catch((err) => showStatus(status, errorMessage(err), 'error'));
