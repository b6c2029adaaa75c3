// The trainer: it learns, stops early and restores the best weights whatever ends it, is
// reproducible, survives an exploding setting with clipping, and fails clearly.
import { describe, expect, it } from 'vitest';
import { createNetwork } from '../../src/rnn/network.ts';
import type { NetworkConfig } from '../../src/rnn/network.ts';
import { NonFiniteError } from '../../src/train/errors.ts';
import { createShardedStep } from '../../src/train/parallel/sharded-step.ts';
import { train } from '../../src/train/trainer.ts';
import { evaluateLoss } from '../../src/train/window-batches.ts';
import { noisySineWindows } from '../support/sine-windows.ts';

const sine = noisySineWindows();
const oneFeature = (cell: NetworkConfig['cell'], hiddenSize = 16): NetworkConfig => ({
  cell,
  inputSize: 1,
  hiddenSize,
  layers: 1,
  outputs: 1,
});

describe('learning', () => {
  for (const cell of ['rnn', 'lstm', 'gru'] as const) {
    it(`${cell} beats the naive last-value forecast on a noisy sine's validation windows`, async () => {
      const net = createNetwork(oneFeature(cell), 1);
      const result = await train(net, {
        windowLength: sine.windowLength,
        train: sine.train,
        validation: sine.validation,
        config: { maxEpochs: 40, learningRate: 0.01, patienceEpochs: 8, seed: 1 },
      });
      expect(result.bestLoss).toBeLessThan(sine.naiveValidationMse * 0.5);
    });
  }
});

