// The evaluation of a model beside its baselines (docs/lessons.md #2): MAE, RMSE, MAPE, sMAPE and
// MASE on the test split, the headline skill against the strongest baseline with a plain
// "no skill" when the model loses (headline-skill.ts), the lag check (docs/lessons.md #3) and
// how often the intervals held the actuals, flagged when they held far less than promised.
import type { Evaluation, Leaderboard, MetricSet } from './api-types.ts';
import { coverageShortfalls } from './coverage-check.ts';
import { el, table } from './dom.ts';
import { metric, percent } from './format.ts';
import { headlineSkill, validationComparison } from './headline-skill.ts';
import { scrollBox } from './scroll-box.ts';

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
    {},
    scrollBox('Test-split accuracy of the model and the baselines', t),
    el(
      'p',
      { class: 'hint' },
      `${evaluation.origins} forecast origins in the test split, ${evaluation.horizonSteps} step${evaluation.horizonSteps === 1 ? '' : 's'} ahead each, from the model’s own predictions; season length ${evaluation.seasonLength}. ★ marks the best of each column.`,
    ),
  );
}

/** The headline: skill against the strongest baseline, and the context below it. */
export function renderSkill(evaluation: Evaluation, leaderboard?: Pick<Leaderboard, 'entries'>): HTMLElement {
  const headline = headlineSkill(evaluation);
  const [badge, badgeClass, kind] = {
    better: ['skill', 'badge ok', 'ok'],
    worse: ['no skill', 'badge bad', 'error'],
    unknown: ['skill unknown', 'badge', 'warn'],
  }[headline.verdict];
  const line = el(
    'p',
    { id: 'skill-line', class: 'status', 'data-kind': kind },
    el('span', { class: badgeClass }, badge),
    ` ${headline.text}`,
  );
  const context = [
    headline.verdict === 'unknown' ? null : 'Skill = 1 − MAE of the model / MAE of that baseline.',
    headline.note,
    leaderboard ? validationComparison(leaderboard) : null,
  ].filter((t): t is string => t !== null);
  return el(
    'div',
    {},
    line,
    context.length ? el('p', { id: 'skill-note', class: 'hint' }, context.join(' ')) : null,
  );
}

export function renderCoverage(evaluation: Evaluation): HTMLElement {
  const shortfalls = coverageShortfalls(evaluation.coverage);
  const rows = evaluation.coverage.map((c) => {
    const short = shortfalls.find((s) => s.level === c.level);
    return [
      `${Math.round(c.level * 100)} %`,
      percent(c.observed),
      short
        ? el('span', { class: 'badge bad' }, `⚠ ${(short.short * 100).toFixed(1)} points under`)
        : 'as promised (within 10 points)',
    ];
  });
  const t = table(['interval', 'actuals inside it (test split)', 'against its level'], rows);
  t.id = 'coverage-table';
  const warnings = shortfalls.map((s) =>
    el('p', { class: 'status coverage-warning', 'data-kind': 'warn' }, `⚠ ${s.message}`),
  );
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
  return el(
    'div',
    {},
    el('h3', {}, 'Intervals and lag'),
    scrollBox('Interval coverage on the test split', t),
    ...warnings,
    lagText,
  );
}

/** Evaluation warnings not already shown by the skill and lag lines. */
export function otherWarnings(evaluation: Evaluation): string[] {
  return evaluation.warnings.filter((w) => w !== evaluation.lag.warning && !w.startsWith('no skill'));
}
