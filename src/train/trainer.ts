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
import type { Random } from '../rnn/random.ts';
import { resolveTrainingConfig } from './config.ts';
import type { TrainingConfig } from './config.ts';
import { createEarlyStopping } from './early-stopping.ts';
import { planEpochs } from './epoch-plan.ts';
import type { EpochPlan } from './epoch-plan.ts';
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
  /**
   * Upper bound on the time left: training runs to maxEpochs or to the work cap, whichever
   * comes first, at the pace measured so far (the wall-clock cap bounds it too).
   */
  etaMs: number;
  /**
   * Set on a report from inside a long epoch (see LONG_EPOCH_BATCHES), so that a long
   * first epoch is not silent: the minibatches done of the epoch's total. `epoch` is then
   * fractional, the epochs completed so far (0.25: a quarter into the first), so reports
   * keep increasing; its losses are the running mean so far, with no validation loss.
   */
  partial?: { batches: number; batchesPerEpoch: number };
}

/**
 * A training set too large to hold as one array (millions of windows): it cuts and scales
 * each minibatch's windows on demand, from their indices.
 */
export interface WindowSource {
  count: number;
  /** Fills x [n, T, F] and y [n, K] with the windows indices[from], …, indices[from + n − 1]. */
  gather(indices: Uint32Array, from: number, n: number, x: Float64Array, y: Float64Array): void;
}

export interface TrainOptions {
  windowLength: number;
  train: WindowData | WindowSource;
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
  /** Training windows each epoch drew from (all of them unless subsampled) and how many it drew. */
  windows: { available: number; perEpoch: number };
  /** Parameter-steps trained, what maxTrainingWork caps. */
  work: number;
}

/** Epochs of at least this many minibatches report progress from inside, not only at their end. */
export const LONG_EPOCH_BATCHES = 256;
/** A long epoch's first report comes after this many minibatches: an early, measured ETA. */
const FIRST_REPORT_BATCHES = 16;
/**
 * The first minibatches run while the JIT is still compiling, several times slower than
 * the rest: the ETA's pace is measured from the end of this many, not from the start.
 */
const WARMUP_BATCHES = 4;
/** Later reports inside a long epoch come at most this often. */
const REPORT_INTERVAL_MS = 2000;

