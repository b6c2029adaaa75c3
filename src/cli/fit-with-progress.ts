// Fits a model from the CLI: progress on stderr (bar on a TTY, lines otherwise, nothing
// with --quiet), and Ctrl-C stops training early keeping the best weights so far.
import { defaultGrid, fit, searchFit } from '../forecaster.ts';
import type { FitProgress, ForecastModel, ForecastOptions, TimeSeries } from '../forecaster.ts';
import { num, table } from './format.ts';
import { createProgressReporter, progressMode } from './progress.ts';

export interface OutputFlags {
  json?: boolean;
  quiet?: boolean;
  search?: boolean;
}

export interface ProgressHooks {
  onEpoch: (progress: FitProgress) => void;
  finish: () => void;
  signal: AbortSignal;
  dispose: () => void;
}

export function progressHooks(flags: OutputFlags): ProgressHooks {
  const reporter = createProgressReporter(
    process.stderr,
    progressMode(process.stderr, flags.quiet === true || flags.json === true),
  );
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  return {
    onEpoch: reporter.onEpoch,
    finish: reporter.finish,
    signal: controller.signal,
    dispose: () => process.off('SIGINT', onSigint),
  };
}

/**
 * Fits from the CLI. With --search, fits the default grid on worker threads instead and
 * keeps the candidate with the lowest validation MAE.
 */
export async function fitWithProgress(
  series: TimeSeries,
  options: ForecastOptions,
  flags: OutputFlags & { search?: boolean },
): Promise<ForecastModel> {
  if (flags.search) {
    const result = await searchFit(series, defaultGrid(options));
    if (!flags.quiet && !flags.json) {
      process.stderr.write(`${table(
        ['candidate', 'validation MAE', 'seconds'],
        result.candidates.map((c) => [c.label, num(c.validationMae), num(c.elapsedMs / 1000, 3)]),
      )}
kept: ${result.bestLabel}
`);
    }
    return result.best;
  }
  const hooks = progressHooks(flags);
  try {
    return await fit(series, options, { onEpoch: hooks.onEpoch, signal: hooks.signal, parallel: true });
  } finally {
    hooks.finish();
    hooks.dispose();
  }
}
