// A combination of fitted forecasters: the median, step by step, of their forecasts. The
// median of a few good forecasts is rarely far from the best of them and often better
// (the M4 Competition's lesson); with two members it is their mean.
import type { FittedForecaster, FittedJSON } from './contract.ts';

function combinationName(members: readonly FittedForecaster[]): string {
  return `median of ${members.map((m) => m.name).join(' | ')}`;
}

/** `name` defaults to the members' names; a seed ensemble of one candidate names itself. */
export function combine(
  members: readonly FittedForecaster[],
  name = combinationName(members),
): FittedForecaster {
  if (members.length < 2)
    throw new Error(`a combination needs at least 2 forecasters, got ${members.length}`);
  return {
    kind: 'combination',
    name,
    firstOrigin: Math.max(...members.map((m) => m.firstOrigin)),
    maxSteps: Math.min(...members.map((m) => m.maxSteps)),
    forecastFrom: (columns, origins, steps) =>
      medianOf(members.map((m) => m.forecastFrom(columns, origins, steps))),
    refit: async (series, hooks) => {
      const refitted: FittedForecaster[] = [];
      for (const member of members) refitted.push(await member.refit(series, hooks));
      return combine(refitted, name);
    },
    describe: () => `${name}: ${members.map((m) => m.describe()).join('; ')}`,
    toJSON: () => ({ kind: 'combination', name, members: members.map((m) => m.toJSON()) }),
  };
}

/** Element-wise median of equally long arrays. */
export function medianOf(forecasts: readonly Float64Array[]): Float64Array {
  const k = forecasts.length;
  const out = new Float64Array(forecasts[0]!.length);
  const column = new Float64Array(k);
  for (let i = 0; i < out.length; i++) {
    for (let j = 0; j < k; j++) column[j] = forecasts[j]![i]!;
    column.sort();
    out[i] = k % 2 === 1 ? column[(k - 1) / 2]! : (column[k / 2 - 1]! + column[k / 2]!) / 2;
  }
  return out;
}

/** Rebuilds a combination from JSON, each member by `memberFromJSON`. */
export function combinationFromJSON(
  json: FittedJSON,
  memberFromJSON: (member: FittedJSON) => FittedForecaster,
): FittedForecaster {
  const members = (json as unknown as { members?: FittedJSON[] }).members;
  if (!Array.isArray(members)) throw new Error(`the combination "${json.name}" lists no members`);
  return combine(members.map(memberFromJSON), json.name);
}
