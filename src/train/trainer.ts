// The training loop over windows already shaped for the engine: inputs [N, T, F] and
// targets [N, K] as typed arrays. It knows nothing of CSV, dates or scaling. Each epoch
// walks seeded shuffled minibatches, then scores the validation windows; early stopping
// restores the best weights whatever ends training.
import { backwardBatch, createWorkspace, forwardBatch } from '../rnn/bptt.ts';
import type { Workspace } from '../rnn/bptt.ts';
import { lossAndGradient, lossValue } from '../rnn/loss.ts';
import type { Network } from '../rnn/network.ts';
import { clipByGlobalNorm, createOptimizer, globalNorm } from '../rnn/optim.ts';
import { createRandom } from '../rnn/random.ts';
import { resolveTrainingConfig } from './config.ts';
import type { TrainingConfig } from './config.ts';
import { createEarlyStopping } from './early-stopping.ts';
import { NonFiniteError } from './errors.ts';
import { createPlateauSchedule } from './plateau.ts';

export interface WindowData {
  inputs: Float64Array; // [count, windowLength, inputSize]
  targets: Float64Array; // [count, outputs]
  count: number;
}

export interface EpochRecord {
  epoch: number;
  trainLoss: number;
  validationLoss: number | null;
  /** Mean global gradient norm over the epoch's batches, before clipping. */
  gradientNorm: number;
  learningRate: number;
  elapsedMs: number;
}

export interface EpochProgress extends EpochRecord {
  maxEpochs: number;
  /** Upper bound: assumes training runs to maxEpochs. */
  etaMs: number;
}

export interface TrainOptions {
  windowLength: number;
  train: WindowData;
  validation?: WindowData | null;
  config?: Partial<TrainingConfig>;
  signal?: AbortSignal;
  onEpoch?: (progress: EpochProgress) => void;
}

export const STOP_REASONS = ['patience', 'max-epochs', 'work-budget', 'time-budget', 'cancelled'] as const;
export type StopReason = (typeof STOP_REASONS)[number];

export interface TrainingResult {
  history: EpochRecord[];
  bestEpoch: number;
  /** Validation loss of the restored weights (training loss when there is no validation). */
  bestLoss: number;
  stoppedBy: StopReason;
  config: TrainingConfig;
  elapsedMs: number;
}

/** Trains net in place. Yields to the event loop every ~50 ms so an AbortSignal can land. */
export async function train(net: Network, options: TrainOptions): Promise<TrainingResult> {
  const validation = options.validation && options.validation.count > 0 ? options.validation : null;
  const config = resolveTrainingConfig(options.config ?? {}, validation !== null);
  const T = options.windowLength;
  checkWindows(net, T, options.train, 'training');
  if (validation) checkWindows(net, T, validation, 'validation');

  const { inputSize: F, outputs: K } = net.config;
  const B = Math.min(config.batchSize, options.train.count);
  const ws = createWorkspace(net, B, T);
  const xBatch = new Float64Array(B * T * F),
    yBatch = new Float64Array(B * K),
    dOut = new Float64Array(B * K);
  const order = Uint32Array.from({ length: options.train.count }, (_, i) => i);
  const random = createRandom(config.seed);
  const optimizer = createOptimizer(
    { kind: config.optimizer, learningRate: config.learningRate, momentum: config.momentum },
    net.params.length,
  );
  const stopping = createEarlyStopping(config, net.params.length);
  const plateau = config.reduceLrOnPlateau ? createPlateauSchedule(config.reduceLrOnPlateau) : null;
  const history: EpochRecord[] = [];
  const workPerEpoch = net.params.length * options.train.count * T;
  const started = performance.now();
  let lastYield = started;
  let stoppedBy: TrainingResult['stoppedBy'] = 'max-epochs';

  try {
    epochs: for (let epoch = 1; epoch <= config.maxEpochs; epoch++) {
      random.shuffle(order);
      let lossSum = 0,
        normSum = 0,
        batches = 0;
      for (let start = 0; start < order.length; start += B) {
        if (options.signal?.aborted) {
          stoppedBy = 'cancelled';
          break epochs;
        }
        const n = Math.min(B, order.length - start);
        gather(options.train, order, start, n, T * F, K, xBatch, yBatch);
        const out = forwardBatch(ws, xBatch, n);
        const loss = lossAndGradient(config.loss, out, yBatch, n * K, dOut);
        if (!Number.isFinite(loss)) throw nonFiniteLoss(epoch, out, n, K, order, start);
        backwardBatch(ws, dOut, n, config.truncateSteps);
        const norm =
          config.clipNorm === null ? globalNorm(ws.grads) : clipByGlobalNorm(ws.grads, config.clipNorm);
        if (!Number.isFinite(norm)) throw nonFiniteGradient(epoch, net, ws, order[start]!);
        optimizer.step(net.params, ws.grads);
        lossSum += loss * n;
        normSum += norm;
        batches++;
        if (performance.now() - lastYield > 50) {
          await new Promise((r) => setImmediate(r));
          lastYield = performance.now();
        }
      }
      const trainLoss = lossSum / order.length;
      const validationLoss = validation ? evaluateLoss(ws, validation, config.loss) : null;
      const monitored = validationLoss ?? trainLoss;
      const elapsedMs = performance.now() - started;
      const record: EpochRecord = {
        epoch,
        trainLoss,
        validationLoss,
        gradientNorm: normSum / batches,
        learningRate: optimizer.learningRate,
        elapsedMs,
      };
      history.push(record);
      options.onEpoch?.({
        ...record,
        maxEpochs: config.maxEpochs,
        etaMs: (elapsedMs / epoch) * (config.maxEpochs - epoch),
      });
      if (stopping.observe(epoch, monitored, net.params)) {
        stoppedBy = 'patience';
        break;
      }
      if (epoch === config.maxEpochs) break;
      if (config.maxTrainingWork !== undefined && epoch * workPerEpoch >= config.maxTrainingWork) {
        stoppedBy = 'work-budget';
        break;
      }
      if (config.maxTrainingMs !== undefined && elapsedMs > config.maxTrainingMs) {
        stoppedBy = 'time-budget';
        break;
      }
      if (plateau) optimizer.learningRate = plateau.next(monitored, optimizer.learningRate);
    }
  } finally {
    stopping.restoreBest(net.params);
  }
  const best = stopping.best();
  return {
    history,
    bestEpoch: best?.epoch ?? 0,
    bestLoss: best?.loss ?? NaN,
    stoppedBy,
    config,
    elapsedMs: performance.now() - started,
  };
}

