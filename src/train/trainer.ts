// The training loop over windows already shaped for the engine: inputs [N, T, F] and
// targets [N, K] as typed arrays. It knows nothing of CSV, dates or scaling. Each epoch
// walks seeded shuffled minibatches, then scores the validation windows; early stopping
// restores the best weights whatever ends training.
import type { Floats } from '../rnn/floats.ts';
import { lossAndGradient } from '../rnn/loss.ts';
import type { Network } from '../rnn/network.ts';
import { clipByGlobalNorm, createOptimizer, globalNorm } from '../rnn/optim.ts';
import { createRandom } from '../rnn/random.ts';
import { resolveTrainingConfig } from './config.ts';
import type { TrainingConfig } from './config.ts';
import { createEarlyStopping } from './early-stopping.ts';
import { createBudget } from './budget.ts';
import { planEpochs, sampleFront } from './epoch-plan.ts';
import { checkBatch, checkCount, checkWindows, nonFiniteGradient, nonFiniteLoss } from './window-checks.ts';
import { createPlateauSchedule } from './plateau.ts';
import { createShardedStep } from './parallel/sharded-step.ts';
import { trainingThreads } from './parallel/training-threads.ts';
import { evaluateLoss, gather } from './window-batches.ts';

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
  gather(indices: Uint32Array, from: number, n: number, x: Floats, y: Floats): void;
}

export interface TrainOptions {
  windowLength: number;
  train: WindowData | WindowSource;
  validation?: WindowData | null;
  config?: Partial<TrainingConfig>;
  signal?: AbortSignal;
  onEpoch?: (progress: EpochProgress) => void;
  /**
   * Threads the gradient steps run on: 1, or 2 to run each minibatch's second shard on a
   * helper thread (src/train/parallel). Absent: training-threads.ts decides. Only speed
   * depends on it, never the result.
   */
  threads?: number;
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
  const step = createShardedStep(net, B, T, trainingThreads(options.threads));
  const { x: xBatch, y: yBatch, dOut } = step;
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
    epochWindows: config.epochWindows,
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
        // The true targets go in as the teacher: a sequence-to-sequence decoder is fed them as
        // its previous outputs (teacher forcing); validation below feeds it its own.
        const out = step.forward(n, true);
        const loss = lossAndGradient(config.loss, out, yBatch, n * K, dOut);
        if (!Number.isFinite(loss)) throw nonFiniteLoss(epoch, out, n, K, order, start);
        const grads = step.backward(n, config.truncateSteps);
        const norm = config.clipNorm === null ? globalNorm(grads) : clipByGlobalNorm(grads, config.clipNorm);
        if (!Number.isFinite(norm)) throw nonFiniteGradient(epoch, net, grads, order[start]!);
        optimizer.step(net.params, grads);
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
      const validationLoss = validation ? evaluateLoss(step, validation, config.loss) : null;
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
    step.close();
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

function isWindowSource(data: WindowData | WindowSource): data is WindowSource {
  return 'gather' in data;
}
