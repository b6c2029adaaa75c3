// `recurrent backtest <csv> … --folds k`: rolling-origin evaluation, refitting (scaler
// included) at every origin on the data before it only.
import type { Command } from 'commander';
import { backtest, formatTime } from '../../forecaster.ts';
import type { MetricSet } from '../../forecast/metrics.ts';
import { progressHooks } from '../fit-with-progress.ts';
import type { OutputFlags } from '../fit-with-progress.ts';
import { metricsTable, num, table } from '../format.ts';
import { loadSeries } from '../load-series.ts';
import { addModelOptions, toForecastOptions } from '../model-options.ts';
import type { ModelFlags } from '../model-options.ts';
import { parseIntegerOption } from '../options.ts';

export function registerBacktest(program: Command): void {
  addModelOptions(
    program.command('backtest <csv>').description('rolling-origin backtest: refit and forecast at k origins'),
  )
    .option('--folds <k>', 'number of origins', parseIntegerOption('--folds'), 5)
    .option('--json', 'machine-readable output')
    .option('--quiet', 'no progress output')
    .action(async (csv: string, flags: ModelFlags & OutputFlags & { folds: number }) => {
      const { series } = await loadSeries(csv, flags);
      const hooks = progressHooks(flags);
      try {
        const result = await backtest(series, toForecastOptions(flags), flags.folds, {
          onEpoch: hooks.onEpoch,
          signal: hooks.signal,
        });
        hooks.finish();
        if (flags.json) {
          console.log(JSON.stringify(result, null, 2));
          return;
        }
        console.log(
          table(
            ['fold', 'origin', 'MAE model', 'MAE naive', 'MAE seasonal', 'MASE model'],
            result.folds.map((f) => [
              String(f.fold),
              formatTime(f.originTime),
              num(f.model.mae),
              num(f.baselines.naive.mae),
              num(f.baselines['seasonal-naive'].mae),
              num(f.model.mase),
            ]),
          ),
        );
        console.log('\nmean over folds');
        console.log(
          metricsTable([
            ['model', result.mean.model],
            ...(Object.entries(result.mean.baselines) as [string, MetricSet][]),
          ]),
        );
      } finally {
        hooks.dispose();
      }
    });
}
