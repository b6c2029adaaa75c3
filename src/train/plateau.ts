// Reduce-learning-rate-on-plateau: when the monitored loss has not improved for
// patienceEpochs, multiply the learning rate by factor (not below minLearningRate).

export interface PlateauConfig {
  factor: number;
  patienceEpochs: number;
  minLearningRate?: number;
}

export interface PlateauSchedule {
  /** Returns the learning rate to use from the next epoch on. */
  next(loss: number, learningRate: number): number;
}

export function validatePlateauConfig(config: PlateauConfig): void {
  if (!(config.factor > 0 && config.factor < 1))
    throw new Error(`reduceLrOnPlateau.factor must be in (0, 1), got ${config.factor}`);
  if (!(Number.isInteger(config.patienceEpochs) && config.patienceEpochs >= 1)) {
    throw new Error(
      `reduceLrOnPlateau.patienceEpochs must be a positive integer, got ${config.patienceEpochs}`,
    );
  }
}

export function createPlateauSchedule(config: PlateauConfig): PlateauSchedule {
  validatePlateauConfig(config);
  let best = Infinity;
  let waited = 0;
  return {
    next(loss, learningRate) {
      if (loss < best) {
        best = loss;
        waited = 0;
        return learningRate;
      }
      if (++waited < config.patienceEpochs) return learningRate;
      waited = 0;
      return Math.max(config.minLearningRate ?? 0, learningRate * config.factor);
    },
  };
}
