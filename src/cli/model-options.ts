// The flags that describe a series and a model, shared by train, backtest and run, and
// their translation into the facade's ForecastOptions. The model flags are the settings
// schema's (setting-flags.ts); anything left out is auto mode's.
import { Option } from 'commander';
import type { Command } from 'commander';
import { SETTING_NAMES, settingsToForecastOptions } from '../forecaster.ts';
import type { ForecastOptions } from '../forecaster.ts';
import { addIngestOptions, collectList } from './load-series.ts';
import type { SeriesFlags } from './load-series.ts';
import { settingOption, settingsFromFlags } from './setting-flags.ts';

/** Parsed flags: the series flags, and one per setting under its commander attribute name. */
export type ModelFlags = SeriesFlags & { horizon: number; [flag: string]: unknown };

export function addSeriesOptions(command: Command): Command {
  const series = command
    .option('--target <column>', 'column to forecast')
    .option('--time <column>', 'time column (detected when absent)')
    .addOption(settingOption('features'))
    .option('--id <column>', 'identifier column of a long-format file (detected when absent)')
    .option(
      '--static <columns>',
      'with --global: columns holding one value per series (a region, a size), read as inputs that tell the series apart',
      collectList,
    )
    .option('--series <id>', 'which series of a long-format file')
    .option(
      '--future-file <csv>',
      "the known-future columns' values over the horizon, as a second file (time column and those columns), instead of rows after the last target value",
    )
    .addOption(new Option('--date-format <order>', 'order of ambiguous slash dates').choices(['MDY', 'DMY']))
    .addOption(
      new Option('--missing <policy>', 'missing values').choices(['linear', 'ffill', 'drop', 'error']),
    )
    .addOption(
      new Option('--duplicates <policy>', 'duplicate timestamps').choices(['error', 'mean', 'last', 'sum']),
    );
  return addIngestOptions(series);
}

/** The series flags and every other setting's flag (features is a series flag already). */
export function addModelOptions(command: Command): Command {
  const withSeries = addSeriesOptions(command);
  for (const name of SETTING_NAMES) if (name !== 'features') withSeries.addOption(settingOption(name));
  return withSeries;
}

export function toForecastOptions(flags: ModelFlags): ForecastOptions {
  return settingsToForecastOptions(settingsFromFlags(flags));
}
