// `recurrent forecast <model> <csv> --steps N --out file.csv|json`: forecasts past the
// end of the CSV with a saved model.
import type { Command } from 'commander';
import { forecast, loadAnyModel } from '../../forecaster.ts';
import { UsageError } from '../errors.ts';
import { loadCollection, loadSeries } from '../load-series.ts';
import { describeWritten, writeGlobalForecasts } from './run-global.ts';
import type { SeriesFlags } from '../load-series.ts';
import { addSeriesOptions } from '../model-options.ts';
import { settingParser } from '../setting-flags.ts';
import { INTERVALS_HELP, forecastJson, parseIntervals, writeForecast } from '../write-forecast.ts';
import type { IntervalColumns, IntervalLevel } from '../write-forecast.ts';

export function registerForecast(program: Command): void {
  addSeriesOptions(
    program
      .command('forecast <model> <csv>')
      .description('forecast past the end of a CSV with a saved model'),
  )
    // A horizon under its older name: the settings schema's limits, parsed as --horizon is.
    .option(
      '--steps <n>',
      "steps to forecast (default: the model's horizon)",
      settingParser('horizonSteps', '--steps') as (value: string) => number,
    )
    .requiredOption(
      '--out <file>',
      'output file: .csv (time,forecast,lo_80,hi_80,lo_95,hi_95) or .json (full precision)',
    )
    .option('--intervals <columns>', `${INTERVALS_HELP} (--level alone implies legacy)`, parseIntervals)
    .option(
      '--level <percent>',
      'the interval of the legacy lower/upper columns: 80 or 95 (default 95); implies --intervals legacy',
      (v) => (v === '80' ? 80 : v === '95' ? 95 : NaN),
    )
    .option('--json', 'also print the forecast as JSON')
    .action(
      async (
        modelPath: string,
        csv: string,
        flags: SeriesFlags & {
          steps?: number;
          out: string;
          intervals?: IntervalColumns;
          level?: number;
          json?: boolean;
        },
      ) => {
        if (Number.isNaN(flags.level)) throw new Error('--level must be 80 or 95');
        // Both levels are columns of the default CSV, so a level only makes sense for the
        // legacy pair: given alone it asks for that pair, as it did before both were written.
        if (flags.level !== undefined && flags.intervals === 'both')
          throw new UsageError(
            `--level ${flags.level} picks the interval of the legacy lower,upper columns; --intervals both already holds lo_80,hi_80,lo_95,hi_95`,
          );
        const intervals = flags.intervals ?? (flags.level === undefined ? 'both' : 'legacy');
        const model = await loadAnyModel(modelPath);
        if (model.kind === 'global') {
          // Every series of the file (or --series), each by its id: seen ones with their own scalers.
          const { series, idColumn } = await loadCollection(csv, { ...flags, target: model.config.target });
          const chosen = flags.series === undefined ? series : series.filter((s) => s.id === flags.series);
          if (chosen.length === 0)
            throw new UsageError(
              `${csv} has no series "${flags.series}" (series: ${series.map((s) => s.id).join(', ')})`,
            );
          const written = await writeGlobalForecasts(
            model,
            chosen,
            idColumn,
            { out: flags.out, intervals, horizon: flags.steps },
            { horizonSteps: flags.steps ?? model.config.horizonSteps },
          );
          console.log(describeWritten(written, flags.out));
          return;
        }
        const { series } = await loadSeries(csv, {
          ...flags,
          target: model.config.target,
          features: model.config.features,
          future: model.config.futureFeatures,
        });
        const result = forecast(model, series, flags.steps);
        await writeForecast(flags.out, result, series, {
          intervals,
          level: flags.level as IntervalLevel | undefined,
        });
        if (flags.json) console.log(JSON.stringify(forecastJson(result), null, 2));
        else console.log(`${result.forecast.length} forecast rows written to ${flags.out}`);
      },
    );
}