/** Trains net in place, yielding to the event loop between minibatches so an AbortSignal can land. */
export async function train(net: Network, options: TrainOptions): Promise<TrainingResult> {
  const validation = options.validation && options.validation.count > 0 ? options.validation : null;
  const config = resolveTrainingConfig(options.config ?? {}, validation !== null);
  const T = options.windowLength;
  const source = options.train;
  if (isWindowSource(source)) checkCount(source.count, 'training');
  else checkWindows(net, T, source, 'training');
  if (validation) checkWindows(net, T, validation, 'validation');

  const { inputSize: F, outputs: K } = net.config;
  const B = Math.min(config.batchSize, source.count);
  const ws = createWorkspace(net, B, T);
  const xBatch = new Float64Array(B * T * F),
    yBatch = new Float64Array(B * K),
    dOut = new Float64Array(B * K);
  const order = Uint32Array.from({ length: source.count }, (_, i) => i);
  const random = createRandom(config.seed);
  const optimizer = createOptimizer(
    { kind: config.optimizer, learningRate: config.learningRate, momentum: config.momentum },
    net.params.length,
  );
  const stopping = createEarlyStopping(config, net.params.length);
  const plateau = config.reduceLrOnPlateau ? createPlateauSchedule(config.reduceLrOnPlateau) : null;
  const history: EpochRecord[] = [];
  const plan = planEpochs({
    parameterCount: net.params.length,
    windowLength: T,
    trainWindows: source.count,
    batchSize: B,
    maxTrainingWork: config.maxTrainingWork,
  });
  const perEpoch = plan.windowsPerEpoch;
  const windowWork = net.params.length * T;
  const workPerEpoch = windowWork * perEpoch;
  const batchesPerEpoch = Math.ceil(perEpoch / B);
  const budget = createBudget(config, plan, workPerEpoch);
  const started = performance.now();
  let lastYield = started;
  let lastReport = started;
  let workDone = 0;
  let stoppedBy: TrainingResult['stoppedBy'] = 'max-epochs';

  try {
    epochs: for (let epoch = 1; epoch <= config.maxEpochs; epoch++) {
      // The subsampled path draws its own subset; the full path is untouched, byte for byte.
      if (plan.subsampled) sampleFront(random, order, perEpoch);
      else random.shuffle(order);
      let lossSum = 0,
        normSum = 0,
        batches = 0,
        seen = 0;
      let cutShort: 'work-budget' | 'time-budget' | null = null;
      for (let start = 0; start < perEpoch; start += B) {
        if (options.signal?.aborted) {
          stoppedBy = 'cancelled';
          break epochs;
        }
        const n = Math.min(B, perEpoch - start);
        if (isWindowSource(source)) {
          source.gather(order, start, n, xBatch, yBatch);
          checkBatch(xBatch, yBatch, n * T * F, n * K, T * F, K, order, start);
        } else gather(source, order, start, n, T * F, K, xBatch, yBatch);
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
        seen += n;
        workDone += n * windowWork;
        if (epoch === 1 && batches === WARMUP_BATCHES) budget.markWarm(workDone, performance.now() - started);
        // With a signal, yield after every minibatch so a cancel lands within one; without
        // one, every ~50 ms is enough to keep the event loop (and the process) responsive.
        if (options.signal || performance.now() - lastYield > 50) {
          await new Promise((r) => setImmediate(r));
          lastYield = performance.now();
        }
        if (start + n >= perEpoch) break; // the epoch's end checks the caps below
        const now = performance.now();
        cutShort = budget.cutShort(workDone, now - started);
        if (cutShort) break;
        const firstReport = batches === FIRST_REPORT_BATCHES;
        if (
          options.onEpoch &&
          batchesPerEpoch >= LONG_EPOCH_BATCHES &&
          (firstReport || now - lastReport >= REPORT_INTERVAL_MS)
        ) {
          lastReport = now;
          const elapsedMs = now - started;
          options.onEpoch({
            epoch: epoch - 1 + batches / batchesPerEpoch,
            trainLoss: lossSum / seen,
            validationLoss: null,
            gradientNorm: normSum / batches,
            learningRate: optimizer.learningRate,
            elapsedMs,
            maxEpochs: config.maxEpochs,
            etaMs: budget.etaMs(workDone, elapsedMs),
            partial: { batches, batchesPerEpoch },
          });
        }
      }
      // An epoch cut short by a cap ends like any other: scored, recorded, best weights kept.
      const trainLoss = lossSum / seen;
      const validationLoss = validation ? evaluateLoss(ws, validation, config.loss) : null;
      const monitored = validationLoss ?? trainLoss;
      const elapsedMs = performance.now() - started;
      lastReport = performance.now();
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
        etaMs: budget.etaMs(workDone, elapsedMs),
      });
      if (stopping.observe(epoch, monitored, net.params)) {
        stoppedBy = 'patience';
        break;
      }
      if (cutShort) {
        stoppedBy = cutShort;
        break;
      }
      if (epoch === config.maxEpochs) break;
      if (config.maxTrainingWork !== undefined && workDone >= config.maxTrainingWork) {
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
    windows: { available: source.count, perEpoch },
    work: workDone,
  };
}

interface Budget {
  /** Which cap, if any, stops training inside an epoch now. */
  cutShort(workDone: number, elapsedMs: number): 'work-budget' | 'time-budget' | null;
  /** Where the warm-up ends: the ETA's pace is measured from here on. */
  markWarm(workDone: number, elapsedMs: number): void;
  etaMs(workDone: number, elapsedMs: number): number;
}

