// A few lines that say what a model is: which candidate validation kept and how the
// others scored, and how the network's training went when one was fitted. The network's
// own time is labelled as such: the whole fit (every candidate) is the progress line's
// "fitted in", and two unlabelled durations for one run read as a contradiction.
import type { ForecastModel } from '../../forecaster.ts';
import { num } from '../format.ts';

export function describeModel(model: ForecastModel): string {
  const { training, leaderboard } = model;
  const board = leaderboard.entries.map(
    (e) =>
      `  ${e.kept ? '*' : ' '} ${e.name.padEnd(36)} score ${num(e.score, 3)}  sMAPE ${num(e.smape, 3)}  MASE ${num(e.mase, 3)}  fit ${num(e.fitSeconds, 2)} s`,
  );
  const extra = model.config.extraSeasons ?? [];
  return [
    `kept: ${model.final.describe()}`,
    ...(extra.length > 0
      ? [
          `seasons: m = ${model.config.seasonLength} (seasonal naive and MASE), and ${extra.join(', ')}, which added candidates of their own`,
        ]
      : []),
    ...(board.length > 0
      ? [`leaderboard (${leaderboard.origins} validation origins; ${leaderboard.metric}):`, ...board]
      : []),
    ...leaderboard.failed.map((f) => `  failed: ${f.name}: ${f.reason}`),
    ...(training
      ? [
          `network training: ${training.history.length} epochs (${training.stoppedBy}), best epoch ${training.bestEpoch}, validation loss ${num(training.bestLoss)}, this network ${num(training.elapsedMs / 1000, 3)} s (the whole fit's time is the "fitted in" line)`,
        ]
      : []),
    ...model.warnings.map((w) => `warning: ${w}`),
  ].join('\n');
}
