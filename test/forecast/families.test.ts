// Families of forecasters and the combination across them: the median of the best network,
// smoothing model, ARIMA and benchmark joins the leaderboard, is scored on validation like
// any candidate, and is kept unless a single candidate validates at least 5 % better.
import { describe, expect, it } from 'vitest';
import { CLASSICAL_METHODS } from '../../src/classical/index.ts';
import { bestOfEachFamily, familyOf } from '../../src/forecast/families.ts';
import { fit } from '../../src/forecaster.ts';
import type { TimeSeries } from '../../src/forecaster.ts';
import { createRandom } from '../../src/rnn/random.ts';

const named = (kind: 'rnn' | 'classical' | 'combination', name: string) => ({ forecaster: { kind, name } });

describe('familyOf', () => {
  it('puts networks, smoothing models, ARIMA and benchmarks in their own families', () => {
    expect(familyOf({ kind: 'rnn', name: 'rnn: z-score' })).toBe('network');
    expect(['ses', 'theta', 'ets'].map((name) => familyOf({ kind: 'classical', name }))).toEqual([
      'smoothing',
      'smoothing',
      'smoothing',
    ]);
    expect(
      ['naive', 'seasonal-naive', 'drift', 'naive2'].map((name) => familyOf({ kind: 'classical', name })),
    ).toEqual(['benchmark', 'benchmark', 'benchmark', 'benchmark']);
    expect(familyOf({ kind: 'classical', name: 'arima' })).toBe('arima');
    expect(familyOf({ kind: 'combination', name: 'median of a | b' })).toBe('combination');
  });

  it('gives every classical method a family', () => {
    for (const name of CLASSICAL_METHODS)
      expect(familyOf({ kind: 'classical', name })).not.toBe('combination');
  });
});

describe('bestOfEachFamily', () => {
  it('takes the first of each family in rank order, never a combination', () => {
    const ranked = [
      named('combination', 'median of x'),
      named('classical', 'theta'),
      named('classical', 'ets'),
      named('rnn', 'rnn: z-score'),
      named('classical', 'naive'),
      named('rnn', 'rnn: log + z-score'),
      named('classical', 'drift'),
    ];
    expect(bestOfEachFamily(ranked).map((e) => e.forecaster.name)).toEqual([
      'theta',
      'rnn: z-score',
      'naive',
    ]);
  });
});

describe('the family combination in a fit', () => {
  it('joins the leaderboard as the median of the best of each family, and is kept unless a single beats it by 5 %', async () => {
    const random = createRandom(5);
    const values = Float64Array.from(
      { length: 300 },
      (_, i) => 40 + 0.05 * i + 6 * Math.sin((2 * Math.PI * i) / 7) + 2 * random.normal(),
    );
    const series: TimeSeries = {
      id: '',
      time: Float64Array.from(values, (_, i) => Date.UTC(2022, 0, 1) + i * 86_400_000),
      target: 'y',
      values,
      features: [],
      frequency: { unit: 'day', step: 1, label: 'daily' },
    };
    const model = await fit(series, { horizonSteps: 7, candidates: ['classical'] });
    const { entries } = model.leaderboard;
    const singles = entries.filter((e) => e.kind === 'classical');
    const best = (family: string) => singles.find((e) => familyOf(e) === family)!.name;
    const combinations = entries.filter((e) => e.kind === 'combination');
    expect(combinations.map((e) => e.name)).toEqual([
      `median of ${[best('smoothing'), best('arima'), best('benchmark')]
        .sort((a, b) => singles.findIndex((e) => e.name === a) - singles.findIndex((e) => e.name === b))
        .join(' | ')}`,
    ]);
    const combination = combinations[0]!;
    const kept = entries.find((e) => e.kept)!;
    if (kept === combination) expect(combination.score).toBeLessThanOrEqual(singles[0]!.score * 1.05);
    else expect(kept.score * 1.05).toBeLessThan(combination.score);
    expect(new Set(entries.map((e) => e.name)).size).toBe(entries.length);
  });
});
