// `recurrent forecast <model> <csv> --steps N --out file.csv|json`: forecasts past the
// end of the CSV with a saved model.
import type { Command } from 'commander';
import { forecast, loadModel } from '../../forecaster.ts';
import { loadSeries } from '../load-series.ts';
import type { SeriesFlags } from '../load-series.ts';
import { addSeriesOptions } from '../model-options.ts';
import { settingParser } from '../setting-flags.ts';
import { forecastJson, writeForecast } from '../write-forecast.ts';
import type { IntervalLevel } from '../write-forecast.ts';

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
    .requiredOption('--out <file>', 'output file: .csv (time,forecast,lower,upper) or .json')
    .option(
      '--level <percent>',
      "interval of the CSV's lower/upper columns: 80 or 95",
      (v) => (v === '80' ? 80 : v === '95' ? 95 : NaN),
      95,
    )
    .option('--json', 'also print the forecast as JSON')
    .action(
      async (
        modelPath: string,
        csv: string,
        flags: SeriesFlags & { steps?: number; out: string; level: number; json?: boolean },
      ) => {
        if (Number.isNaN(flags.level)) throw new Error('--level must be 80 or 95');
        const model = await loadModel(modelPath);
        const { series } = await loadSeries(csv, {
          ...flags,
          target: model.config.target,
          features: model.config.features,
        });
        const result = forecast(model, series, flags.steps);
        await writeForecast(flags.out, result, flags.level as IntervalLevel);
        if (flags.json) console.log(JSON.stringify(forecastJson(result), null, 2));
        else console.log(`${result.forecast.length} forecast rows written to ${flags.out}`);
      },
    );
}
