// Entry of model.html?id=ID: the results of one model — chart, accuracy against the
// baselines, intervals and lag, downloads, forecasting again from new data, deletion.
import { deleteResource, errorMessage, getJson } from './lib/api.ts';
import type { ModelDetail } from './lib/api-types.ts';
import { byId, el, queryParam, replaceChildren, showStatus } from './lib/dom.ts';
import { attachForecastAgain } from './lib/forecast-again.ts';
import { dateTime, duration } from './lib/format.ts';
import { otherWarnings, renderCoverage, renderMetricsTable, renderSkill } from './lib/metrics-table.ts';
import { renderWarnings } from './lib/dataset-report.ts';
import { fetchModelChart, showModelChart } from './lib/model-chart.ts';

const pageStatus = byId('page-status');

function describeModel(detail: ModelDetail): string {
  const { config, training, createdAt, scaling } = detail.model;
  const net = config.network;
  const others = scaling.selection?.candidates.filter((c) => c.scaler !== scaling.scaler) ?? [];
  const chosen = scaling.selection?.candidates.find((c) => c.scaler === scaling.scaler);
  return [
    `${net.cell.toUpperCase()}, ${net.layers} layer${net.layers === 1 ? '' : 's'} of ${net.hiddenSize}`,
    `target ${config.target}${config.features.length ? ` with ${config.features.join(', ')}` : ''}`,
    `window ${config.windowLength}, horizon ${config.horizonSteps} (${config.strategy})`,
    `scaling ${scaling.scaler}${chosen && others.length ? ` (validation MAE ${chosen.validationMae.toPrecision(4)}, kept over ${others.map((c) => `${c.scaler} ${c.validationMae.toPrecision(4)}`).join(', ')})` : ''}`,
    `best epoch ${training.bestEpoch} of ${training.history.length}, stopped by ${training.stoppedBy}, ${duration(training.elapsedMs)}`,
    `created ${dateTime(createdAt)}`,
  ].join(' · ');
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
    replaceChildren(
      byId('metrics'),
      renderMetricsTable(evaluation, `this model (${model.config.network.cell})`),
    );
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
