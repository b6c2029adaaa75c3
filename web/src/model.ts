// Entry of model.html?id=ID: the results of one model — chart, accuracy against the
// baselines, intervals and lag, downloads, forecasting again from new data, deletion; for
// one series of a global training, a picker of the training's other series.
import { deleteResource, errorMessage, getJson } from './lib/api.ts';
import type { Leaderboard, ModelDetail } from './lib/api-types.ts';
import { byId, el, queryParam, replaceChildren, showStatus } from './lib/dom.ts';
import { attachForecastAgain } from './lib/forecast-again.ts';
import { dateTime, duration } from './lib/format.ts';
import { otherWarnings, renderCoverage, renderMetricsTable, renderSkill } from './lib/metrics-table.ts';
import { renderWarnings } from './lib/dataset-report.ts';
import { chartSummary } from './lib/chart-summary.ts';
import { fetchModelChart, showModelChart } from './lib/model-chart.ts';
import { attachGlobalSeriesPicker } from './lib/global-series-picker.ts';
import { modelTitle } from './lib/model-title.ts';
import { scrollBox } from './lib/scroll-box.ts';
import { valueDecimals } from './lib/value-precision.ts';

const pageStatus = byId('page-status');

function describeModel(detail: ModelDetail): string {
  const { config, training, createdAt, kept } = detail.model;
  return [
    `kept by validation: ${kept.description}`,
    `target ${config.target}${config.features.length ? ` with ${config.features.join(', ')}` : ''}`,
    `horizon ${config.horizonSteps}`,
    ...(config.futureFeatures?.length
      ? [
          `known in the future: ${config.futureFeatures.join(', ')} (a new CSV gives their next ${config.horizonSteps} values as rows after the last ${config.target} value, ${config.target} left empty)`,
        ]
      : []),
    ...(training && kept.kind === 'rnn'
      ? [`best epoch ${training.bestEpoch} of ${training.history.length}, stopped by ${training.stoppedBy}`]
      : []),
    // One duration, the run's own (the runs list and the training page show the same); a
    // model saved outside the queue has only its network's training time.
    ...(detail.model.runWallMs !== null
      ? [`fitted in ${duration(detail.model.runWallMs)}`]
      : training
        ? [`network trained in ${duration(training.elapsedMs)}`]
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
    ...['candidate', 'score', 'sMAPE %', 'MASE', 'fit s'].map((h) => el('th', { scope: 'col' }, h)),
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
    // Long candidate names: the table scrolls inside its own box on a phone, not the page.
    scrollBox(
      'Candidates on validation',
      el(
        'table',
        { class: 'data leaderboard', id: 'leaderboard-table' },
        el('thead', {}, head),
        el('tbody', {}, ...rows),
      ),
    ),
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
  // Named as the models list names it: dataset, series, target, forecaster.
  const title = modelTitle({ ...model, target: model.config.target, kept: model.keptShort });
  document.title = `${title} · Recurrent`;
  byId('model-title').textContent = title;
  byId('model-summary').textContent = describeModel(detail);
  replaceChildren(byId('leaderboard'), renderLeaderboard(model.leaderboard));

  byId<HTMLAnchorElement>('download-forecast').href = `/api/models/${id}/forecast.csv`;
  byId<HTMLAnchorElement>('download-model').href = `/api/models/${id}/file`;
  byId('delete-model').addEventListener('click', async () => {
    if (!confirm(`Delete the model ${title}? Its file and scores are removed.`)) return;
    try {
      await deleteResource(`/api/models/${id}`);
      location.assign('/runs.html');
    } catch (err) {
      showStatus(pageStatus, errorMessage(err), 'error');
    }
  });
  let decimals: number | null = null; // read from the chart's actuals once they arrive
  attachForecastAgain(id, {
    form: byId<HTMLFormElement>('forecast-form'),
    input: byId<HTMLInputElement>('forecast-file'),
    status: byId('forecast-status'),
    rows: byId('forecast-rows'),
    decimals: () => decimals,
  });

  const global = await attachGlobalSeriesPicker(byId('global-series'), id);
  if (evaluation) {
    replaceChildren(byId('skill'), renderSkill(evaluation, model.leaderboard));
    replaceChildren(byId('metrics'), renderMetricsTable(evaluation, `this model (${model.kept.name})`));
    replaceChildren(byId('coverage'), renderCoverage(evaluation));
    const warnings = otherWarnings(evaluation);
    if (warnings.length > 0) byId('eval-warnings').replaceWith(renderWarnings(warnings, 'eval-warnings'));
  } else {
    replaceChildren(
      byId('metrics'),
      el(
        'p',
        { class: 'hint' },
        global?.scoredOn === 'validation'
          ? 'A global model holds no test split out: this series’ score is on its validation values, in the table of candidates above.'
          : 'This model has no evaluation (the test split was too short to score it).',
      ),
    );
  }

  const info = el('p', { class: 'hint', id: 'chart-info' });
  byId('model-chart').closest('figure')?.after(info);
  const overview = await chartData;
  decimals = valueDecimals(overview.fitted.actual.values);
  // The chart's text alternative: its caption names what it shows, the last actual and where
  // the forecast goes; the figure takes its accessible name from it.
  byId('model-chart-summary').textContent = chartSummary({
    target: model.config.target,
    actual: overview.fitted.actual,
    forecast: overview.forecast,
    decimals,
  });
  const chart = await showModelChart(byId('model-chart'), id, chartData, {
    horizonSteps: model.config.horizonSteps,
    target: model.config.target,
    decimals,
    onInfo: (t) => {
      info.textContent = t;
    },
  });
  const toggle = byId<HTMLInputElement>('naive-toggle');
  toggle.addEventListener('change', () => void chart.setNaive(toggle.checked));
  byId('zoom-recent').addEventListener('click', () => void chart.zoomRecent());
  byId('zoom-test').addEventListener('click', () => void chart.zoomTest());
  byId('zoom-all').addEventListener('click', () => void chart.zoomAll());
}

main().catch((err: unknown) => showStatus(pageStatus, errorMessage(err), 'error'));
