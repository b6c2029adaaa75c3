// Longer seasons beside the main one: auto mode adds a week (168) to hourly series whose
// values repeat more closely a week apart than a day apart, and a year (365) to daily ones
// that repeat more closely a year apart than half a year apart. The season brings its own
// candidates (seasonal naive at it, an RNN on the series differenced at it) into the pool.
import { describe, expect, it } from 'vitest';
import { candidatePool } from '../../src/forecast/candidates.ts';
import {
  autoExtraSeasons,
  longerSeasonsOf,
  referenceLag,
  repeatsCloser,
} from '../../src/forecast/extra-seasons.ts';
import { familyOf } from '../../src/forecast/families.ts';
import { planSplit } from '../../src/forecast/plan-split.ts';
import {
  ConfigError,
  fit,
  forecast,
  modelFromJSON,
  modelToJSON,
  resolveForecastConfig,
} from '../../src/forecaster.ts';
import type { ForecastOptions, TimeSeries } from '../../src/forecaster.ts';
import { createRandom } from '../../src/rnn/random.ts';
import { rnnCandidateName } from '../../src/forecast/rnn-forecaster.ts';

const HOUR = 3_600_000;
const HOURLY = { unit: 'hour', step: 1, label: 'hourly' } as const;

/** Hourly load: a daily cycle, and (when `weekends`) quieter Saturdays and Sundays. */
function hourlyLoad(options: { weeks: number; weekends: boolean; noise: number; seed?: number }): TimeSeries {
  const random = createRandom(options.seed ?? 3);
  const n = options.weeks * 168;
  const values = Float64Array.from({ length: n }, (_, i) => {
    const weekend = options.weekends && i % 168 >= 120;
    return (
      (weekend ? 60 : 100) + 20 * Math.sin((2 * Math.PI * (i % 24)) / 24) + options.noise * random.normal()
    );
  });
  return {
    id: '',
    time: Float64Array.from(values, (_, i) => Date.UTC(2024, 0, 1) + i * HOUR),
    target: 'load',
    values,
    features: [],
    frequency: HOURLY,
  };
}

describe('autoExtraSeasons', () => {
  it('adds the week to hourly values that repeat more closely a week apart than a day apart', () => {
    const weekly = hourlyLoad({ weeks: 8, weekends: true, noise: 2 }).values;
    expect(repeatsCloser(weekly, 168, 24)).toBe(true);
    expect(autoExtraSeasons(HOURLY, 24, weekly)).toEqual([168]);
  });

  it('adds nothing to a daily cycle alone, to other frequencies, or to fewer than two weeks', () => {
    const daily = hourlyLoad({ weeks: 8, weekends: false, noise: 2 }).values;
    expect(repeatsCloser(daily, 168, 24)).toBe(false);
    expect(autoExtraSeasons(HOURLY, 24, daily)).toEqual([]);
    const weekly = hourlyLoad({ weeks: 8, weekends: true, noise: 2 }).values;
    expect(autoExtraSeasons({ unit: 'week', step: 1, label: 'weekly' }, 52, weekly)).toEqual([]);
    expect(autoExtraSeasons({ unit: 'month', step: 1, label: 'monthly' }, 12, weekly)).toEqual([]);
    expect(autoExtraSeasons(HOURLY, 24, weekly.subarray(0, 2 * 168 - 1))).toEqual([]);
    expect(longerSeasonsOf({ unit: 'hour', step: 2, label: 'every 2 hours' })).toEqual([84]);
    expect(longerSeasonsOf({ unit: 'hour', step: 5, label: 'every 5 hours' })).toEqual([]);
  });
});

const DAILY = { unit: 'day', step: 1, label: 'daily' } as const;

/** Daily sales: a weekly pattern, a yearly one (when `yearly`), a trend, and noise. */
function dailySales(options: { years: number; yearly: number; trend: number; seed?: number }): Float64Array {
  const random = createRandom(options.seed ?? 5);
  return Float64Array.from({ length: Math.round(options.years * 365) }, (_, t) => {
    const week = [0, 4, 5, 5, 6, 14, 10][t % 7]!;
    const year = options.yearly * Math.sin((2 * Math.PI * t) / 365.25);
    return 100 + options.trend * t + week + year + 3 * random.normal();
  });
}

/** Three years of daily sales with a yearly swing, as a series from 1 January 2021. */
function yearlySeries(): TimeSeries {
  const values = dailySales({ years: 3, yearly: 20, trend: 0.01 });
  return {
    id: '',
    time: Float64Array.from(values, (_, t) => Date.UTC(2021, 0, 1) + t * 86_400_000),
    target: 'sales',
    values,
    features: [],
    frequency: DAILY,
  };
}

