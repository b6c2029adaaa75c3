// The headline of a model's accuracy: its test-split MAE against the STRONGEST baseline,
// not against naive alone. On a seasonal series naive is a weak straw man ("60.8 % lower
// MAE than naive" while seasonal naive is only 12 % behind), so the headline picks the
// lowest-MAE baseline the evaluation holds (naive, seasonal naive, drift, moving average,
// and any classical method the server adds there) and says plainly when the model loses.
// The leaderboard adds the classical methods as scored on validation. Pure: no DOM, so
// test/web checks the wording directly.
import type { Leaderboard } from './api-types.ts';
import { percent } from './format.ts';

/** How each baseline key of the evaluation reads on the page; unknown keys read as themselves. */
const BASELINE_LABELS: Record<string, string> = {
  naive: 'naive (tomorrow = today)',
  'seasonal-naive': 'seasonal naive',
  drift: 'drift',
  'moving-average': 'moving average',
  naive2: 'naive 2 (seasonally adjusted naive)',
  ses: 'simple exponential smoothing',
  theta: 'Theta',
  ets: 'ETS',
  arima: 'ARIMA',
};

export function baselineLabel(key: string): string {
  return BASELINE_LABELS[key] ?? key;
}

export interface BaselineScore {
  key: string;
  label: string;
  mae: number;
}

/**
 * The baseline with the lowest finite test MAE, or null when none was scored.
 *
 * @example
 * strongestBaseline({ naive: { mae: 55 }, 'seasonal-naive': { mae: 6.5 } })?.label; // "seasonal naive"
 */
export function strongestBaseline(baselines: Record<string, { mae: number | null }>): BaselineScore | null {
  let best: BaselineScore | null = null;
  for (const [key, set] of Object.entries(baselines)) {
    const mae = set.mae;
    if (mae === null || !Number.isFinite(mae)) continue;
    if (best === null || mae < best.mae) best = { key, label: baselineLabel(key), mae };
  }
  return best;
}

export interface Headline {
  /** 'better': lower MAE than the strongest baseline; 'worse': not lower; 'unknown': nothing to compare. */
  verdict: 'better' | 'worse' | 'unknown';
  /** 1 − MAE model / MAE strongest baseline (null when unknown). */
  skill: number | null;
  baseline: BaselineScore | null;
  /** The sentence after the badge. */
  text: string;
  /** Against naive too, when naive is not the strongest: the number people used to quote. */
  note: string | null;
}

/**
 * The headline sentence of a model's test-split accuracy.
 *
 * @example
 * headlineSkill({ model: { mae: 5.7 }, baselines: { naive: { mae: 14.5 }, 'seasonal-naive': { mae: 6.5 } } }).text;
 * // "12.3 % lower MAE than seasonal naive (the strongest baseline on the test split)."
 */
export function headlineSkill(evaluation: {
  model: { mae: number | null };
  baselines: Record<string, { mae: number | null }>;
}): Headline {
  const best = strongestBaseline(evaluation.baselines);
  const mae = evaluation.model.mae;
  if (best === null || mae === null || !Number.isFinite(mae) || best.mae <= 0)
    return {
      verdict: 'unknown',
      skill: null,
      baseline: best,
      text: 'The test split could not be scored against a baseline, so the model’s skill is unknown.',
      note: null,
    };
  const skill = 1 - mae / best.mae;
  // The flattering number people used to quote, shown beside the honest one: only when the
  // model does beat naive by a visible margin (0.05 %), or the note would say nothing.
  const naive = evaluation.baselines.naive?.mae;
  const skillVsNaive =
    typeof naive === 'number' && Number.isFinite(naive) && naive > 0 ? 1 - mae / naive : null;
  const note =
    best.key !== 'naive' && skillVsNaive !== null && skillVsNaive >= 0.0005
      ? `Against naive alone it would read ${describeChange(skillVsNaive)}; naive is not the one to beat here.`
      : null;
  if (skill > 0)
    return {
      verdict: 'better',
      skill,
      baseline: best,
      text: `${describeChange(skill)} than ${best.label} (the strongest baseline on the test split).`,
      note,
    };
  return {
    verdict: 'worse',
    skill,
    baseline: best,
    text: `The model does not beat ${best.label}, the strongest baseline on the test split: ${describeChange(skill)}. Prefer ${best.label}, or try other settings.`,
    note,
  };
}

/** "12.3 % lower MAE", "8.1 % higher MAE", "the same MAE". */
function describeChange(skill: number): string {
  if (skill > 0) return `${percent(skill)} lower MAE`;
  if (skill < 0) return `${percent(-skill)} higher MAE`;
  return 'the same MAE';
}

/**
 * The kept model against the best classical method of the leaderboard, on the validation
 * origins (where they were all scored alike); null when there is nothing to compare.
 *
 * @example
 * validationComparison(model.leaderboard); // "On validation it scored 0.82 against 0.84 for ses, …"
 */
export function validationComparison(leaderboard: Pick<Leaderboard, 'entries'>): string | null {
  const kept = leaderboard.entries.find((e) => e.kept);
  if (!kept || kept.score === null) return null;
  const classical = leaderboard.entries
    .filter((e) => e.kind === 'classical' && !e.kept && e.score !== null && Number.isFinite(e.score))
    .sort((a, b) => (a.score ?? 0) - (b.score ?? 0));
  const best = classical[0];
  if (!best || best.score === null) return null;
  // Three decimals, or four when three would print the same number for both.
  const digits = kept.score.toFixed(3) === best.score.toFixed(3) ? 4 : 3;
  const score = (v: number) => v.toFixed(digits);
  const order =
    kept.score < best.score ? 'better than' : kept.score > best.score ? 'worse than' : 'level with';
  return `On the validation origins the kept model scored ${score(kept.score)}, ${order} ${score(best.score)} for ${baselineLabel(best.name)}, the best classical method there (score 1 = seasonal naive, lower is better).`;
}
