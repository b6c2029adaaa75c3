// `recurrent run data.csv --id store --target sales --horizon 14 --global auto --out f.csv`:
// auto mode for a collection. One global network and a fit per series are both fitted
// without the last h values of every series and judged on them (chooseCollectionFit); the
// better is fitted on all the data and forecasts every series, and the report says which
// was chosen and by how much. `--time-allowed <minutes>` bounds the per-series fits: when
// they cannot all finish in it, the global model is chosen and the report says why.
import { chooseCollectionFit, forecast, saveGlobalModel } from '../../forecaster.ts';
import type { CollectionForecast } from '../../forecaster.ts';
import { UsageError } from '../errors.ts';
import { describeGlobal } from '../global-fit.ts';
import { loadCollection } from '../load-series.ts';
import { toForecastOptions } from '../model-options.ts';
import { describeWritten, writeCollection, writeGlobalForecasts } from './run-global.ts';
import type { GlobalRunFlags } from './run-global.ts';

export async function runGlobalAuto(
  csv: string,
  flags: GlobalRunFlags & { timeAllowed?: number },
): Promise<void> {
  if (flags.timeAllowed !== undefined && !(flags.timeAllowed > 0))
    throw new UsageError(`--time-allowed must be a positive number of minutes, got ${flags.timeAllowed}`);
  const { series, idColumn } = await loadCollection(csv, flags);
  const options = toForecastOptions(flags);
  if (!flags.quiet && !flags.json)
    console.error(
      `choosing between one global model and a fit per series for the ${series.length} series of ${csv}, on the last ${options.horizonSteps} values of each`,
    );
  const budgetMs = flags.timeAllowed === undefined ? undefined : flags.timeAllowed * 60_000;
  const fitted = await chooseCollectionFit(series, options, { budgetMs });
  let entries: CollectionForecast[];
  if (fitted.kind === 'global') {
    entries = await writeGlobalForecasts(fitted.global, series, idColumn, flags, options);
    if (flags.saveModel) await saveGlobalModel(fitted.global, flags.saveModel);
  } else {
    entries = series.map((s) => {
      const model = fitted.models.get(s.id);
      if (!model) throw new Error(`no model was fitted for series "${s.id}"`);
      const future = forecast(model, s, flags.horizon);
      return {
        id: s.id,
        history: s,
        forecast: future,
        source: 'own fit',
        reason: 'a fit per series was chosen',
      };
    });
    await writeCollection(entries, idColumn, flags);
    // One model file holds one global model; the per-series models are not written.
    if (flags.saveModel && !flags.json)
      console.error(
        `--save-model ${flags.saveModel}: a fit per series was chosen, so no global model file was written`,
      );
  }
  if (flags.json) {
    console.log(JSON.stringify({ out: flags.out, choice: fitted.choice }, null, 2));
    return;
  }
  console.log(`auto mode chose ${fitted.choice.reason}`);
  if (fitted.kind === 'global') {
    console.log(describeGlobal(fitted.global));
    console.log(describeWritten(entries, flags.out));
  } else {
    const rows = entries.reduce((s, e) => s + e.forecast.forecast.length, 0);
    console.log(`${rows} forecast rows written to ${flags.out}`);
  }
}
