// `recurrent run <csv> --target <col> --horizon <h> --out <file.csv>`: the one-shot
// command. Trains with auto defaults, writes exactly h forecast rows
// (time,forecast,lo_80,hi_80,lo_95,hi_95), and reports the test-split accuracy beside the baselines.
import type { Command } from 'commander';
import {
  evaluate,
  forecast,
  requireFutureValues,
  resolveForecastConfig,
  saveModel,
} from '../../forecaster.ts';
import { fitWithProgress } from '../fit-with-progress.ts';
import type { OutputFlags } from '../fit-with-progress.ts';
import { describeEvaluation } from '../format.ts';
import { loadSeries } from '../load-series.ts';
import { addModelOptions, toForecastOptions } from '../model-options.ts';
import type { ModelFlags } from '../model-options.ts';
import { INTERVALS_HELP, forecastJson, parseIntervals, writeForecast } from '../write-forecast.ts';
import type { IntervalColumns } from '../write-forecast.ts';
import { describeModel } from './describe-model.ts';
import { runGlobal } from './run-global.ts';
import { runGlobalAuto } from './run-global-auto.ts';
import { UsageError } from '../errors.ts';

export function registerRun(program: Command): void {
  addModelOptions(
    program
      .command('run <csv>')
      .description('train with auto defaults and write an h-step forecast in one go'),
  )
    .requiredOption(
      '--out <file.csv>',
      'forecast file: time,forecast,lo_80,hi_80,lo_95,hi_95 (80 % and 95 % intervals); .json for full precision',
    )
    .option('--intervals <columns>', INTERVALS_HELP, parseIntervals, 'both')
    .option('--save-model <model.json>', 'also keep the model file')
    .option('--json', 'machine-readable report on stdout')
    .option('--quiet', 'no progress output')
    .option('--search', 'try a small grid of cells and sizes on both cores; keep the best on validation')
    .option(
      '--global [auto]',
      'one network over every series of a long-format file: h rows per series, led by the id; "auto": fit it and a model per series, keep the one better on the last h values of each',
    )
    .option(
      '--time-allowed <minutes>',
      'with --global auto: minutes the per-series fits may take; past them the global model is kept',
      Number,
    )
    .action(
      async (
        csv: string,
        flags: ModelFlags &
          OutputFlags & {
            out: string;
            saveModel?: string;
            intervals: IntervalColumns;
            global?: boolean | string;
            timeAllowed?: number;
          },
      ) => {
        if (!flags.target) throw new Error('--target is required: which column should be forecast?');
        if (flags.global === 'auto') return runGlobalAuto(csv, flags);
        if (typeof flags.global === 'string')
          throw new UsageError(`--global takes no value or "auto", not "${flags.global}"`);
        if (flags.global) return runGlobal(csv, flags);
        if (flags.timeAllowed !== undefined) throw new UsageError('--time-allowed goes with --global auto');
        const { series } = await loadSeries(csv, flags);
        const options = toForecastOptions(flags);
        // A missing known-future value is refused before the fit, not after minutes of it,
        // with the config resolved as the fit will (a business-day calendar's market holidays
        // move the horizon's dates).
        if (options.futureFeatures !== undefined || series.future !== undefined)
          requireFutureValues(series, resolveForecastConfig(series, options));
        const model = await fitWithProgress(series, options, flags);
        const future = forecast(model, series, flags.horizon);
        await writeForecast(flags.out, future, series, { intervals: flags.intervals });
        if (flags.saveModel) await saveModel(model, flags.saveModel);
        const evaluation = evaluate(model, series);
        if (flags.json) {
          console.log(
            JSON.stringify(
              {
                out: flags.out,
                config: model.config,
                leaderboard: model.leaderboard,
                evaluation,
                forecast: forecastJson(future),
                warnings: model.warnings,
              },
              null,
              2,
            ),
          );
          return;
        }
        console.log(describeModel(model));
        console.log(describeEvaluation(evaluation, model.leaderboard.kept));
        console.log(`${future.forecast.length} forecast rows written to ${flags.out}`);
      },
    );
}
