// One series of a `model: global` job: forecast with the job's global model (trained once
// by global-jobs.ts, read once per worker), write the forecast and the series' validation
// score beside seasonal naive. A series the global model left out (too short for its
// window) returns null, and the task fits it on its own as any per-series job would.
import { forecastCsv, forecastGlobal, forecastRows, loadGlobalModel } from '../forecaster.ts';
import type { GlobalModel, TimeSeries } from '../forecaster.ts';
import { writeFileAtomic } from '../files/atomic-write.ts';
import type { SeriesTask, TaskOutcome } from './task.ts';

/** Per worker: a job's hundreds of series read its model file once. */
const loaded = new Map<string, Promise<GlobalModel>>();

export async function forecastWithGlobal(
  task: SeriesTask,
  modelPath: string,
  series: TimeSeries,
  paths: { forecast: string; metrics: string },
): Promise<Omit<TaskOutcome, 'key' | 'fingerprint' | 'wallMs' | 'peakHeapMb'> | null> {
  const cacheKey = `${modelPath}\0${task.global?.modelHash ?? ''}`;
  const pending = loaded.get(cacheKey) ?? loadGlobalModel(modelPath);
  loaded.set(cacheKey, pending);
  const model = await pending;
  // global-jobs.ts fitted each series under its task key.
  const fitted = model.series.find((s) => s.id === task.key);
  if (!fitted) return null;
  const future = forecastGlobal(model, { ...series, id: task.key });
  await writeFileAtomic(
    paths.forecast,
    task.output.format === 'csv'
      ? forecastCsv(future, series, { intervals: task.output.intervals })
      : `${JSON.stringify({ kind: future.kind, rows: forecastRows(future) }, null, 2)}\n`,
  );
  await writeFileAtomic(
    paths.metrics,
    `${JSON.stringify({ key: task.key, model: 'global', globalModel: modelPath, validation: fitted.validation }, null, 2)}\n`,
  );
  return {
    status: 'succeeded',
    trained: false,
    modelPath,
    forecastPath: paths.forecast,
    metrics: null,
  };
}
