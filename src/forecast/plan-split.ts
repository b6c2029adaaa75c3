// Where validation and test begin, for any series long enough to forecast. The asked-for
// fractions hold on long series; on short ones each part grows to what it needs (test:
// one h-step forecast; validation: a few origins of h steps), then the test part goes
// before a model is left nothing to learn from. Every change is said in `notes`.
import type { SplitRanges } from '../prep/split.ts';

/** Validation origins wanted at the least: one h-step forecast is a noisy judge of a candidate. */
const MIN_VALIDATION_ORIGINS = 5;
/** Fewer values than this before validation leave nothing to estimate a model from. */
const MIN_TRAIN_VALUES = 8;

export interface SplitPlan {
  split: SplitRanges;
  /** false when even one validation forecast does not fit: only a baseline can forecast. */
  canValidate: boolean;
  hasTest: boolean;
  notes: string[];
}

export function planSplit(
  n: number,
  horizonSteps: number,
  fractions: { validation: number; test: number },
): SplitPlan {
  const h = horizonSteps;
  const notes: string[] = [];
  let validation = Math.max(Math.round(fractions.validation * n), h + MIN_VALIDATION_ORIGINS - 1);
  let test = Math.max(Math.round(fractions.test * n), h);
  const widened = validation > Math.round(fractions.validation * n) || test > Math.round(fractions.test * n);
  if (n - validation - test < MIN_TRAIN_VALUES) {
    validation = Math.max(h, n - test - MIN_TRAIN_VALUES);
    if (n - validation - test < MIN_TRAIN_VALUES) {
      test = 0;
      validation = Math.max(h, Math.min(h + MIN_VALIDATION_ORIGINS - 1, n - MIN_TRAIN_VALUES));
      notes.push(
        `no test split: ${n} values leave no room to hold out ${h} more after validation, so the report has no test-split accuracy (validation still chose the model)`,
      );
    }
  }
  if (n - validation - test < MIN_TRAIN_VALUES) {
    return { split: ranges(n, n, n), canValidate: false, hasTest: false, notes };
  }
  if (widened)
    notes.push(
      `short series: validation holds ${validation} values (${validation - h + 1} forecast origins of ${h} steps)${test > 0 ? ` and test ${test}` : ''}, more than the asked-for fractions, so that each can score an h-step forecast`,
    );
  return { split: ranges(n, n - validation - test, n - test), canValidate: true, hasTest: test > 0, notes };
}

function ranges(n: number, trainEnd: number, validationEnd: number): SplitRanges {
  return { train: [0, trainEnd], validation: [trainEnd, validationEnd], test: [validationEnd, n] };
}