describe('autoExtraSeasons on daily data', () => {
  it('adds the year to daily values that repeat more closely a year apart than half a year apart', () => {
    const sales = dailySales({ years: 3, yearly: 20, trend: 0.01 });
    expect(referenceLag(365, 7)).toBe(182);
    expect(autoExtraSeasons(DAILY, 7, sales)).toEqual([365]);
  });

  it('adds nothing to a trend with a weekly pattern, or to fewer than two years', () => {
    expect(autoExtraSeasons(DAILY, 7, dailySales({ years: 3, yearly: 0, trend: 0.05 }))).toEqual([]);
    const short = dailySales({ years: 3, yearly: 20, trend: 0.01 }).subarray(0, 2 * 365 - 1);
    expect(autoExtraSeasons(DAILY, 7, short)).toEqual([]);
  });

  it('compares a season that holds whole main seasons against the main season', () => {
    expect(referenceLag(168, 24)).toBe(24);
    expect(referenceLag(1440, 60)).toBe(60);
    expect(longerSeasonsOf({ unit: 'minute', step: 15, label: 'every 15 minutes' })).toEqual([96]);
  });

  it('a detected year brings seasonal naive only; a year the caller gives brings the RNN on its difference too', () => {
    const series = yearlySeries();
    const { values } = series;
    const pool = (options: ForecastOptions) => {
      const config = resolveForecastConfig(series, options);
      const { split } = planSplit(values.length, 14, config.split);
      const built = candidatePool(series, options, config, split);
      return { classical: built.classical.map((c) => c.name), rnn: built.rnn.map(rnnCandidateName) };
    };
    const detected = pool({ horizonSteps: 14 });
    expect(detected.classical).toContain('seasonal-naive (m = 365)');
    expect(detected.rnn).not.toContain('rnn: seasonal difference (m = 365) + z-score');
    const given = pool({ horizonSteps: 14, seasonLength: 7, extraSeasons: [365] });
    expect(given.classical).toContain('seasonal-naive (m = 365)');
    expect(given.rnn).toContain('rnn: seasonal difference (m = 365) + z-score');
  });

  it('a fit names the year and scores seasonal naive at it', async () => {
    const series = yearlySeries();
    const model = await fit(series, { horizonSteps: 14, candidates: ['classical'] });
    expect(model.config.extraSeasons).toEqual([365]);
    expect(model.leaderboard.entries.map((e) => e.name)).toContain('seasonal-naive (m = 365)');
  });
});

describe('the longer season in the config and the pool', () => {
  const series = hourlyLoad({ weeks: 10, weekends: true, noise: 2 });
  const options: ForecastOptions = { horizonSteps: 48 };

  it('resolves to extraSeasons [168] and adds seasonal naive and a weekly-difference RNN as candidates', () => {
    const config = resolveForecastConfig(series, options);
    expect(config.seasonLength).toBe(24);
    expect(config.extraSeasons).toEqual([168]);
    const { split } = planSplit(series.values.length, 48, config.split);
    const pool = candidatePool(series, options, config, split);
    expect(pool.classical.map((c) => c.name)).toContain('seasonal-naive (m = 168)');
    expect(pool.rnn.map(rnnCandidateName)).toContain('rnn: seasonal difference (m = 168) + z-score');
  });

  it('keeps the benchmark a method names: candidates ["seasonal-naive"] holds the main season only', () => {
    const config = resolveForecastConfig(series, options);
    const { split } = planSplit(series.values.length, 48, config.split);
    const pool = candidatePool(series, { ...options, candidates: ['seasonal-naive'] }, config, split);
    expect(pool.classical.map((c) => c.name)).toEqual(['seasonal-naive']);
  });

  it("takes a caller's seasons as given, and refuses one that repeats the main season", () => {
    const daily = hourlyLoad({ weeks: 10, weekends: false, noise: 2 });
    expect(resolveForecastConfig(daily, { horizonSteps: 48, extraSeasons: [168] }).extraSeasons).toEqual([
      168,
    ]);
    expect(
      resolveForecastConfig(series, { horizonSteps: 48, extraSeasons: [] }).extraSeasons,
    ).toBeUndefined();
    expect(() => resolveForecastConfig(series, { horizonSteps: 48, extraSeasons: [24] })).toThrow(
      ConfigError,
    );
    expect(() => resolveForecastConfig(series, { horizonSteps: 48, extraSeasons: [1.5] })).toThrow(
      /whole number ≥ 2, got 1.5/,
    );
  });

  it('puts seasonal naive at the longer season in the benchmark family', () => {
    expect(familyOf({ kind: 'classical', name: 'seasonal-naive (m = 168)' })).toBe('benchmark');
  });
});

describe('a fit on a weekly pattern', () => {
  it('scores seasonal naive at 168 ahead of it at 24, keeps it, and forecasts the same after a model-file round trip', async () => {
    const series = hourlyLoad({ weeks: 10, weekends: true, noise: 0 });
    const model = await fit(series, { horizonSteps: 48, candidates: ['classical'] });
    const score = (name: string) => model.leaderboard.entries.find((e) => e.name === name)!.score;
    expect(score('seasonal-naive (m = 168)')).toBeLessThan(score('seasonal-naive'));
    expect(model.leaderboard.kept).toBe('seasonal-naive (m = 168)');
    const restored = modelFromJSON(JSON.parse(JSON.stringify(modelToJSON(model))));
    expect(restored.config.extraSeasons).toEqual([168]);
    expect(restored.final.name).toBe('seasonal-naive (m = 168)');
    const before = forecast(model, series).forecast;
    expect(Array.from(forecast(restored, series).forecast)).toEqual(Array.from(before));
    // A week ago, hour by hour: the last 48 values of the week before the forecast.
    const n = series.values.length;
    expect(Array.from(before)).toEqual(Array.from(series.values.subarray(n - 168, n - 168 + 48)));
  });
});
