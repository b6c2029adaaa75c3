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

/** A method at a season other than the main one names it: "seasonal-naive (m = 168)". */
export function seasonalName(method: ClassicalMethod, seasonLength: number): string {
  return `${method} (m = ${seasonLength})`;
}

/** The method a classical forecaster's name stands for: "seasonal-naive (m = 168)" → "seasonal-naive". */
export function classicalMethodOf(name: string): string {
  return name.replace(/ \(m = \d+\)$/, '');
}

/** `name` is the method's, unless it runs at a season other than the main one (seasonalName). */
export function classicalCandidate(
  method: ClassicalMethod,
  settings: ClassicalSettings,
  name: string = method,
): Candidate {
  return {
    name,
    kind: 'classical',
    fit: async (series: TimeSeries, split: SplitRanges) =>
      classicalForecaster(
        fitClassical(method, series.values.subarray(0, split.train[1]), settings),
        settings,
        name,
      ),
  };
}

function classicalForecaster(
  fitted: ClassicalFit,
  settings: ClassicalSettings,
  name: string,
): FittedForecaster {
  return {
    kind: 'classical',
    name,
    // Two values make the shortest history any method forecasts from; seasonal ones fall
    // back to their non-seasonal form before a season has been seen.
    firstOrigin: 2,
    maxSteps: Number.POSITIVE_INFINITY,
    forecastFrom: (columns, origins, steps) => fitted.forecastFrom(columns[0]!, origins, steps),
    refit: async (series) =>
      classicalForecaster(
        fitClassical(fitted.method as ClassicalMethod, series.values, settings),
        settings,
        name,
      ),
    describe: () => fitted.describe(),
    toJSON: () => ({ kind: 'classical', name, settings, fit: fitted.toJSON() }),
  };
}

export function classicalFromForecasterJSON(json: FittedJSON): FittedForecaster {
  const doc = json as unknown as { settings?: ClassicalSettings; fit?: unknown };
  if (typeof doc.settings?.seasonLength !== 'number' || typeof doc.fit !== 'object' || doc.fit === null)
    throw new Error(`the classical forecaster "${json.name}" lacks its settings or fitted parameters`);
  return classicalForecaster(
    classicalFromJSON(doc.fit as Parameters<typeof classicalFromJSON>[0]),
    doc.settings,
    json.name,
  );
}
