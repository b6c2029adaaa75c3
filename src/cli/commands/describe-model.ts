// A few lines that say what a model is: which candidate validation kept and how the
// others scored, and how the network's training went when one was fitted. The network's
// own time is labelled as such: the whole fit (every candidate) is the progress line's
// "fitted in", and two unlabelled durations for one run read as a contradiction.
import { networkOf } from '../../forecaster.ts';
import type { ForecastModel } from '../../forecaster.ts';
import { num } from '../format.ts';

export function describeModel(model: ForecastModel): string {
  const { training, leaderboard } = model;
  const board = leaderboard.entries.map(
    (e) =>
      `  ${e.kept ? '*' : ' '} ${e.name.padEnd(36)} score ${num(e.score, 3)}  sMAPE ${num(e.smape, 3)}  MASE ${num(e.mase, 3)}  fit ${num(e.fitSeconds, 2)} s`,
  );
  const extra = model.config.extraSeasons ?? [];
  const main = model.config.seasonLength;
  return [
    `kept: ${model.final.describe()}`,
    // Always said: whether auto mode found a longer season is part of what the model is.
    `seasons: ${main >= 2 ? `m = ${main}` : 'none, m = 1'} (seasonal naive and MASE)${
      extra.length > 0 ? `, and ${extra.join(', ')}, which added candidates of their own` : ''
    }`,
    ...inputsLine(model),
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

/** Which input columns the model reads, and whether each is known in the future or past only. */
function inputsLine(model: ForecastModel): string[] {
  const { config } = model;
  // A tried calendar is read only by the network that was built with it.
  const network = networkOf(model.final);
  const tried = config.calendar?.candidate === true;
  const reads = network !== null ? network.config.calendar !== undefined : !tried;
  const past = config.features.map((name) => `${name} (past only: values up to the forecast origin)`);
  const future = (config.futureFeatures ?? []).map(
    (name) => `${name} (known in the future: its ${config.horizonSteps} values over the horizon too)`,
  );
  const calendar = !config.calendar
    ? []
    : !reads
      ? [
          network !== null
            ? 'calendar: tried as one more RNN candidate, not kept by validation'
            : 'calendar: tried as one more RNN candidate (its leaderboard name ends "+ calendar")',
        ]
      : [
          `calendar (generated, known in the future): ${config.calendar.columns.join(', ')}${
            config.calendar.holidays ? ` (${config.calendar.holidays} public holidays)` : ''
          }, read in ${config.calendar.timezone ?? 'UTC, as written'}`,
        ];
  const all = [...future, ...calendar, ...past];
  return all.length > 0 ? [`inputs beside ${config.target}'s own past: ${all.join('; ')}`] : [];
}
