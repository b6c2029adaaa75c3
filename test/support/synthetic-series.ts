// Daily series with a weekly season, optional trend and seeded noise, for forecast tests.
import type { TimeSeries } from '../../src/data/types.ts';
import { createRandom } from '../../src/rnn/random.ts';

const DAY = 86_400_000;

export function syntheticDaily(
  options: { points?: number; trendPerStep?: number; noise?: number; seed?: number; level?: number } = {},
): TimeSeries {
  const { points = 400, trendPerStep = 0, noise = 0.3, seed = 1, level = 10 } = options;
  const random = createRandom(seed);
  const start = Date.UTC(2020, 0, 1);
  return {
    id: '',
    time: Float64Array.from({ length: points }, (_, i) => start + i * DAY),
    target: 'y',
    values: Float64Array.from(
      { length: points },
      (_, i) => level + trendPerStep * i + 2 * Math.sin((2 * Math.PI * i) / 7) + noise * random.normal(),
    ),
    features: [],
    frequency: { unit: 'day', step: 1, label: 'daily' },
  };
}
