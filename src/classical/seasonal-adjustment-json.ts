// Rebuilds (and checks) a serialised SeasonalAdjustment.

import { readChoice, readFiniteArray } from './json-fields.ts';
import { SeasonalAdjustment } from './seasonal-adjustment.ts';
import type { ClassicalJSON } from './types.ts';

export function seasonalAdjustmentFromJSON(json: ClassicalJSON | null): SeasonalAdjustment | null {
  if (json === null) return null;
  const kind = readChoice(json, 'kind', ['multiplicative', 'additive'] as const);
  const figure = readFiniteArray(json, 'figure');
  if (figure.length < 2)
    throw new Error(`classical '${json.method}' JSON: field 'figure' needs at least 2 indices`);
  if (kind === 'multiplicative' && figure.some((v) => v <= 0)) {
    throw new Error(`classical '${json.method}' JSON: multiplicative indices must be positive`);
  }
  return new SeasonalAdjustment(kind, figure);
}
