// How a global model did on one series' validation origins: its score against seasonal
// naive (the leaderboard's), its and naive's mean absolute errors, and split-conformal
// interval widths from its errors. One network's forecasts and an ensemble's combined ones
// are scored the same way.
import type { SplitRanges } from '../../prep/split.ts';
import type { ConformalWidths } from '../intervals.ts';
import { fitConformalWidths } from '../intervals.ts';
import { mae as meanAbsoluteError } from '../metrics.ts';
import { ValidationScorer } from '../select.ts';
import type { ValidationForecasts } from '../select.ts';
import type { GlobalSeriesScore } from './global-model.ts';

/**
 * @example
 * const { score, intervals } = scoreValidation(values, split, origins, predicted, 48, 24);
 */
export function scoreValidation(
  values: Float64Array,
  split: SplitRanges,
  origins: ValidationForecasts,
  predicted: Float64Array,
  horizonSteps: number,
  seasonLength: number,
): { score: GlobalSeriesScore; intervals: ConformalWidths } {
  const h = horizonSteps;
  const scorer = new ValidationScorer(values, origins, h, seasonLength, split.train[1]);
  const { smape, mase, mae, score } = scorer.score(predicted);
  // Naive's error on the same origins: what the model's skill is measured against.
  const naive = new Float64Array(predicted.length);
  origins.origins.forEach((o, i) => {
    naive.fill(values[o - 1]!, i * h, (i + 1) * h);
  });
  return {
    score: {
      origins: origins.origins.length,
      smape,
      mase,
      score,
      mae,
      naiveMae: meanAbsoluteError(origins.actual, naive),
    },
    intervals: fitConformalWidths(origins.actual, predicted, h),
  };
}
