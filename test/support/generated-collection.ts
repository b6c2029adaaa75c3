// A seeded collection of daily series, each with its own level (10 to 10⁵), trend, weekly
// season and multiplicative noise: the generated data the global model's memory test and
// its scale benchmark (bench/global-scale.ts) fit one network on.
import type { TimeSeries } from '../../src/data/types.ts';
import { createRandom } from '../../src/rnn/random.ts';

const DAY = 86_400_000;

/**
 * @example
 * generatedCollection(2000, 1000, 7).length; // 2000 series "s0" … "s1999" of 1000 values
 */
export function generatedCollection(count: number, points: number, seed: number): TimeSeries[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const level = 10 ** (1 + 4 * random.nextFloat());
    const trend = (random.nextFloat() - 0.5) * 0.002 * level;
    const season = Array.from({ length: 7 }, () => 1 + 0.3 * random.normal());
    const noise = 0.05 + 0.1 * random.nextFloat();
    const values = Float64Array.from({ length: points }, (_, t) =>
      Math.max(0, (level + trend * t) * season[t % 7]! * (1 + noise * random.normal())),
    );
    return {
      id: `s${i}`,
      time: Float64Array.from(values, (_, t) => Date.UTC(2020, 0, 1) + t * DAY),
      target: 'y',
      values,
      features: [],
      frequency: { unit: 'day', step: 1, label: 'daily' },
    };
  });
}
