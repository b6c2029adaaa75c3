// `recurrent evaluate <model> <csv>`: the model's test-split accuracy beside the baselines.
import type { Command } from 'commander';
import { evaluate, loadModel } from '../../forecaster.ts';
import { describeEvaluation } from '../format.ts';
import { loadSeries } from '../load-series.ts';
import type { SeriesFlags } from '../load-series.ts';
import { addSeriesOptions } from '../model-options.ts';

export function registerEvaluate(program: Command): void {
  addSeriesOptions(
    program
      .command('evaluate <model> <csv>')
      .description('score a saved model on the test split of a CSV, beside the baselines'),
  )
    .option('--json', 'machine-readable output')
    .action(async (modelPath: string, csv: string, flags: SeriesFlags & { json?: boolean }) => {
      const model = await loadModel(modelPath);
      const { series } = await loadSeries(csv, {
        ...flags,
        target: model.config.target,
        features: model.config.features,
        future: model.config.futureFeatures,
      });
      const evaluation = evaluate(model, series);
      console.log(
        flags.json
          ? JSON.stringify(evaluation, null, 2)
          : describeEvaluation(evaluation, model.leaderboard.kept),
      );
    });
}
