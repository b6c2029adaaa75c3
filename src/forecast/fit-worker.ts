// Worker-thread entry for fit-in-worker.ts: fits one model, reporting every epoch, and
// aborts (keeping the best weights) when told to cancel. The model travels back as the
// same JSON a model file holds.
import { parentPort } from 'node:worker_threads';
import type { TimeSeries } from '../data/types.ts';
import type { ForecastOptions } from './config.ts';
import { fit } from './fit.ts';
import { modelToJSON } from './model-file.ts';

export type FitWorkerRequest =
  | { type: 'fit'; series: TimeSeries; options: ForecastOptions }
  | { type: 'cancel' };

const port = parentPort!;
const controller = new AbortController();

port.on('message', (message: FitWorkerRequest) => {
  if (message.type === 'cancel') {
    controller.abort();
    return;
  }
  fit(message.series, message.options, {
    signal: controller.signal,
    onEpoch: (progress) => port.postMessage({ type: 'epoch', progress }),
  })
    .then((model) => port.postMessage({ type: 'done', model: modelToJSON(model) }))
    .catch((e: unknown) =>
      port.postMessage({ type: 'error', name: (e as Error).name, message: (e as Error).message }),
    )
    .finally(() => port.close());
});