/** Mean loss of the network over a set of windows, in chunks of the workspace's batch. */
export function evaluateLoss(ws: Workspace, data: WindowData, loss: TrainingConfig['loss']): number {
  const T = ws.steps,
    F = ws.net.config.inputSize,
    K = ws.net.config.outputs;
  let sum = 0;
  for (let start = 0; start < data.count; start += ws.maxBatch) {
    const n = Math.min(ws.maxBatch, data.count - start);
    const out = forwardBatch(ws, data.inputs, n, start * T * F);
    sum += lossValue(loss, out, data.targets, n * K, start * K) * n;
  }
  return sum / data.count;
}

function gather(
  data: WindowData,
  order: Uint32Array,
  start: number,
  n: number,
  xStride: number,
  K: number,
  x: Float64Array,
  y: Float64Array,
): void {
  for (let r = 0; r < n; r++) {
    const w = order[start + r]!;
    // Plain copies: subarray() would allocate a view object per window per batch.
    for (let i = 0, from = w * xStride, to = r * xStride; i < xStride; i++)
      x[to + i] = data.inputs[from + i]!;
    for (let k = 0; k < K; k++) y[r * K + k] = data.targets[w * K + k]!;
  }
}

function checkWindows(net: Network, T: number, data: WindowData, label: string): void {
  const F = net.config.inputSize,
    K = net.config.outputs;
  if (!Number.isInteger(data.count) || data.count < 1)
    throw new Error(`${label} windows: need at least one window, got ${data.count}`);
  if (data.inputs.length !== data.count * T * F)
    throw new Error(
      `${label} windows: inputs hold ${data.inputs.length} values, ${data.count}×${T}×${F} expected`,
    );
  if (data.targets.length !== data.count * K)
    throw new Error(
      `${label} windows: targets hold ${data.targets.length} values, ${data.count}×${K} expected`,
    );
  const bad = (a: Float64Array, stride: number) => {
    for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i]!)) return Math.floor(i / stride);
    return -1;
  };
  const parts = [
    ['input', data.inputs, T * F],
    ['target', data.targets, K],
  ] as const;
  for (const [part, values, stride] of parts) {
    const window = bad(values, stride);
    if (window >= 0)
      throw new NonFiniteError(
        0,
        part,
        null,
        window,
        `${label} window ${window} has a non-finite ${part} value; clean or fill the series first`,
      );
  }
}

function nonFiniteLoss(
  epoch: number,
  out: Float64Array,
  n: number,
  K: number,
  order: Uint32Array,
  start: number,
): NonFiniteError {
  let row = 0;
  for (let i = 0; i < n * K; i++)
    if (!Number.isFinite(out[i]!)) {
      row = Math.floor(i / K);
      break;
    }
  const window = order[start + row]!;
  return new NonFiniteError(
    epoch,
    'loss',
    null,
    window,
    `training diverged in epoch ${epoch}: the loss is not finite (network output for input window ${window} is ${out[row * K]}); lower the learning rate or turn on gradient clipping`,
  );
}

function nonFiniteGradient(epoch: number, net: Network, ws: Workspace, window: number): NonFiniteError {
  const tensor = net.tensors.find((t) =>
    ws.grads.subarray(t.offset, t.offset + t.size).some((v) => !Number.isFinite(v)),
  );
  const name = tensor?.name ?? 'unknown';
  return new NonFiniteError(
    epoch,
    'gradient',
    name,
    window,
    `training diverged in epoch ${epoch}: the gradient of ${name} is not finite (batch starting with input window ${window}); lower the learning rate or turn on gradient clipping`,
  );
}
