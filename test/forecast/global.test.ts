// One network over many series: a long-format file of five stores whose sales differ by a
// factor of a million is read with its id column, one global model is fitted on all five,
// and each store is forecast on its own scale. The model file round-trips, and a store it
// never saw is forecast from its history alone.
import { describe, expect, it } from 'vitest';
import {
  evaluate,
  fitGlobal,
  forecast,
  forecastCollection,
  forecastGlobal,
  globalCannotRead,
  globalModelFromJSON,
  globalModelToJSON,
  ingestCsv,
  modelFromJSON,
  modelToJSON,
  seriesModelOf,
} from '../../src/forecaster.ts';
import type { GlobalModel, TimeSeries } from '../../src/forecaster.ts';
import { createRandom } from '../../src/rnn/random.ts';

const DAY = 86_400_000;
const SCALES = [1, 100, 1e4, 1e5, 1e6];

/** Daily sales: a weekly pattern of this store's shape, a slow trend and noise, times its scale. */
function sales(scale: number, seed: number, days: number): number[] {
  const random = createRandom(seed);
  const shape = [1.0, 0.9, 0.95, 1.1, 1.4, 1.8, 0.6].map((w) => w + 0.1 * random.normal());
  return Array.from(
    { length: days },
    (_, t) => scale * (10 + 0.01 * t) * shape[t % 7]! * (1 + 0.05 * random.normal()),
  );
}

function longFormatCsv(days: number): string {
  const rows = ['store,date,sales'];
  SCALES.forEach((scale, i) => {
    const values = sales(scale, 10 + i, days);
    values.forEach((v, t) => {
      rows.push(
        `store-${i + 1},${new Date(Date.UTC(2023, 0, 1) + t * DAY).toISOString().slice(0, 10)},${v.toFixed(4)}`,
      );
    });
  });
  return `${rows.join('\n')}\n`;
}

let model: GlobalModel;
let collection: TimeSeries[];

describe('a global model over five stores of different scales', () => {
  it('reads the long-format file, fits one network on all five, and beats seasonal naive on at least 4 on validation', async () => {
    const { series } = await ingestCsv(Buffer.from(longFormatCsv(280)), { id: 'store', target: 'sales' });
    collection = series;
    expect(collection.map((s) => s.id)).toEqual(['store-1', 'store-2', 'store-3', 'store-4', 'store-5']);
    model = await fitGlobal(collection, {
      horizonSteps: 14,
      network: { hiddenSize: 16 },
      training: { seed: 3, maxEpochs: 40 },
    });
    expect(model.series.map((s) => s.id)).toEqual(collection.map((s) => s.id));
    const beats = model.series.filter((s) => s.validation.score < 1);
    expect(beats.length, JSON.stringify(model.series.map((s) => s.validation))).toBeGreaterThanOrEqual(4);
  }, 120_000);

  it('forecasts each store on its own scale', () => {
    collection.forEach((series, i) => {
      const next = forecastGlobal(model, series).forecast;
      expect(next).toHaveLength(14);
      const recent = series.values.subarray(series.values.length - 28);
      const mean = recent.reduce((s, v) => s + v, 0) / recent.length;
      for (const v of next) {
        expect(v / mean, `store ${i + 1}`).toBeGreaterThan(0.3);
        expect(v / mean, `store ${i + 1}`).toBeLessThan(3);
      }
    });
  });

  it('round-trips through JSON with the same forecasts', () => {
    const restored = globalModelFromJSON(JSON.parse(JSON.stringify(globalModelToJSON(model))));
    for (const series of collection)
      expect(Array.from(forecastGlobal(restored, series).forecast)).toEqual(
        Array.from(forecastGlobal(model, series).forecast),
      );
  });

  it('shows each store as a model of that store: the same forecasts, its own validation score, no test split', () => {
    for (const [i, series] of collection.entries()) {
      const view = modelFromJSON(JSON.parse(JSON.stringify(modelToJSON(seriesModelOf(model, series)))));
      expect(Array.from(forecast(view, series).forecast)).toEqual(
        Array.from(forecastGlobal(model, series).forecast),
      );
      const fitted = model.series[i]!;
      expect(view.leaderboard.entries).toEqual([
        expect.objectContaining({
          name: 'global gru 1×16 over 5 series',
          score: fitted.validation.score,
          kept: true,
        }),
      ]);
      expect(view.validation.mae).toBe(fitted.validation.mae);
      // Naive's error on the same origins is kept beside it, for the skill the web app ranks by.
      expect(fitted.validation.naiveMae).toBeGreaterThan(0);
      expect(evaluate(view, series)).toBeNull();
      expect(view.data.id).toBe(series.id);
    }
    expect(() => seriesModelOf(model, { ...collection[0]!, id: 'store-9' })).toThrow(
      /not one the global model/,
    );
  });

  it('forecasts a store it never saw from that store’s history, with intervals on its scale', () => {
    const values = Float64Array.from(sales(5e3, 99, 200));
    const unseen: TimeSeries = {
      ...collection[0]!,
      id: 'store-new',
      values,
      time: Float64Array.from(values, (_, t) => Date.UTC(2023, 0, 1) + t * DAY),
    };
    const next = forecastGlobal(model, unseen);
    const mean = values.subarray(values.length - 28).reduce((s, v) => s + v, 0) / 28;
    for (let j = 0; j < 14; j++) {
      expect(next.forecast[j]! / mean).toBeGreaterThan(0.3);
      expect(next.forecast[j]! / mean).toBeLessThan(3);
      const width = next.upper95[j]! - next.lower95[j]!;
      expect(width / mean).toBeGreaterThan(0.01);
      expect(width / mean).toBeLessThan(3);
    }
  });

  it('when cancelled, keeps the best weights so far without the refit, and says so', async () => {
    const controller = new AbortController();
    const cancelled = await fitGlobal(
      collection,
      { horizonSteps: 14, network: { hiddenSize: 16 }, training: { seed: 3, maxEpochs: 40 } },
      {
        signal: controller.signal,
        onEpoch: (p) => {
          if (p.partial === undefined && p.epoch >= 3) controller.abort();
        },
      },
    );
    expect(cancelled.training.stoppedBy).toBe('cancelled');
    expect(cancelled.training.history.length).toBeLessThan(10);
    expect(cancelled.warnings).toContainEqual(
      expect.stringMatching(/^training was cancelled after \d+ epochs/),
    );
    // The held-out network and its scalers forecast every store on its own scale.
    for (const series of collection) {
      const next = forecastGlobal(cancelled, series).forecast;
      const last = series.values[series.values.length - 1]!;
      for (const v of next) expect(v / last).toBeGreaterThan(0.2);
    }
  }, 60_000);

  it('is reproducible: same seed, same forecasts', async () => {
    const again = await fitGlobal(collection, {
      horizonSteps: 14,
      network: { hiddenSize: 16 },
      training: { seed: 3, maxEpochs: 40 },
    });
    expect(Array.from(forecastGlobal(again, collection[2]!).forecast)).toEqual(
      Array.from(forecastGlobal(model, collection[2]!).forecast),
    );
  }, 120_000);
});