/**
 * The caps, checked after every minibatch. Where one pass over all the windows fits the
 * work cap (every ordinary series), the work cap is still checked only at an epoch's end,
 * exactly as before: a check inside the epoch could only ever fire in the epoch that
 * crosses the cap, and would cut short an epoch the old check let finish, changing the
 * model. That epoch overruns the cap by less than one epoch, itself less than the cap, so
 * the overrun stays bounded. Where a pass does not fit (the windows are then subsampled, or
 * the cap is tiny), training stops at the first minibatch past the cap, mid-epoch if need be.
 * The wall-clock cap is checked after every minibatch: it stops only past the cap, and a
 * fit it stops already depends on how busy the machine was (the fit warns so).
 */
function createBudget(config: TrainingConfig, plan: EpochPlan, workPerEpoch: number): Budget {
  const cap = config.maxTrainingWork;
  const fits = cap === undefined || plan.fullEpochWork <= cap;
  const maxMs = config.maxTrainingMs;
  // The most work training can do: maxEpochs epochs, or up to the cap (to the end of the
  // epoch crossing it, where the work cap is checked only at epoch ends).
  let plannedWork = config.maxEpochs * workPerEpoch;
  if (cap !== undefined)
    plannedWork = Math.min(plannedWork, fits ? Math.ceil(cap / workPerEpoch) * workPerEpoch : cap);
  let warm = { work: 0, elapsedMs: 0 };
  return {
    cutShort(workDone, elapsedMs) {
      if (!fits && cap !== undefined && workDone >= cap) return 'work-budget';
      if (maxMs !== undefined && elapsedMs > maxMs) return 'time-budget';
      return null;
    },
    // Measured pace × work left: an upper bound (early stopping may end sooner) that never
    // assumes more epochs than the caps allow.
    markWarm(work, elapsedMs) {
      warm = { work, elapsedMs };
    },
    etaMs(workDone, elapsedMs) {
      const from = workDone > warm.work ? warm : { work: 0, elapsedMs: 0 };
      const msPerWork =
        workDone > from.work ? (elapsedMs - from.elapsedMs) / (workDone - from.work) : Infinity;
      const left = Math.max(0, plannedWork - workDone);
      const eta = left === 0 ? 0 : left * msPerWork;
      return maxMs === undefined ? eta : Math.min(eta, Math.max(0, maxMs - elapsedMs));
    },
  };
}

/** Puts a seeded random subset of `count` indices at the front of order: a partial Fisher–Yates shuffle. */
function sampleFront(random: Random, order: Uint32Array, count: number): void {
  for (let i = 0; i < count; i++) {
    const j = i + random.nextInt(order.length - i);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
}

function isWindowSource(data: WindowData | WindowSource): data is WindowSource {
  return 'gather' in data;
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

function checkCount(count: number, label: string): void {
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`${label} windows: need at least one window, got ${count}`);
}

function checkWindows(net: Network, T: number, data: WindowData, label: string): void {
  const F = net.config.inputSize,
    K = net.config.outputs;
  checkCount(data.count, label);
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

/** A gathered batch of an on-demand source, checked as checkWindows checks a whole array. */
function checkBatch(
  x: Float64Array,
  y: Float64Array,
  xLength: number,
  yLength: number,
  xStride: number,
  K: number,
  order: Uint32Array,
  start: number,
): void {
  const parts = [
    ['input', x, xLength, xStride],
    ['target', y, yLength, K],
  ] as const;
  for (const [part, values, length, stride] of parts)
    for (let i = 0; i < length; i++)
      if (!Number.isFinite(values[i]!)) {
        const window = order[start + Math.floor(i / stride)]!;
        throw new NonFiniteError(
          0,
          part,
          null,
          window,
          `training window ${window} has a non-finite ${part} value; clean or fill the series first`,
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
