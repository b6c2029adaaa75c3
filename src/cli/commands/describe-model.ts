// A few lines that say what a model is: which candidate validation kept and how the
// others scored, and how the network's training went when one was fitted.
import type { ForecastModel } from '../../forecaster.ts';
import { num } from '../format.ts';

export function describeModel(model: ForecastModel): string {
  const { training, leaderboard } = model;
  const board = leaderboard.entries.map(
    (e) =>
      `  ${e.kept ? '*' : ' '} ${e.name.padEnd(36)} score ${num(e.score, 3)}  sMAPE ${num(e.smape, 3)}  MASE ${num(e.mase, 3)}  fit ${num(e.fitSeconds, 2)} s`,
  );
  return [
    `kept: ${model.final.describe()}`,
    ...(board.length > 0
      ? [`leaderboard (${leaderboard.origins} validation origins; ${leaderboard.metric}):`, ...board]
      : []),
    ...leaderboard.failed.map((f) => `  failed: ${f.name}: ${f.reason}`),
    ...(training
      ? [
          `network training: ${training.history.length} epochs (${training.stoppedBy}), best epoch ${training.bestEpoch}, validation loss ${num(training.bestLoss)}, ${num(training.elapsedMs / 1000, 3)} s`,
        ]
      : []),
    ...model.warnings.map((w) => `warning: ${w}`),
  ].join('\n');
}
