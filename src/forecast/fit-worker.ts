// Worker-thread entry for fit-in-worker.ts: fits a whole model, one RNN candidate, or a
// global model (or one member of a global ensemble) over a collection, reporting every epoch, and aborts (keeping the best
// weights) when told to cancel. The result travels back as the same JSON a model file holds.
import { parentPort } from 'node:worker_threads';
import { fit } from './fit.ts';
import { fitGlobal } from './global/fit-global.ts';
import { fitGlobalMember } from './global/fit-global-member.ts';
import { globalModelToJSON } from './global/global-model-file.ts';
import type { FitWorkerRequest } from './fit-worker-messages.ts';
import { modelToJSON } from './model-file.ts';
import { fitRnn } from './rnn-forecaster.ts';

const port = parentPort!;
const controller = new AbortController();

port.on('message', (message: FitWorkerRequest) => {
  if (message.type === 'cancel') {
    controller.abort();
    return;
  }
  const hooks = {
    signal: controller.signal,
    onEpoch: (progress: unknown) => port.postMessage({ type: 'epoch', progress }),
  };
  const work =
    message.type === 'fit'
      ? fit(message.series, message.options, hooks).then(modelToJSON)
      : message.type === 'fit-global'
        ? fitGlobal(message.collection, message.options, hooks).then(globalModelToJSON)
        : message.type === 'fit-global-member'
          ? fitGlobalMember(message.collection, message.options, hooks).then(({ model, validation }) => ({
              model: globalModelToJSON(model),
              validation,
            }))
          : fitRnn(message.series, message.config, message.split, hooks).then((f) => f.toJSON());
  work
    .then((result) => port.postMessage({ type: 'done', result }))
    .catch((e: unknown) =>
      port.postMessage({ type: 'error', name: (e as Error).name, message: (e as Error).message }),
    )
    .finally(() => port.close());
});