describe('early stopping', () => {
  // A tiny, noisy training set that the network overfits: validation loss turns up.
  const small = noisySineWindows({ points: 90, noise: 0.4, trainFraction: 0.5, seed: 4 });
  const overfitting = { maxEpochs: 150, learningRate: 0.02, patienceEpochs: 10, batchSize: 8, seed: 2 };

  it('stops on patience past the optimum and restores exactly the best recorded validation loss', async () => {
    const net = createNetwork(oneFeature('gru', 32), 5);
    const result = await train(net, {
      windowLength: small.windowLength,
      train: small.train,
      validation: small.validation,
      config: overfitting,
    });
    expect(result.stoppedBy).toBe('patience');
    const last = result.history.at(-1)!;
    expect(last.epoch).toBe(result.bestEpoch + 10);
    expect(last.validationLoss).toBeGreaterThan(result.bestLoss);
    const restored = evaluateLoss(createShardedStep(net, 8, small.windowLength, 1), small.validation, 'mse');
    expect(restored).toBe(result.history[result.bestEpoch - 1]!.validationLoss);
    expect(Math.min(...result.history.map((h) => h.validationLoss!))).toBe(restored);
  });

  it('restores the best weights when the epoch limit ends training', async () => {
    const net = createNetwork(oneFeature('rnn', 32), 5);
    const result = await train(net, {
      windowLength: small.windowLength,
      train: small.train,
      validation: small.validation,
      config: { ...overfitting, maxEpochs: 40, patienceEpochs: 1000 },
    });
    expect(result.stoppedBy).toBe('max-epochs');
    expect(result.history).toHaveLength(40);
    expect(evaluateLoss(createShardedStep(net, 8, small.windowLength, 1), small.validation, 'mse')).toBe(
      result.bestLoss,
    );
  });

  it('restores the best weights when cancelled through an AbortSignal', async () => {
    const net = createNetwork(oneFeature('lstm'), 5);
    const controller = new AbortController();
    const result = await train(net, {
      windowLength: small.windowLength,
      train: small.train,
      validation: small.validation,
      config: overfitting,
      signal: controller.signal,
      onEpoch: (p) => {
        if (p.epoch === 4) controller.abort();
      },
    });
    expect(result.stoppedBy).toBe('cancelled');
    expect(result.history).toHaveLength(4);
    expect(evaluateLoss(createShardedStep(net, 8, small.windowLength, 1), small.validation, 'mse')).toBe(
      result.bestLoss,
    );
  });

  it('reports progress every epoch with losses, gradient norm, learning rate and ETA', async () => {
    const seen: number[] = [];
    const net = createNetwork(oneFeature('gru'), 5);
    await train(net, {
      windowLength: small.windowLength,
      train: small.train,
      validation: small.validation,
      config: {
        maxEpochs: 6,
        reduceLrOnPlateau: { factor: 0.5, patienceEpochs: 1 },
        seed: 3,
        patienceEpochs: 100,
      },
      onEpoch: (p) => {
        seen.push(p.epoch);
        expect(p.maxEpochs).toBe(6);
        for (const v of [
          p.trainLoss,
          p.validationLoss!,
          p.gradientNorm,
          p.learningRate,
          p.elapsedMs,
          p.etaMs,
        ])
          expect(Number.isFinite(v)).toBe(true);
      },
    });
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('reproducibility', () => {
  it('one seed gives byte-identical weights and identical loss histories', async () => {
    const run = async () => {
      const net = createNetwork(oneFeature('lstm', 8), 9);
      const result = await train(net, {
        windowLength: sine.windowLength,
        train: sine.train,
        validation: sine.validation,
        config: { maxEpochs: 3, seed: 9 },
      });
      return {
        bytes: Buffer.from(net.params.buffer).toString('base64'),
        losses: result.history.map((h) => [h.trainLoss, h.validationLoss]),
      };
    };
    const [a, b] = [await run(), await run()];
    expect(a.bytes).toBe(b.bytes);
    expect(a.losses).toEqual(b.losses);
    const other = createNetwork(oneFeature('lstm', 8), 9);
    await train(other, {
      windowLength: sine.windowLength,
      train: sine.train,
      validation: sine.validation,
      config: { maxEpochs: 3, seed: 10 },
    });
    expect(Buffer.from(other.params.buffer).toString('base64')).not.toBe(a.bytes);
  });
});

describe('gradient clipping', () => {
  // ReLU Elman cell with recurrent weights 1.6× orthogonal over 60 steps: activations and
  // gradients grow like 1.6^t, so one unclipped SGD step throws the weights to infinity.
  const long = noisySineWindows({ points: 300, windowLength: 60 });
  const exploding = () => {
    const net = createNetwork(
      { cell: 'rnn', activation: 'relu', inputSize: 1, hiddenSize: 8, layers: 1, outputs: 1 },
      3,
    );
    for (const layer of net.layers) for (let i = 0; i < layer.Wh.length; i++) layer.Wh[i]! *= 1.6;
    return net;
  };
  const config = { maxEpochs: 5, optimizer: 'sgd', learningRate: 0.05, seed: 1, patienceEpochs: 50 } as const;

  it('without clipping the setting diverges, and the error names the epoch', async () => {
    const error = await train(exploding(), {
      windowLength: 60,
      train: long.train,
      validation: long.validation,
      config: { ...config, clipNorm: null },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NonFiniteError);
    expect((error as NonFiniteError).epoch).toBe(1);
    expect((error as Error).message).toMatch(/epoch 1.*window \d+/);
  });

  it('with clipping the loss stays finite and comes down', async () => {
    const result = await train(exploding(), {
      windowLength: 60,
      train: long.train,
      validation: long.validation,
      config: { ...config, clipNorm: 1 },
    });
    expect(
      result.history.every((h) => Number.isFinite(h.trainLoss) && Number.isFinite(h.validationLoss!)),
    ).toBe(true);
    expect(result.history.at(-1)!.trainLoss).toBeLessThan(result.history[0]!.trainLoss);
  });
});

describe('bad input and config', () => {
  it('a non-finite input names the window', async () => {
    const inputs = Float64Array.from(sine.train.inputs);
    inputs[5 * sine.windowLength + 3] = Number.NaN;
    const error = await train(createNetwork(oneFeature('rnn'), 1), {
      windowLength: sine.windowLength,
      train: { ...sine.train, inputs },
      validation: sine.validation,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NonFiniteError);
    expect((error as Error).message).toMatch(/training window 5 has a non-finite input/);
  });

  it('early stopping without a validation split is refused up front', async () => {
    await expect(
      train(createNetwork(oneFeature('rnn'), 1), {
        windowLength: sine.windowLength,
        train: sine.train,
        config: { patienceEpochs: 5 },
      }),
    ).rejects.toThrow(/early stopping \(patienceEpochs\) needs a validation split/);
  });

  it('lists every bad setting at once', async () => {
    await expect(
      train(createNetwork(oneFeature('rnn'), 1), {
        windowLength: sine.windowLength,
        train: sine.train,
        validation: sine.validation,
        config: { batchSize: 0, learningRate: -1 },
      }),
    ).rejects.toThrow(/batchSize must be a positive integer.*learningRate must be a positive number/);
  });

  it('refuses windows whose shape does not match the network', async () => {
    await expect(
      train(createNetwork({ ...oneFeature('rnn'), inputSize: 2 }, 1), {
        windowLength: sine.windowLength,
        train: sine.train,
      }),
    ).rejects.toThrow(/training windows: inputs hold \d+ values, \d+×20×2 expected/);
  });
});

describe('time budget', () => {
  it('stops after the epoch that passes maxTrainingMs and restores the best weights', async () => {
    const net = createNetwork(oneFeature('lstm', 32), 5);
    const result = await train(net, {
      windowLength: sine.windowLength,
      train: sine.train,
      validation: sine.validation,
      config: { maxEpochs: 1000, patienceEpochs: 1000, maxTrainingMs: 1 },
    });
    expect(result.stoppedBy).toBe('time-budget');
    expect(result.history).toHaveLength(1);
    expect(evaluateLoss(createShardedStep(net, 32, sine.windowLength, 1), sine.validation, 'mse')).toBe(
      result.bestLoss,
    );
  });
});

describe('work budget', () => {
  it('stops after the epoch whose parameter-steps reach maxTrainingWork, the same epoch every run', async () => {
    const run = async () => {
      const net = createNetwork(oneFeature('gru', 8), 5);
      const perEpoch = net.params.length * sine.train.count * sine.windowLength;
      const result = await train(net, {
        windowLength: sine.windowLength,
        train: sine.train,
        validation: sine.validation,
        config: { maxEpochs: 1000, patienceEpochs: 1000, maxTrainingWork: 2.5 * perEpoch },
      });
      return { result, weights: Array.from(net.params) };
    };
    const first = await run();
    expect(first.result.stoppedBy).toBe('work-budget');
    expect(first.result.history).toHaveLength(3);
    const second = await run();
    expect(second.weights).toEqual(first.weights);
  });

  it('refuses a budget that is not a positive number', async () => {
    const net = createNetwork(oneFeature('gru', 8), 5);
    await expect(
      train(net, {
        windowLength: sine.windowLength,
        train: sine.train,
        validation: sine.validation,
        config: { maxTrainingWork: 0 },
      }),
    ).rejects.toThrow(/maxTrainingWork must be a positive number/);
  });
});
