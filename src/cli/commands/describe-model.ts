// A few lines that say what a model is and how its training went.
import { describeScaler } from '../../forecaster.ts';
import type { ForecastModel } from '../../forecaster.ts';
import { num } from '../format.ts';

export function describeModel(model: ForecastModel): string {
  const { config, training, selection } = model;
  return [
    `model: ${config.network.cell} ${config.network.layers}×${config.network.hiddenSize}, window ${config.windowLength}, ${config.strategy} ${config.horizonSteps}-step, scaling ${describeScaler(config.scaler)}, seed ${config.training.seed}`,
    ...(selection
      ? [
          `scaling chosen by validation MAE: ${selection.candidates.map((c) => `${c.scaler} ${num(c.validationMae)}`).join(', ')}; kept ${selection.kept}`,
        ]
      : []),
    `training: ${training.history.length} epochs (${training.stoppedBy}), best epoch ${training.bestEpoch}, validation loss ${num(training.bestLoss)}, ${num(training.elapsedMs / 1000, 3)} s`,
    ...model.warnings.map((w) => `warning: ${w}`),
  ].join('\n');
}
