// The training caps checked inside an epoch, and the ETA they bound: what trainer.ts asks
// after every minibatch.
import type { TrainingConfig } from './config.ts';
import type { EpochPlan } from './epoch-plan.ts';

export interface Budget {
  /** Which cap, if any, stops training inside an epoch now. */
  cutShort(workDone: number, elapsedMs: number): 'work-budget' | 'time-budget' | null;
  /** Where the warm-up ends: the ETA's pace is measured from here on. */
  markWarm(workDone: number, elapsedMs: number): void;
  etaMs(workDone: number, elapsedMs: number): number;
}

/**
 * The caps, checked after every minibatch. Where one pass over all the windows fits the
 * work cap (every ordinary series), the work cap is still checked only at an epoch's end,
 * exactly as before: a check inside the epoch could only ever fire in the epoch that
 * crosses the cap, and would cut short an epoch the old check let finish, changing the
 * model. That epoch overruns the cap by less than one epoch, itself less than the cap, so
 * the overrun stays bounded. Where a pass does not fit (the windows are then subsampled, or
 * the cap is tiny), training stops at the first minibatch past the cap, mid-epoch if need be.
 * The wall-clock cap is checked after every minibatch: it stops only past the cap, and a
 * fit it stops already depends on how busy the machine was (the fit warns so).
 */
export function createBudget(config: TrainingConfig, plan: EpochPlan, workPerEpoch: number): Budget {
  const cap = config.maxTrainingWork;
  const fits = cap === undefined || plan.fullEpochWork <= cap;
  const maxMs = config.maxTrainingMs;
  // The most work training can do: maxEpochs epochs, or up to the cap (to the end of the
  // epoch crossing it, where the work cap is checked only at epoch ends).
  let plannedWork = config.maxEpochs * workPerEpoch;
  if (cap !== undefined)
    plannedWork = Math.min(plannedWork, fits ? Math.ceil(cap / workPerEpoch) * workPerEpoch : cap);
  let warm = { work: 0, elapsedMs: 0 };
  return {
    cutShort(workDone, elapsedMs) {
      if (!fits && cap !== undefined && workDone >= cap) return 'work-budget';
      if (maxMs !== undefined && elapsedMs > maxMs) return 'time-budget';
      return null;
    },
    // Measured pace × work left: an upper bound (early stopping may end sooner) that never
    // assumes more epochs than the caps allow.
    markWarm(work, elapsedMs) {
      warm = { work, elapsedMs };
    },
    etaMs(workDone, elapsedMs) {
      const from = workDone > warm.work ? warm : { work: 0, elapsedMs: 0 };
      const msPerWork =
        workDone > from.work ? (elapsedMs - from.elapsedMs) / (workDone - from.work) : Infinity;
      const left = Math.max(0, plannedWork - workDone);
      const eta = left === 0 ? 0 : left * msPerWork;
      return maxMs === undefined ? eta : Math.min(eta, Math.max(0, maxMs - elapsedMs));
    },
  };
}
