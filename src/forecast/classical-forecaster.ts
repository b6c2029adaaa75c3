// A classical method (src/classical) as a forecaster of the contract. The parameters are
// estimated on the values before validation; forecasts from later origins re-run the
// method's states through the actual values up to each origin with those parameters, as
// the RNN reads its window of actuals with fixed weights. A refit re-estimates them on
// all the data.
import { classicalFromJSON, fitClassical } from '../classical/index.ts';
import type { ClassicalFit, ClassicalMethod } from '../classical/index.ts';
import type { TimeSeries } from '../data/types.ts';
import type { SplitRanges } from '../prep/split.ts';
import type { Candidate, FittedForecaster, FittedJSON } from './contract.ts';

export interface ClassicalSettings {
  seasonLength: number;
  horizonSteps: number;
}

export function classicalCandidate(method: ClassicalMethod, settings: ClassicalSettings): Candidate {
  return {
    name: method,
    kind: 'classical',
    fit: async (series: TimeSeries, split: SplitRanges) =>
      classicalForecaster(
        fitClassical(method, series.values.subarray(0, split.train[1]), settings),
        settings,
      ),
  };
}

function classicalForecaster(fitted: ClassicalFit, settings: ClassicalSettings): FittedForecaster {
  return {
    kind: 'classical',
    name: fitted.method,
    // Two values make the shortest history any method forecasts from; seasonal ones fall
    // back to their non-seasonal form before a season has been seen.
    firstOrigin: 2,
    maxSteps: Number.POSITIVE_INFINITY,
    forecastFrom: (columns, origins, steps) => fitted.forecastFrom(columns[0]!, origins, steps),
    refit: async (series) =>
      classicalForecaster(fitClassical(fitted.method as ClassicalMethod, series.values, settings), settings),
    describe: () => fitted.describe(),
    toJSON: () => ({ kind: 'classical', name: fitted.method, settings, fit: fitted.toJSON() }),
  };
}

export function classicalFromForecasterJSON(json: FittedJSON): FittedForecaster {
  const doc = json as unknown as { settings?: ClassicalSettings; fit?: unknown };
  if (typeof doc.settings?.seasonLength !== 'number' || typeof doc.fit !== 'object' || doc.fit === null)
    throw new Error(`the classical forecaster "${json.name}" lacks its settings or fitted parameters`);
  return classicalForecaster(
    classicalFromJSON(doc.fit as Parameters<typeof classicalFromJSON>[0]),
    doc.settings,
  );
}
