// `recurrent train <csv> … --out model.json`: fits a model, saves it, and shows how it
// does on the test split beside the baselines.
import type { Command } from 'commander';
import { evaluate, saveGlobalModel, saveModel } from '../../forecaster.ts';
import { fitWithProgress } from '../fit-with-progress.ts';
import type { OutputFlags } from '../fit-with-progress.ts';
import { describeEvaluation } from '../format.ts';
import { loadSeries } from '../load-series.ts';
import { addModelOptions, toForecastOptions } from '../model-options.ts';
import type { ModelFlags } from '../model-options.ts';
import { describeModel } from './describe-model.ts';
import { describeGlobal, fitGlobalFromFile, globalReportJson } from '../global-fit.ts';
import type { GlobalFlags } from '../global-fit.ts';

export function registerTrain(program: Command): void {
  addModelOptions(program.command('train <csv>').description('train a model and save it as a model file'))
    .requiredOption('--out <model.json>', 'where to write the model file')
    .option('--json', 'machine-readable output')
    .option('--quiet', 'no progress output')
    .option('--search', 'try a small grid of cells and sizes on both cores; keep the best on validation')
    .option('--global', 'one network over every series of a long-format file, saved as one model file')
    .action(async (csv: string, flags: ModelFlags & OutputFlags & { out: string; global?: boolean }) => {
      if (flags.global) return trainGlobal(csv, flags);
      const { series } = await loadSeries(csv, flags);
      const model = await fitWithProgress(series, toForecastOptions(flags), flags);
      await saveModel(model, flags.out);
      const evaluation = evaluate(model, series);
      if (flags.json) {
        console.log(
          JSON.stringify(
            {
              model: flags.out,
              config: model.config,
              leaderboard: model.leaderboard,
              training: model.training && { ...model.training, history: undefined },
              evaluation,
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
      console.log(`model written to ${flags.out}`);
    });
}

async function trainGlobal(csv: string, flags: GlobalFlags & { out: string }): Promise<void> {
  const { model } = await fitGlobalFromFile(csv, flags);
  await saveGlobalModel(model, flags.out);
  if (flags.json) {
    console.log(JSON.stringify({ model: flags.out, ...globalReportJson(model) }, null, 2));
    return;
  }
  console.log(describeGlobal(model));
  console.log(`model written to ${flags.out}`);
}
