// The evaluation of a model beside its baselines (docs/lessons.md #2): MAE, RMSE, MAPE, sMAPE and
// MASE on the test split, the skill versus naive with an explicit "no skill" label, the
// lag check (docs/lessons.md #3) and how often the intervals held the actuals.
import type { Evaluation, MetricSet } from './api-types.ts';
import { el, table } from './dom.ts';
import { metric, percent } from './format.ts';

const METRICS: [keyof MetricSet, string][] = [
  ['mae', 'MAE'],
  ['rmse', 'RMSE'],
  ['mape', 'MAPE %'],
  ['smape', 'sMAPE %'],
  ['mase', 'MASE'],
];
const BASELINES: [string, string][] = [
  ['naive', 'naive (tomorrow = today)'],
  ['seasonal-naive', 'seasonal naive'],
  ['drift', 'drift'],
  ['moving-average', 'moving average'],
];

export function renderMetricsTable(evaluation: Evaluation, modelLabel: string): HTMLElement {
  const sets: [string, MetricSet | undefined][] = [
    [modelLabel, evaluation.model],
    ...BASELINES.map(([key, label]): [string, MetricSet | undefined] => [label, evaluation.baselines[key]]),
  ];
  const rows = sets.map(([label, set]) => [label, ...METRICS.map(([key]) => metric(set?.[key] ?? null))]);
  const t = table(['forecaster', ...METRICS.map(([, label]) => label)], rows);
  t.id = 'metrics-table';
  t.tBodies[0]?.rows[0]?.classList.add('model-row');
  // Mark the best (lowest) value of each metric, so a win by a baseline is plain to see.
  METRICS.forEach(([key], m) => {
    const values = sets.map(([, set]) => set?.[key] ?? null);
    const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
    if (finite.length === 0) return;
    const best = Math.min(...finite);
    values.forEach((v, r) => {
      if (v === best) t.tBodies[0]?.rows[r]?.cells[m + 1]?.append(' ★');
    });
  });
  for (const tr of t.rows) for (let c = 1; c < tr.cells.length; c++) tr.cells[c]?.classList.add('num');
  return el(
    'div',
    { class: 'table-scroll' },
    t,
    el(
      'p',
      { class: 'hint' },
      `${evaluation.origins} forecast origins in the test split, ${evaluation.horizonSteps} step${evaluation.horizonSteps === 1 ? '' : 's'} ahead each, from the model’s own predictions; season length ${evaluation.seasonLength}. ★ marks the best of each column.`,
    ),
  );
}

export function renderSkill(evaluation: Evaluation): HTMLElement {
  const skill = evaluation.skillVsNaive;
  if (!evaluation.hasSkill) {
    return el(
      'p',
      { id: 'skill-line', class: 'status', 'data-kind': 'error' },
      el('span', { class: 'badge bad' }, 'no skill'),
      ` The model does not beat the naive “tomorrow = today” forecast on the test split (skill ${percent(skill)}). Prefer the naive forecast, or try other settings.`,
    );
  }
  return el(
    'p',
    { id: 'skill-line', class: 'status', 'data-kind': 'ok' },
    el('span', { class: 'badge ok' }, 'skill'),
    ` ${percent(skill)} lower MAE than the naive “tomorrow = today” forecast (skill = 1 − MAE model / MAE naive).`,
  );
}

export function renderCoverage(evaluation: Evaluation): HTMLElement {
  const rows = evaluation.coverage.map((c) => [`${Math.round(c.level * 100)} %`, percent(c.observed)]);
  const t = table(['interval', 'actuals inside it (test split)'], rows);
  t.id = 'coverage-table';
  const lag = evaluation.lag;
  const lagText = lag.warning
    ? el(
        'p',
        { id: 'lag-line', class: 'status', 'data-kind': 'warn' },
        `Lag check: ${lag.warning}. Turn on the naive overlay above to compare.`,
      )
    : el(
        'p',
        { id: 'lag-line', class: 'hint' },
        'Lag check: one-step predictions match the actuals best at lag 0 (they do not merely repeat the last value).',
      );
  return el('div', {}, el('h3', {}, 'Intervals and lag'), t, lagText);
}

/** Evaluation warnings not already shown by the skill and lag lines. */
export function otherWarnings(evaluation: Evaluation): string[] {
  return evaluation.warnings.filter((w) => w !== evaluation.lag.warning && !w.startsWith('no skill'));
}