describe('a series the shared scaling cannot be fitted to', () => {
  it('is left out with the reason, and the others still share one network', async () => {
    const daily = (id: string, values: number[]): TimeSeries => ({
      id,
      time: Float64Array.from(values, (_, t) => Date.UTC(2023, 0, 1) + t * DAY),
      target: 'sales',
      values: Float64Array.from(values),
      features: [],
      frequency: { unit: 'day', step: 1, label: 'daily' },
    });
    // A season of 40 needs three of them (120 values) before validation to fit its smoother:
    // 110 values leave 93, enough for a window of 8 after two seasons, not for the smoother.
    const collection = [
      daily('long-a', sales(10, 1, 400)),
      daily('long-b', sales(1000, 2, 400)),
      daily('short', sales(50, 3, 110)),
    ];
    const model = await fitGlobal(collection, {
      horizonSteps: 5,
      windowLength: 8,
      seasonLength: 40,
      scaler: { kind: 'zscore', transform: 'es-normalise', seasonLength: 40 },
      network: { hiddenSize: 4 },
      training: { seed: 1, maxEpochs: 3 },
    });
    expect(model.series.map((s) => s.id)).toEqual(['long-a', 'long-b']);
    expect(model.excluded).toEqual([
      { id: 'short', reason: expect.stringMatching(/too short for exponential-smoothing/) },
    ]);
    expect(model.warnings[0]).toMatch(/^series "short" was left out: /);

    // Every series still gets its five rows: the left-out one from a fit of its own.
    const entries = await forecastCollection(model, collection, {
      horizonSteps: 5,
      network: { hiddenSize: 4 },
      training: { seed: 1, maxEpochs: 3 },
    });
    expect(entries.map((e) => [e.id, e.source, e.forecast.forecast.length])).toEqual([
      ['long-a', 'global', 5],
      ['long-b', 'global', 5],
      ['short', 'own fit', 5],
    ]);
    expect(entries[2]!.reason).toMatch(/too short for exponential-smoothing/);
    expect(Array.from(entries[0]!.forecast.forecast)).toEqual(
      Array.from(forecastGlobal(model, collection[0]!).forecast),
    );
    // An unseen series shorter than the global model reads is refused by forecastGlobal and
    // named by globalCannotRead, which is what sends it to a fit of its own.
    const tooShort = daily('new', sales(50, 4, 60));
    expect(globalCannotRead(model, tooShort)).toMatch(/^60 values; the global model reads \d+/);
    expect(() => forecastGlobal(model, tooShort)).toThrow(/has 60 values/);
    expect(globalCannotRead(model, daily('new', sales(50, 4, 300)))).toBeNull();
  }, 120_000);
});
