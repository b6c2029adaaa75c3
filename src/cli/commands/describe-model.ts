// A few lines that say what a model is and how its training went.
import type { ForecastModel } from '../../forecaster.ts';
import { num } from '../format.ts';

export function describeModel(model: ForecastModel): string {
  const { config, training } = model;
  const scale = config.scaler.windowRelative ? 'window-relative' : config.scaler.transform && config.scaler.transform !== 'none' ? `${config.scaler.transform} + ${config.scaler.kind}` : config.scaler.kind;
  return [
    `model: ${config.network.cell} ${config.network.layers}×${config.network.hiddenSize}, window ${config.windowLength}, ${config.strategy} ${config.horizonSteps}-step, scaling ${scale}, seed ${config.training.seed}`,
    `training: ${training.history.length} epochs (${training.stoppedBy}), best epoch ${training.bestEpoch}, validation loss ${num(training.bestLoss)}, ${num(training.elapsedMs / 1000, 3)} s`,
    ...model.warnings.map((w) => `warning: ${w}`),
  ].join('\n');
}
