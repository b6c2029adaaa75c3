// The methods the M4 bench runs and the fit options each adds: auto mode as a user gets it,
// and each candidate of auto's pool alone through the `candidates` option. `pool` is not a
// forecaster: it journals every candidate of auto's pool, its validation scores and its
// forecast from the end of the history (fitted before validation, not refitted), so that
// selection rules can be compared offline on the same fits (bench/m4-selection.ts).
// `auto-seeds3` is auto mode with a median-of-3-seeds ensemble of the best RNN candidate
// added to the pool, to measure whether ensembles pay for their training time.

export const M4_METHODS = [
  'auto',
  'auto-seeds3',
  'rnn',
  'naive',
  'seasonal-naive',
  'drift',
  'theta',
  'ets',
  'arima',
  'pool',
] as const;

export type M4Method = (typeof M4_METHODS)[number];

export function isM4Method(name: string): name is M4Method {
  return (M4_METHODS as readonly string[]).includes(name);
}

/**
 * Options on top of `{ horizonSteps, seasonLength, training: { seed } }`. Untyped on purpose:
 * `candidates` is not in ForecastOptions until the candidate pool lands, and the harness
 * must compile (and run auto) before then.
 */
export function methodOptions(method: M4Method): Record<string, unknown> {
  if (method === 'auto-seeds3') return { ensembleSeeds: 3 };
  return method === 'auto' || method === 'pool' ? {} : { candidates: [method] };
}
