// Training bounds on a long series (300 k points): the work cap holds within a minibatch,
// epochs draw a seeded random subset of the windows, a long first epoch reports progress
// (with an honest ETA) before it ends, and a cancel lands within a minibatch. Then the same
// through the forecast layer, whose long-series windows are cut per minibatch.
import { describe, expect, it } from 'vitest';
import type { TimeSeries } from '../../src/data/types.ts';
import { resolveForecastConfig } from '../../src/forecast/auto.ts';
import { planSplit } from '../../src/forecast/plan-split.ts';
import { columnsOf, fitModelScalers, windowsFor } from '../../src/forecast/prepare.ts';
import { ON_DEMAND_INPUT_VALUES, prepareTraining } from '../../src/forecast/prepare.ts';
import { fitRnn } from '../../src/forecast/rnn-forecaster.ts';
import { scaledWindowSource } from '../../src/prep/window-source.ts';
import { createNetwork } from '../../src/rnn/network.ts';
import { createRandom } from '../../src/rnn/random.ts';
import { SUBSAMPLED_EPOCHS_PER_BUDGET } from '../../src/train/epoch-plan.ts';
import { LONG_EPOCH_BATCHES, train } from '../../src/train/trainer.ts';
import type { EpochProgress, WindowData, WindowSource } from '../../src/train/trainer.ts';

const POINTS = 300_000;
const T = 16;

/** A noisy daily-and-hourly sine, minutely: the shape of the series the caps failed on. */
function longSeries(points: number, seed = 3): Float64Array {
  const random = createRandom(seed);
  return Float64Array.from(
    { length: points },
    (_, i) =>
      Math.sin((2 * Math.PI * i) / 1440) + 0.3 * Math.sin((2 * Math.PI * i) / 60) + 0.1 * random.normal(),
  );
}

/** Next-step windows of values[from, to): inputs [N, T, 1], targets [N, 1]. */
function windowsOf(values: Float64Array, from: number, to: number): WindowData {
  const count = to - from - T;
  const inputs = new Float64Array(count * T);
  const targets = new Float64Array(count);
  for (let w = 0; w < count; w++) {
    inputs.set(values.subarray(from + w, from + w + T), w * T);
    targets[w] = values[from + w + T]!;
  }
  return { inputs, targets, count };
}

const values = longSeries(POINTS);
const trainWindows = windowsOf(values, 0, POINTS - 1000);
const validationWindows = windowsOf(values, POINTS - 1000, POINTS);
const tinyGru = () => createNetwork({ cell: 'gru', inputSize: 1, hiddenSize: 4, layers: 1, outputs: 1 }, 7);
const windowWork = tinyGru().params.length * T;

/** The training windows as an on-demand source that counts the minibatches it was asked for. */
function countingSource(data: WindowData): WindowSource & { gathers: number } {
  const source = {
    count: data.count,
    gathers: 0,
    gather(indices: Uint32Array, from: number, n: number, x: Float64Array, y: Float64Array) {
      source.gathers++;
      for (let r = 0; r < n; r++) {
        const w = indices[from + r]!;
        x.set(data.inputs.subarray(w * T, (w + 1) * T), r * T);
        y[r] = data.targets[w]!;
      }
    },
  };
  return source;
}

describe('the work cap on a long series', () => {
  // 16 subsampled epochs of 400 windows make 6 400; the cap sits 4 windows further, so the
  // 17th epoch crosses it in its first minibatch — and must stop there, not 400 windows on.
  const cap = (SUBSAMPLED_EPOCHS_PER_BUDGET * 400 + 4) * windowWork;
  const run = async () => {
    const net = tinyGru();
    const result = await train(net, {
      windowLength: T,
      train: trainWindows,
      validation: validationWindows,
      config: { maxEpochs: 1000, patienceEpochs: 1000, learningRate: 0.01, maxTrainingWork: cap, seed: 5 },
    });
    return { result, weights: Array.from(net.params) };
  };
  let firstRun: ReturnType<typeof run> | undefined;
  const once = () => {
    firstRun ??= run();
    return firstRun;
  };

  it('subsamples each epoch and stops within one minibatch past the cap, mid-epoch', async () => {
    const { result } = await once();
    expect(result.stoppedBy).toBe('work-budget');
    expect(result.windows).toEqual({ available: trainWindows.count, perEpoch: 400 });
    expect(result.work).toBeGreaterThanOrEqual(cap);
    expect(result.work).toBeLessThan(cap + 32 * windowWork);
    // Seventeen epochs: sixteen whole ones and the one the cap cut short, scored like any other.
    expect(result.history).toHaveLength(SUBSAMPLED_EPOCHS_PER_BUDGET + 1);
    expect(result.history.every((e) => e.validationLoss !== null)).toBe(true);
    expect(result.bestLoss).toBe(Math.min(...result.history.map((e) => e.validationLoss!)));
  });

  it('gives the same weights and history for the same seed', async () => {
    const [first, second] = [await once(), await run()];
    expect(second.weights).toEqual(first.weights);
    expect(second.result.history.map((e) => e.trainLoss)).toEqual(
      first.result.history.map((e) => e.trainLoss),
    );
  });
});

