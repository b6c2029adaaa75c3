// Training configuration, its defaults, and the up-front checks that turn a bad config
// into one clear message before any epoch runs (docs/lessons.md #5).
import type { LossKind } from '../rnn/loss.ts';
import { LOSS_KINDS } from '../rnn/loss.ts';
import type { OptimizerKind } from '../rnn/optim.ts';
import { validatePlateauConfig } from './plateau.ts';
import type { PlateauConfig } from './plateau.ts';

export interface TrainingConfig {
  maxEpochs: number;
  batchSize: number;
  learningRate: number;
  optimizer: OptimizerKind;
  /** SGD momentum; ignored by Adam. */
  momentum: number;
  loss: LossKind;
  /** Global-norm gradient clipping threshold; null turns clipping off. */
  clipNorm: number | null;
  /** Early stopping on validation loss; Infinity trains for maxEpochs (best weights still restored). */
  patienceEpochs: number;
  minDelta: number;
  seed: number;
  /** Truncated BPTT: backpropagate through only the last k steps; full BPTT when absent. */
  truncateSteps?: number;
  reduceLrOnPlateau?: PlateauConfig;
  /**
   * Work budget, in parameter-steps: the network's parameter count × the input steps it has
   * trained on (windows × window length, summed over epochs), about the forward pass's
   * multiply-adds. Training stops (best weights restored) once an epoch ends past it; when
   * one pass over every window would not fit in it, each epoch trains on a seeded random
   * subset of the windows and training stops at the first minibatch past it (epoch-plan.ts).
   * Unlike maxTrainingMs it does not depend on how busy the machine is: same seed, same model.
   */
  maxTrainingWork?: number;
  /** Wall-clock budget, a safety net: training stops (best weights restored) at the first minibatch past it. */
  maxTrainingMs?: number;
  /**
   * Windows per epoch, drawn at random (seeded) from all of them: a global model's hundreds
   * of thousands of windows would make one epoch longer than early stopping can wait.
   * Absent: every window, unless the work cap subsamples them (epoch-plan.ts).
   */
  epochWindows?: number;
}

export const DEFAULT_TRAINING: TrainingConfig = {
  maxEpochs: 100,
  batchSize: 32,
  learningRate: 1e-3,
  optimizer: 'adam',
  momentum: 0.9,
  loss: 'mse',
  clipNorm: 1,
  patienceEpochs: 10,
  minDelta: 0,
  seed: 42,
};

export function resolveTrainingConfig(
  partial: Partial<TrainingConfig>,
  hasValidation: boolean,
): TrainingConfig {
  const config: TrainingConfig = { ...DEFAULT_TRAINING, ...partial };
  // Without a validation split there is nothing honest to stop early on.
  if (!hasValidation && partial.patienceEpochs === undefined) config.patienceEpochs = Infinity;
  validateTrainingConfig(config, hasValidation);
  return config;
}

export function validateTrainingConfig(c: TrainingConfig, hasValidation: boolean): void {
  const problems: string[] = [];
  const positiveInt = (name: string, v: number) => {
    if (!Number.isInteger(v) || v < 1) problems.push(`${name} must be a positive integer, got ${v}`);
  };
  positiveInt('maxEpochs', c.maxEpochs);
  positiveInt('batchSize', c.batchSize);
  if (!(c.learningRate > 0) || !Number.isFinite(c.learningRate))
    problems.push(`learningRate must be a positive number, got ${c.learningRate}`);
  if (c.optimizer !== 'adam' && c.optimizer !== 'sgd')
    problems.push(`optimizer must be adam or sgd, got ${String(c.optimizer)}`);
  if (!(c.momentum >= 0 && c.momentum < 1)) problems.push(`momentum must be in [0, 1), got ${c.momentum}`);
  if (!LOSS_KINDS.includes(c.loss))
    problems.push(`loss must be one of ${LOSS_KINDS.join(', ')}, got ${String(c.loss)}`);
  if (c.clipNorm !== null && !(c.clipNorm > 0))
    problems.push(`clipNorm must be a positive number or null, got ${c.clipNorm}`);
  if (!(c.patienceEpochs === Infinity || (Number.isInteger(c.patienceEpochs) && c.patienceEpochs >= 1))) {
    problems.push(`patienceEpochs must be a positive integer, got ${c.patienceEpochs}`);
  }
  if (!(c.minDelta >= 0)) problems.push(`minDelta must be ≥ 0, got ${c.minDelta}`);
  if (!Number.isFinite(c.seed)) problems.push(`seed must be a finite number, got ${c.seed}`);
  if (c.truncateSteps !== undefined) positiveInt('truncateSteps', c.truncateSteps);
  if (c.maxTrainingMs !== undefined && !(c.maxTrainingMs > 0))
    problems.push(`maxTrainingMs must be a positive number, got ${c.maxTrainingMs}`);
  if (c.epochWindows !== undefined && !(Number.isInteger(c.epochWindows) && c.epochWindows >= 1))
    problems.push(`epochWindows must be a whole number ≥ 1, got ${c.epochWindows}`);
  if (c.maxTrainingWork !== undefined && !(c.maxTrainingWork > 0))
    problems.push(`maxTrainingWork must be a positive number, got ${c.maxTrainingWork}`);
  if (Number.isFinite(c.patienceEpochs) && !hasValidation) {
    problems.push(
      'early stopping (patienceEpochs) needs a validation split: give validation windows or drop patienceEpochs',
    );
  }
  if (c.reduceLrOnPlateau) {
    try {
      validatePlateauConfig(c.reduceLrOnPlateau);
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  if (problems.length > 0) throw new Error(`training config: ${problems.join('; ')}`);
}
