import type { Floats } from '../rnn/floats.ts';
// Early stopping that always keeps the best weights it has seen, so whatever ends
// training (patience, the epoch limit, cancellation, a diverging loss) the network can be
// put back to its best epoch (docs/lessons.md #4).

export interface EarlyStoppingConfig {
  /** Epochs without an improvement larger than minDelta before stopping; Infinity never stops. */
  patienceEpochs: number;
  minDelta: number;
}

export interface BestEpoch {
  epoch: number;
  loss: number;
}

export interface EarlyStopping {
  /** Records an epoch's monitored loss; snapshots params when it improves. Returns true when patience has run out. */
  observe(epoch: number, loss: number, params: Floats): boolean;
  /** The best epoch so far, or null before the first observation. */
  best(): BestEpoch | null;
  /** Copies the best weights back into params; false when there is nothing to restore. */
  restoreBest(params: Floats): boolean;
}

export function createEarlyStopping(config: EarlyStoppingConfig, parameterCount: number): EarlyStopping {
  const snapshot = new Float64Array(parameterCount);
  let best: BestEpoch | null = null;
  let epochsWithoutImprovement = 0;
  return {
    observe(epoch, loss, params) {
      if (best === null || loss < best.loss - config.minDelta) {
        best = { epoch, loss };
        snapshot.set(params);
        epochsWithoutImprovement = 0;
        return false;
      }
      epochsWithoutImprovement++;
      return epochsWithoutImprovement >= config.patienceEpochs;
    },
    best: () => best,
    restoreBest(params) {
      if (best === null) return false;
      params.set(snapshot);
      return true;
    },
  };
}
