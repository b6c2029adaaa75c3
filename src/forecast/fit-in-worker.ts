// fit() on a worker thread, so the caller's event loop stays free (a server keeps
// answering; a grid search uses every core). Same model, same numbers: the worker runs
// the very same fit and sends the model back as model-file JSON.
import type { TimeSeries } from '../data/types.ts';
import { startTsWorker } from '../workers/ts-worker.ts';
import type { ForecastOptions } from './config.ts';
import type { FitHooks } from './fit-hooks.ts';
import type { SplitRanges } from '../prep/split.ts';
import type { ForecastConfig } from './config.ts';
import type { FittedJSON } from './contract.ts';
import { rnnFromJSON } from './rnn-forecaster.ts';
import type { RnnForecaster } from './rnn-forecaster.ts';
import type { FitWorkerReply, FitWorkerRequest } from './fit-worker-messages.ts';
import type { ForecastModel } from './model.ts';
import { modelFromJSON } from './model-file.ts';
import { globalModelFromJSON } from './global/global-model-file.ts';
import type { GlobalModel } from './global/global-model.ts';
import type { MemberValidation } from './global/fit-global-member.ts';

/** An error raised inside the worker, with its original class name kept. */
export class WorkerFitError extends Error {
  constructor(
    readonly originalName: string,
    message: string,
  ) {
    super(message);
    this.name = originalName;
  }
}

/**
 * fit() on a worker thread, so the caller's event loop stays free (the server's training
 * queue uses it). Progress and cancellation cross the thread through `hooks`; the model
 * comes back through its JSON form, as a model file would.
 *
 * @example
 * const controller = new AbortController();
 * const model = await fitInWorker(series, { horizonSteps: 14 }, {
 *   signal: controller.signal, // controller.abort() stops training and keeps the best weights
 *   onEpoch: (p) => console.log(p.stage, p.epoch, p.trainLoss),
 * });
 */
export function fitInWorker(
  series: TimeSeries,
  options: ForecastOptions,
  hooks: FitHooks = {},
): Promise<ForecastModel> {
  return runInWorker({ type: 'fit', series, options }, hooks, (json) =>
    modelFromJSON(json, 'model from worker'),
  );
}

/** One RNN candidate's fit on a worker thread: what auto mode runs in parallel. */
export function fitRnnInWorker(
  series: TimeSeries,
  config: ForecastConfig,
  split: SplitRanges,
  hooks: FitHooks = {},
): Promise<RnnForecaster> {
  return runInWorker({ type: 'fit-rnn', series, config, split }, hooks, (json) =>
    rnnFromJSON(json as FittedJSON),
  );
}

/** fitGlobal on a worker thread: the web app's "one model on all series". */
export function fitGlobalInWorker(
  collection: TimeSeries[],
  options: ForecastOptions,
  hooks: FitHooks = {},
): Promise<GlobalModel> {
  return runInWorker({ type: 'fit-global', collection, options }, hooks, (json) =>
    globalModelFromJSON(json, 'global model from worker'),
  );
}

/** One network of a global ensemble (fit-global.ts), with its held-out validation forecasts. */
export function fitGlobalMemberInWorker(
  collection: readonly TimeSeries[],
  options: ForecastOptions,
  hooks: FitHooks = {},
): Promise<{ model: GlobalModel; validation: MemberValidation[] }> {
  return runInWorker({ type: 'fit-global-member', collection: [...collection], options }, hooks, (json) => {
    const { model, validation } = json as { model: unknown; validation: MemberValidation[] };
    return { model: globalModelFromJSON(model, 'global ensemble member from worker'), validation };
  });
}

function runInWorker<T>(
  request: FitWorkerRequest,
  hooks: FitHooks,
  decode: (json: unknown) => T,
): Promise<T> {
  const worker = startTsWorker(new URL('./fit-worker.ts', import.meta.url));
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (!settled) {
        settled = true;
        hooks.signal?.removeEventListener('abort', cancel);
        fn();
      }
    };
    const cancel = () => worker.postMessage({ type: 'cancel' } satisfies FitWorkerRequest);
    hooks.signal?.addEventListener('abort', cancel);
    worker.on('message', (reply: FitWorkerReply) => {
      if (reply.type === 'epoch') hooks.onEpoch?.(reply.progress);
      else if (reply.type === 'done')
        settle(() => {
          // A result that does not decode must reject the fit, not throw in this callback:
          // thrown here it would be uncaught and leave the fit pending for ever.
          try {
            resolve(decode(reply.result));
          } catch (e) {
            reject(e);
          }
        });
      else settle(() => reject(new WorkerFitError(reply.name, reply.message)));
    });
    worker.on('error', (e) => settle(() => reject(e)));
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`the training worker exited (code ${code}) before finishing`))),
    );
    worker.postMessage(request);
    if (hooks.signal?.aborted) cancel();
  });
}
