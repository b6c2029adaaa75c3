// A noisy sine series cut into next-step windows, for tests that need something to learn.
import { createRandom } from '../../src/rnn/random.ts';
import type { WindowData } from '../../src/train/trainer.ts';

export interface SineWindows {
  train: WindowData;
  validation: WindowData;
  windowLength: number;
  /** Mean squared error of "next = last" on the validation windows. */
  naiveValidationMse: number;
}

export function noisySineWindows(
  options: {
    points?: number;
    windowLength?: number;
    period?: number;
    noise?: number;
    seed?: number;
    trainFraction?: number;
  } = {},
): SineWindows {
  const {
    points = 600,
    windowLength = 20,
    period = 20,
    noise = 0.1,
    seed = 1,
    trainFraction = 0.8,
  } = options;
  const random = createRandom(seed);
  const series = Float64Array.from(
    { length: points },
    (_, t) => Math.sin((2 * Math.PI * t) / period) + noise * random.normal(),
  );
  const count = points - windowLength;
  const inputs = new Float64Array(count * windowLength);
  const targets = new Float64Array(count);
  for (let w = 0; w < count; w++) {
    inputs.set(series.subarray(w, w + windowLength), w * windowLength);
    targets[w] = series[w + windowLength]!;
  }
  const nTrain = Math.floor(count * trainFraction);
  const slice = (from: number, to: number): WindowData => ({
    inputs: inputs.slice(from * windowLength, to * windowLength),
    targets: targets.slice(from, to),
    count: to - from,
  });
  let naive = 0;
  for (let w = nTrain; w < count; w++) naive += (targets[w]! - inputs[(w + 1) * windowLength - 1]!) ** 2;
  return {
    train: slice(0, nTrain),
    validation: slice(nTrain, count),
    windowLength,
    naiveValidationMse: naive / (count - nTrain),
  };
}