describe('a long first epoch', () => {
  // An epoch of 9 000 windows (282 minibatches) within the cap: long enough to report from inside.
  const perEpoch = 9000;
  const cap = SUBSAMPLED_EPOCHS_PER_BUDGET * perEpoch * windowWork;

  it('reports progress before it ends, with an ETA measured from its minibatches', async () => {
    const events: EpochProgress[] = [];
    const result = await train(tinyGru(), {
      windowLength: T,
      train: trainWindows,
      validation: validationWindows,
      config: { maxEpochs: 1, maxTrainingWork: cap, seed: 5 },
      onEpoch: (p) => events.push(p),
    });
    expect(Math.ceil(perEpoch / 32)).toBeGreaterThanOrEqual(LONG_EPOCH_BATCHES);
    const first = events[0]!;
    expect(first.partial).toEqual({ batches: 16, batchesPerEpoch: 282 });
    expect(first.epoch).toBeCloseTo(16 / 282, 12);
    expect(first.validationLoss).toBeNull();
    expect(events.at(-1)).toMatchObject({ epoch: 1, etaMs: 0 });
    expect(events.at(-1)?.partial).toBeUndefined();
    // Honest: the first ETA is for what is left of this one epoch, not for maxEpochs of them
    // nor for the whole cap. A generous bound: it may be off by JIT warm-up, not by 10×.
    const actualLeft = result.elapsedMs - first.elapsedMs;
    expect(first.etaMs).toBeLessThan(4 * actualLeft + 2000);
    expect(events.map((e) => e.epoch)).toEqual([...events.map((e) => e.epoch)].sort((a, b) => a - b));
  });

  it('stops mid-epoch at the wall-clock cap, scoring and keeping that part-epoch', async () => {
    const source = countingSource(trainWindows);
    const result = await train(tinyGru(), {
      windowLength: T,
      train: source,
      validation: validationWindows,
      config: { maxEpochs: 1, maxTrainingWork: cap, maxTrainingMs: 1, seed: 5 },
    });
    expect(result.stoppedBy).toBe('time-budget');
    // 282 minibatches make the epoch; a 1 ms cap ends it long before (the old check ran them all).
    expect(source.gathers).toBeLessThan(282 / 2);
    expect(result.history).toHaveLength(1);
    expect(result.bestEpoch).toBe(1);
  });

  it('stops within a minibatch of a cancel', async () => {
    const source = countingSource(trainWindows);
    const controller = new AbortController();
    let gathersAtCancel = -1;
    const result = await train(tinyGru(), {
      windowLength: T,
      train: source,
      validation: validationWindows,
      config: { maxEpochs: 1, maxTrainingWork: cap, seed: 5 },
      signal: controller.signal,
      onEpoch: (p) => {
        if (p.partial && gathersAtCancel < 0) {
          gathersAtCancel = source.gathers;
          // As a Ctrl-C or an HTTP cancel arrives: from outside the loop, on a later turn.
          setImmediate(() => controller.abort());
        }
      },
    });
    expect(result.stoppedBy).toBe('cancelled');
    expect(gathersAtCancel).toBe(16);
    expect(source.gathers - gathersAtCancel).toBeLessThanOrEqual(1);
    expect(result.history).toHaveLength(0);
  });
});

describe('the forecast layer on a long series', () => {
  const series: TimeSeries = {
    id: '',
    time: Float64Array.from({ length: POINTS }, (_, i) => Date.UTC(2020, 0, 1) + i * 60_000),
    target: 'value',
    values: values.map((v) => 20 + 5 * v),
    features: [],
    frequency: { unit: 'minute', step: 1, label: 'every minute' },
  };
  const config = resolveForecastConfig(series, {
    horizonSteps: 1,
    windowLength: 48,
    network: { cell: 'gru', hiddenSize: 4 },
    scaler: { kind: 'zscore', windowRelative: true },
    training: { maxTrainingWork: 1.5e7, seed: 9 },
  });
  const { split } = planSplit(POINTS, 1, { validation: 0.15, test: 0.15 });

  it('cuts the training windows per minibatch, exactly as the windows held at once', () => {
    const columns = columnsOf(series, config);
    const scalers = fitModelScalers(columns, split, config);
    const source = scaledWindowSource(
      columns,
      { windowLength: 48, horizonSteps: 1, targetRange: [split.train[1] - 2000, split.train[1]] },
      scalers,
    );
    const held = windowsFor(columns, [split.train[1] - 2000, split.train[1]], scalers, config);
    const picks = Uint32Array.of(0, 1, 977, held.count - 1);
    const inputs = new Float64Array(picks.length * 48);
    const targets = new Float64Array(picks.length);
    source.gather(picks, 0, picks.length, inputs, targets);
    expect(source.count).toBe(held.count);
    picks.forEach((w, r) => {
      expect(Array.from(inputs.subarray(r * 48, (r + 1) * 48))).toEqual(
        Array.from(held.inputs.subarray(w * 48, (w + 1) * 48)),
      );
      expect(targets[r]).toBe(held.targets[w]);
    });
  });

  it('trains within the cap on subsampled epochs and an evenly spaced validation subset, same seed same model', async () => {
    const prepared = prepareTraining(
      series,
      config,
      split,
      createNetwork({ ...config.network, inputSize: 1, outputs: 1 }, 1).params.length,
    );
    expect(0.7 * POINTS * 48).toBeGreaterThan(ON_DEMAND_INPUT_VALUES);
    expect('gather' in prepared.train).toBe(true);
    expect(prepared.plan?.subsampled).toBe(true);
    expect(prepared.validationWindows.scored).toBeLessThan(prepared.validationWindows.available / 10);

    const fitOnce = () => fitRnn(series, config, split, {});
    const [first, second] = [await fitOnce(), await fitOnce()];
    expect(first.core.training.stoppedBy).toBe('work-budget');
    expect(first.core.warnings.join('\n')).toMatch(/each epoch trained on a seeded random subset of \d+/);
    expect(first.core.warnings.join('\n')).toMatch(/scored \d+ evenly spaced validation windows of \d+/);
    expect(Array.from(second.core.network.params)).toEqual(Array.from(first.core.network.params));
  });
});
