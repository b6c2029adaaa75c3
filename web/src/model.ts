// Entry of model.html?id=ID: the results of one model — chart, accuracy against the
// baselines, intervals and lag, downloads, forecasting again from new data, deletion.
import { deleteResource, errorMessage, getJson } from './lib/api.ts';
import type { Leaderboard, ModelDetail } from './lib/api-types.ts';
import { byId, el, queryParam, replaceChildren, showStatus } from './lib/dom.ts';
import { attachForecastAgain } from './lib/forecast-again.ts';
import { dateTime, duration } from './lib/format.ts';
import { otherWarnings, renderCoverage, renderMetricsTable, renderSkill } from './lib/metrics-table.ts';
import { renderWarnings } from './lib/dataset-report.ts';
import { fetchModelChart, showModelChart } from './lib/model-chart.ts';

const pageStatus = byId('page-status');

function describeModel(detail: ModelDetail): string {
  const { config, training, createdAt, kept } = detail.model;
  return [
    `kept by validation: ${kept.description}`,
    `target ${config.target}${config.features.length ? ` with ${config.features.join(', ')}` : ''}`,
    `horizon ${config.horizonSteps}`,
    ...(training && kept.kind === 'rnn'
      ? [
          `best epoch ${training.bestEpoch} of ${training.history.length}, stopped by ${training.stoppedBy}, ${duration(training.elapsedMs)}`,
        ]
      : []),
    `created ${dateTime(createdAt)}`,
  ].join(' · ');
}

/** The leaderboard: every candidate's validation score, the kept one marked. */
function renderLeaderboard(board: Leaderboard): HTMLElement {
  const fixed = (v: number | null, digits: number) => (v === null ? '–' : v.toFixed(digits));
  const head = el(
    'tr',
    {},
    ...['candidate', 'score', 'sMAPE %', 'MASE', 'fit s'].map((h) => el('th', {}, h)),
  );
  const rows = board.entries.map((e) =>
    el(
      'tr',
      e.kept ? { class: 'kept' } : {},
      el('td', {}, e.kept ? `${e.name} (kept)` : e.name),
      el('td', {}, fixed(e.score, 3)),
      el('td', {}, fixed(e.smape, 2)),
      el('td', {}, fixed(e.mase, 3)),
      el('td', {}, e.fitSeconds.toFixed(2)),
    ),
  );
  const note = el(
    'p',
    { class: 'note' },
    `${board.origins} validation origins; score: ${board.metric}.${board.failed.length ? ` Failed: ${board.failed.map((f) => `${f.name} (${f.reason})`).join('; ')}.` : ''}`,
  );
  return el(
    'div',
    {},
    el('table', { class: 'metrics' }, el('thead', {}, head), el('tbody', {}, ...rows)),
    note,
  );
}

async function main(): Promise<void> {
  const id = Number(queryParam('id'));
  if (!Number.isInteger(id) || id <= 0) {
    showStatus(pageStatus, 'No model chosen: open one from Models & runs.', 'error');
    return;
  }
  const chartData = fetchModelChart(id); // in parallel with the model: the chart is the slow one
  chartData.catch(() => undefined); // reported where it is awaited
  const detail = await getJson<ModelDetail>(`/api/models/${id}`);
  const { model, evaluation } = detail;
  document.title = `${model.name} · Recurrent`;
  byId('model-title').textContent = model.name;
  byId('model-summary').textContent = describeModel(detail);
  replaceChildren(byId('leaderboard'), renderLeaderboard(model.leaderboard));

  byId<HTMLAnchorElement>('download-forecast').href = `/api/models/${id}/forecast.csv`;
  byId<HTMLAnchorElement>('download-model').href = `/api/models/${id}/file`;
  byId('delete-model').addEventListener('click', async () => {
    if (!confirm(`Delete the model ${model.name}? Its file and scores are removed.`)) return;
    try {
      await deleteResource(`/api/models/${id}`);
      location.assign('/runs.html');
    } catch (err) {
      showStatus(pageStatus, errorMessage(err), 'error');
    }
  });
  attachForecastAgain(id, {
    form: byId<HTMLFormElement>('forecast-form'),
    input: byId<HTMLInputElement>('forecast-file'),
    status: byId('forecast-status'),
    rows: byId('forecast-rows'),
  });

  if (evaluation) {
    replaceChildren(byId('skill'), renderSkill(evaluation));
    replaceChildren(byId('metrics'), renderMetricsTable(evaluation, `this model (${model.kept.name})`));
    replaceChildren(byId('coverage'), renderCoverage(evaluation));
    const warnings = otherWarnings(evaluation);
    if (warnings.length > 0) byId('eval-warnings').replaceWith(renderWarnings(warnings, 'eval-warnings'));
  } else {
    replaceChildren(
      byId('metrics'),
      el('p', { class: 'hint' }, 'This model has no evaluation (the test split was too short to score it).'),
    );
  }

  const info = el('p', { class: 'hint', id: 'chart-info' });
  byId('model-chart').after(info);
  const chart = await showModelChart(
    byId('model-chart'),
    id,
    chartData,
    model.config.horizonSteps,
    model.config.target,
    (t) => {
      info.textContent = t;
    },
  );
  const toggle = byId<HTMLInputElement>('naive-toggle');
  toggle.addEventListener('change', () => void chart.setNaive(toggle.checked));
  byId('zoom-recent').addEventListener('click', () => void chart.zoomRecent());
  byId('zoom-all').addEventListener('click', () => void chart.zoomAll());
}

main().catch((err: unknown) => showStatus(pageStatus, errorMessage(err), 'error'));
