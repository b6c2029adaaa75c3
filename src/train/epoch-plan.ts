// How many windows one epoch trains on, and how many validation windows it is scored on.
// A series whose every window fits the work cap in one epoch trains on all of them, as it
// always did (same seed, same bytes). A longer one — a year of minutely data has half a
// million windows — would spend the whole cap, and more, inside its first epoch, with no
// validation and no early stopping: each epoch trains on a fresh seeded random subset of
// its windows instead, sized so the cap holds several epochs.
import type { Random } from '../rnn/random.ts';

/** Epochs a work cap holds when the windows are subsampled: enough for early stopping to act. */
export const SUBSAMPLED_EPOCHS_PER_BUDGET = 16;

export interface EpochPlanInput {
  parameterCount: number;
  windowLength: number;
  trainWindows: number;
  batchSize: number;
  /** parameter-steps; no cap means no subsampling. */
  maxTrainingWork?: number;
  /** At most this many windows per epoch, drawn at random (TrainingConfig.epochWindows). */
  epochWindows?: number;
}

export interface EpochPlan {
  /** Training windows per epoch: all of them unless subsampled. */
  windowsPerEpoch: number;
  /** True when each epoch draws a random subset of the training windows. */
  subsampled: boolean;
  /** Parameter-steps of one full pass over every training window. */
  fullEpochWork: number;
}

/**
 * @example
 * planEpochs({ parameterCount: 3400, windowLength: 64, trainWindows: 1_400_000, batchSize: 32, maxTrainingWork: 6e9 });
 * // { windowsPerEpoch: 1723, subsampled: true, fullEpochWork: 3.05e11 }
 */
export function planEpochs(input: EpochPlanInput): EpochPlan {
  const { parameterCount, windowLength, trainWindows, batchSize, maxTrainingWork, epochWindows } = input;
  const stepWork = parameterCount * windowLength;
  const fullEpochWork = stepWork * trainWindows;
  if (epochWindows !== undefined && epochWindows < trainWindows) {
    const capped =
      maxTrainingWork === undefined
        ? epochWindows
        : Math.min(epochWindows, planEpochs({ ...input, epochWindows: undefined }).windowsPerEpoch);
    return {
      windowsPerEpoch: Math.max(Math.min(batchSize, trainWindows), capped),
      subsampled: true,
      fullEpochWork,
    };
  }
  // The threshold is the cap itself: every series that fits one epoch in the cap today
  // keeps training on all its windows, so its model does not change by a single byte.
  if (maxTrainingWork === undefined || fullEpochWork <= maxTrainingWork)
    return { windowsPerEpoch: trainWindows, subsampled: false, fullEpochWork };
  const fitting = Math.floor(maxTrainingWork / (SUBSAMPLED_EPOCHS_PER_BUDGET * stepWork));
  // At least one minibatch, so a tiny cap still takes a gradient step.
  const windowsPerEpoch = Math.min(trainWindows, Math.max(batchSize, fitting));
  return { windowsPerEpoch, subsampled: windowsPerEpoch < trainWindows, fullEpochWork };
}

/**
 * The most validation windows worth scoring each epoch when the training windows are
 * subsampled: a forward pass costs about a third of a training step, so half an epoch's
 * windows keep validation under a fifth of the training time. Infinity when not subsampled.
 */
export function validationWindowLimit(plan: EpochPlan): number {
  return plan.subsampled ? Math.max(256, Math.ceil(plan.windowsPerEpoch / 2)) : Number.POSITIVE_INFINITY;
}

/** Puts a seeded random subset of `count` indices at the front of order: a partial Fisher–Yates shuffle. */
export function sampleFront(random: Random, order: Uint32Array, count: number): void {
  for (let i = 0; i < count; i++) {
    const j = i + random.nextInt(order.length - i);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
}
