// A global ensemble on hourly data: beside the day network (m = 24) a week network
// (m = 168) trains on a worker thread, and every series is forecast by their mean. The
// forecasts are exactly the mean of the two networks' own, the same through a model file,
// through a series' view (and its own model file), and from the same seed again;
// `extraSeasons: []` fits one network.
import { describe, expect, it } from 'vitest';
import {
  fitGlobal,
  forecast,
  forecastGlobal,
  globalModelFromJSON,
  globalModelToJSON,
  modelFromJSON,
  modelToJSON,
  seriesModelOf,
} from '../../src/forecaster.ts';
import type { ForecastOptions, GlobalModel, TimeSeries } from '../../src/forecaster.ts';
import { createRandom } from '../../src/rnn/random.ts';

const HOUR = 3_600_000;

/** Hourly load: a daily shape, a weekend dip on some series, noise; 6 weeks of hours. */
function hourly(count: number): TimeSeries[] {
  const random = createRandom(8);
  return Array.from({ length: count }, (_, i) => {
    const level = 10 ** (1 + i);
    const weekend = i % 2 === 0 ? 0.6 : 1;
    const values = Float64Array.from({ length: 24 * 7 * 6 }, (_, t) => {
      const day = 1 + 0.5 * Math.sin((2 * Math.PI * (t % 24)) / 24);
      const week = Math.floor(t / 24) % 7 >= 5 ? weekend : 1;
      return level * day * week * (1 + 0.05 * random.normal());
    });
    return {
      id: `meter-${i}`,
      time: Float64Array.from(values, (_, t) => Date.UTC(2024, 0, 1) + t * HOUR),
      target: 'load',
      values,
      features: [],
      frequency: { unit: 'hour', step: 1, label: 'hourly' },
    };
  });
}

const OPTIONS: ForecastOptions = {
  horizonSteps: 24,
  network: { hiddenSize: 4 },
  training: { seed: 9, maxEpochs: 3, epochWindows: 256 },
};

let collection: TimeSeries[];
let model: GlobalModel;

describe('a global ensemble over hourly series', () => {
  it('fits a week network beside the day network and forecasts by their mean', async () => {
    collection = hourly(4);
    model = await fitGlobal(collection, OPTIONS);
    expect(model.config.seasonLength).toBe(24);
    expect(model.members?.map((m) => m.config.seasonLength)).toEqual([168]);
    expect(model.members![0]!.series.map((s) => s.id)).toEqual(collection.map((s) => s.id));
    const day = { ...model, members: undefined };
    const week = model.members![0]!;
    for (const series of collection) {
      const both = forecastGlobal(model, series).forecast;
      const a = forecastGlobal(day, series).forecast;
      const b = forecastGlobal(week, series).forecast;
      expect(Array.from(both)).toEqual(Array.from(a, (x, j) => (x + b[j]!) / 2));
    }
  }, 120_000);

  it('forecasts the same through its file, a series view, and a second fit from the same seed', async () => {
    const copy = globalModelFromJSON(JSON.parse(JSON.stringify(globalModelToJSON(model))));
    expect(copy.members).toHaveLength(1);
    const again = await fitGlobal(collection, OPTIONS);
    for (const series of collection) {
      const expected = forecastGlobal(model, series).forecast;
      expect(forecastGlobal(copy, series).forecast).toEqual(expected);
      expect(forecastGlobal(again, series).forecast).toEqual(expected);
      // A series' view is what the web app stores per series: it round-trips as a model file.
      const view = seriesModelOf(model, series);
      expect(forecast(view, series).forecast).toEqual(expected);
      const stored = modelFromJSON(JSON.parse(JSON.stringify(modelToJSON(view))));
      expect(forecast(stored, series).forecast).toEqual(expected);
    }
  }, 120_000);

  it('is one network with extraSeasons: [], or when the series hold fewer than 3 weeks', async () => {
    const one = await fitGlobal(collection, { ...OPTIONS, extraSeasons: [] });
    expect(one.members).toBeUndefined();
    const short = collection.map((s) => ({
      ...s,
      values: s.values.subarray(0, 24 * 20),
      time: s.time.subarray(0, 24 * 20),
    }));
    expect((await fitGlobal(short, OPTIONS)).members).toBeUndefined();
  }, 120_000);
});
