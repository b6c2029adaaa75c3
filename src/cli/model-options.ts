// The flags that describe a series and a model, shared by train, backtest and run, and
// their translation into the facade's ForecastOptions. Anything left out is auto mode's.
import { Option } from 'commander';
import type { Command } from 'commander';
import type { ForecastOptions } from '../forecaster.ts';
import type { ScalerSpec } from '../prep/scale.ts';
import type { SeriesFlags } from './load-series.ts';
import { collectList } from './load-series.ts';
import { parseIntegerOption, parseNumberOption } from './options.ts';

export interface ModelFlags extends SeriesFlags {
  horizon: number;
  candidates?: string[];
  season?: number;
  window?: number;
  cell?: 'rnn' | 'lstm' | 'gru';
  hidden?: number;
  layers?: number;
  strategy?: 'recursive' | 'direct';
  scale?: ScaleChoice;
  epochs?: number;
  maxWork?: number;
  patience?: number;
  lr?: number;
  batch?: number;
  seed?: number;
}

const SCALE_CHOICES = [
  'zscore',
  'minmax',
  'robust',
  'none',
  'relative',
  'difference',
  'seasonal-difference',
  'log',
] as const;
type ScaleChoice = (typeof SCALE_CHOICES)[number];

export function addSeriesOptions(command: Command): Command {
  return command
    .option('--target <column>', 'column to forecast')
    .option('--time <column>', 'time column (detected when absent)')
    .option('--features <columns>', 'extra input columns, comma-separated', collectList)
    .option('--id <column>', 'identifier column of a long-format file (detected when absent)')
    .option('--series <id>', 'which series of a long-format file')
    .addOption(new Option('--date-format <order>', 'order of ambiguous slash dates').choices(['MDY', 'DMY']))
    .addOption(
      new Option('--missing <policy>', 'missing values').choices(['linear', 'ffill', 'drop', 'error']),
    )
    .addOption(
      new Option('--duplicates <policy>', 'duplicate timestamps').choices(['error', 'mean', 'last', 'sum']),
    );
}

export function addModelOptions(command: Command): Command {
  return addSeriesOptions(command)
    .requiredOption('--horizon <steps>', 'how many steps ahead to forecast', parseIntegerOption('--horizon'))
    .option(
      '--season <m>',
      'season length m for seasonal naive and MASE (default from the frequency)',
      parseIntegerOption('--season'),
    )
    .option('--window <steps>', 'lookback window length', parseIntegerOption('--window'))
    .addOption(new Option('--cell <kind>', 'recurrent cell').choices(['rnn', 'lstm', 'gru']))
    .option('--hidden <units>', 'hidden units per layer', parseIntegerOption('--hidden'))
    .option('--layers <n>', 'stacked recurrent layers (1–3)', parseIntegerOption('--layers'))
    .addOption(new Option('--strategy <kind>', 'multi-step strategy').choices(['recursive', 'direct']))
    .addOption(
      new Option(
        '--scale <kind>',
        'scaling: zscore, minmax, robust, none, relative (window-relative), difference, seasonal-difference (y − y one season back), log; default: auto mode fits its level scaler and a seasonal difference and keeps the better on validation',
      ).choices([...SCALE_CHOICES]),
    )
    .option('--epochs <n>', 'maximum epochs', parseIntegerOption('--epochs'))
    .option(
      '--max-work <parameter-steps>',
      'work cap on training: parameters × windows × window length, summed over epochs (auto: 6e9)',
      parseNumberOption('--max-work'),
    )
    .option('--patience <epochs>', 'early-stopping patience', parseIntegerOption('--patience'))
    .option('--lr <rate>', 'learning rate', parseNumberOption('--lr'))
    .option('--batch <size>', 'minibatch size', parseIntegerOption('--batch'))
    .option('--seed <n>', 'random seed', parseIntegerOption('--seed', 0))
    .option(
      '--candidates <names>',
      'narrow the candidate pool, comma-separated: rnn, classical, naive, seasonal-naive, drift, theta, ets, … (all when absent)',
      collectList,
    );
}

function scalerFor(choice: ScaleChoice | undefined): ScalerSpec | undefined {
  switch (choice) {
    case undefined:
      return undefined;
    case 'relative':
      return { kind: 'zscore', windowRelative: true };
    case 'difference':
      return { kind: 'zscore', transform: 'difference' };
    // The season comes from --season or the frequency (resolveForecastConfig fills it in).
    case 'seasonal-difference':
      return { kind: 'zscore', transform: 'seasonal-difference' };
    case 'log':
      return { kind: 'zscore', transform: 'log' };
    default:
      return { kind: choice };
  }
}

export function toForecastOptions(flags: ModelFlags): ForecastOptions {
  const defined = <T extends object>(o: T): Partial<T> =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
  return {
    horizonSteps: flags.horizon,
    features: flags.features ?? [],
    seasonLength: flags.season,
    windowLength: flags.window,
    strategy: flags.strategy,
    scaler: scalerFor(flags.scale),
    ...(flags.candidates ? { candidates: flags.candidates } : {}),
    network: defined({ cell: flags.cell, hiddenSize: flags.hidden, layers: flags.layers }),
    training: defined({
      maxEpochs: flags.epochs,
      maxTrainingWork: flags.maxWork,
      patienceEpochs: flags.patience,
      learningRate: flags.lr,
      batchSize: flags.batch,
      seed: flags.seed,
    }),
  };
}
