// What `run --global` and `train --global` share: read every series of the file, fit one
// global model with progress on stderr, and the report that ranks the series by how the
// model did against seasonal naive on each one's validation origins.
import { fitGlobal } from '../forecaster.ts';
import type { GlobalModel, TimeSeries } from '../forecaster.ts';
import { num } from './format.ts';
import { loadCollection } from './load-series.ts';
import { toForecastOptions } from './model-options.ts';
import type { ModelFlags } from './model-options.ts';

export interface GlobalFlags extends ModelFlags {
  quiet?: boolean;
  json?: boolean;
}

export async function fitGlobalFromFile(
  csv: string,
  flags: GlobalFlags,
): Promise<{ model: GlobalModel; series: TimeSeries[]; idColumn: string }> {
  const { series, idColumn } = await loadCollection(csv, flags);
  const progress = flags.quiet || flags.json ? undefined : (line: string) => console.error(line);
  progress?.(`fitting one global model on ${series.length} series of ${csv}`);
  const model = await fitGlobal(series, toForecastOptions(flags), {
    onEpoch: (p) => {
      if (p.partial === undefined)
        progress?.(
          `epoch ${p.epoch}: training loss ${num(p.trainLoss)}, validation loss ${num(p.validationLoss ?? Number.NaN)}`,
        );
    },
  });
  return { model, series, idColumn };
}

/** The series best first by validation score, the ones seasonal naive beat marked, and what was left out. */
export function describeGlobal(model: GlobalModel): string {
  const ranked = [...model.series].sort((a, b) => a.validation.score - b.validation.score);
  const beats = ranked.filter((s) => s.validation.score < 1).length;
  const net = model.config.network;
  return [
    `global model: ${net.cell} ${net.layers}×${net.hiddenSize}, window ${model.config.windowLength}, best epoch ${model.training.bestEpoch}; beats seasonal naive (m = ${model.config.seasonLength}) on validation for ${beats} of ${ranked.length} series`,
    ...(model.members && model.members.length > 0
      ? [
          `an ensemble: the median of ${model.members.length + 1} networks, each on its own seasonal normalisation (m = ${[model, ...model.members].map((m) => m.config.seasonLength).join(', ')}); the scores are the combination's`,
        ]
      : []),
    ...(model.statics.length > 0
      ? [
          `static inputs: ${model.statics.map((s) => (s.kind === 'number' ? `${s.name} (a number)` : `${s.name} (${s.levels.length} categories)`)).join(', ')}`,
        ]
      : []),
    'series by validation score (1 = seasonal naive, lower is better):',
    ...ranked.map(
      (s) =>
        `  ${s.id.padEnd(20)} score ${num(s.validation.score, 3)}  sMAPE ${num(s.validation.smape, 3)}  MASE ${num(s.validation.mase, 3)}${s.validation.score < 1 ? '' : '  (seasonal naive was better)'}`,
    ),
    ...model.excluded.map((e) => `  ${e.id.padEnd(20)} left out of the global model: ${e.reason}`),
    ...model.warnings.map((w) => `warning: ${w}`),
  ].join('\n');
}

/** The report as JSON: series best first. */
export function globalReportJson(model: GlobalModel): object {
  return {
    config: model.config,
    series: [...model.series]
      .sort((a, b) => a.validation.score - b.validation.score)
      .map((s) => ({ id: s.id, validation: s.validation })),
    excluded: model.excluded,
    warnings: model.warnings,
  };
}
