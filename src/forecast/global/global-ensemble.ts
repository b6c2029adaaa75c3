// The networks of a global ensemble made into one model: the main network's model, its
// further networks as members, and each series scored on its validation origins by the
// median of its networks' held-out forecasts, with intervals from those combined errors.
import type { TimeSeries } from '../../data/types.ts';
import { medianOf } from '../combination.ts';
import type { MemberValidation } from './fit-global-member.ts';
import { globalSplit } from './global-config.ts';
import { pooledRelativeWidths, stepScale } from './global-intervals.ts';
import type { GlobalModel, GlobalSeriesFit } from './global-model.ts';
import { scoreValidation } from './validation-score.ts';

interface MemberFit {
  model: GlobalModel;
  validation: MemberValidation[];
}

/**
 * @example
 * const model = combineMembers(stores, dayNetwork, [weekNetwork]);
 * model.members!.length; // 1
 */
export function combineMembers(
  collection: readonly TimeSeries[],
  main: MemberFit,
  others: readonly MemberFit[],
): GlobalModel {
  const { config } = main.model;
  const h = config.horizonSteps;
  const values = new Map(collection.map((s) => [s.id, s.values]));
  const validations = [main, ...others].map((m) => new Map(m.validation.map((v) => [v.id, v])));
  const series = main.model.series.map((fit): GlobalSeriesFit => {
    const read = validations.flatMap((v) => v.get(fit.id) ?? []);
    const y = values.get(fit.id);
    if (read.length < 2 || !y) return fit;
    // Origins every network forecast (the same ones unless a network's longer look-back
    // moved its first); the combination is scored on those.
    const origins = read[0]!.origins.filter((o) => read.every((r) => r.origins.includes(o)));
    if (origins.length === 0) return fit;
    const rows = read.map((r) => {
      const out = new Float64Array(origins.length * h);
      origins.forEach((o, i) => {
        const at = r.origins.indexOf(o);
        out.set(r.predicted.subarray(at * h, (at + 1) * h), i * h);
      });
      return out;
    });
    const actual = new Float64Array(origins.length * h);
    origins.forEach((o, i) => {
      actual.set(y.subarray(o, o + h), i * h);
    });
    const { split } = globalSplit(y.length, h, config.split);
    const scored = scoreValidation(
      y,
      split,
      { origins: Int32Array.from(origins), actual },
      medianOf(rows),
      h,
      config.seasonLength,
    );
    return { ...fit, validation: scored.score, intervals: scored.intervals };
  });
  return {
    ...main.model,
    series,
    relativeIntervals: pooledRelativeWidths(
      series.map((s) => s.intervals),
      series.map((s) => stepScale(values.get(s.id)!)),
    ),
    members: others.map((o) => o.model),
    warnings: [
      ...main.model.warnings,
      ...others.flatMap((o) =>
        o.model.warnings.map((w) => `the network on a season of ${o.model.config.seasonLength}: ${w}`),
      ),
    ],
  };
}
