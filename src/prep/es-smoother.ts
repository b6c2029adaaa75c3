// The exponential-smoothing state ES-RNN normalises a window by (Smyl, IJF 2020): a level
// l and one seasonal factor per phase of a season of m, run forward through a column with
// the constants α (level) and γ (season). Holt–Winters without trend, in the
// error-correction form of ETS(·,N,·) that statsmodels also computes (so the tests have an
// independent reference), where S_t is the factor in effect at time t:
//   multiplicative  l_t = α y_t / S_t + (1 − α) l_{t−1}
//                   S_{t+m} = γ y_t / l_{t−1} + (1 − γ) S_t
//   additive        l_t = α (y_t − S_t) + (1 − α) l_{t−1}
//                   S_{t+m} = γ (y_t − l_{t−1}) + (1 − γ) S_t
// Smyl's seasonal update divides by the new level l_t instead; the two differ by O(αγ).
// The additive form is for series with values ≤ 0, where ratios mean nothing.
import { PrepError } from './errors.ts';

export type SmoothingForm = 'multiplicative' | 'additive';

/**
 * Seasons at the start of a column that the initial state is estimated from. The smoother
 * starts after them, so every state it reports uses values before its time step only.
 */
export const INITIAL_SEASONS = 2;

export interface SmoothingConstants {
  form: SmoothingForm;
  /** Level smoothing α in [0, 1]. */
  alpha: number;
  /** Seasonal smoothing γ in [0, 1]; 0 when m = 1. */
  gamma: number;
  seasonLength: number;
}

export interface SmoothingState {
  /** The level before the first time step the smoother updates at. */
  level: number;
  /** The m factors in effect at that step and the m − 1 after it. */
  season: Float64Array;
}

export interface SmoothingPath {
  /** The first time step the smoother updates at; level[start − 1] is the initial level. */
  start: number;
  /** level[t]: the level after y_t, for t ≥ start − 1 (NaN before). */
  level: Float64Array;
  /** season[t]: the factor in effect at time t (t < n + m); before start + m, its phase's initial one. */
  season: Float64Array;
  /** Mean square one-step error, normalised: ln(y_t / (l_{t−1} S_t)), or y_t − l_{t−1} − S_t. */
  oneStepLoss: number;
}

/**
 * The initial state from the first INITIAL_SEASONS seasons of `values`: each season's
 * values relative to that season's mean (ratio or difference), averaged over the seasons
 * and normalised to average 1 (or 0); the level is the last season's mean. Taken from the
 * column itself rather than fitted and stored, so a column starting at another phase of
 * the season (a saved model forecasting a shorter file) still gets factors of its phases.
 */
export function initialState(values: ArrayLike<number>, m: number, form: SmoothingForm): SmoothingState {
  const span = INITIAL_SEASONS * m;
  if (values.length < span) {
    throw new PrepError(
      `exponential-smoothing normalisation needs ${span} values (${INITIAL_SEASONS} seasons of ${m}) ` +
        `to start its smoother, got ${values.length}`,
      { field: 'seasonLength', hint: 'Use a longer series or a shorter season.' },
    );
  }
  const season = new Float64Array(m);
  let level = 0;
  for (let j = 0; j < INITIAL_SEASONS; j++) {
    let mean = 0;
    for (let p = 0; p < m; p++) mean += checked(values, j * m + p, form);
    mean /= m;
    for (let p = 0; p < m; p++) {
      const v = values[j * m + p]!;
      season[p] = season[p]! + (form === 'multiplicative' ? v / mean : v - mean);
    }
    level = mean;
  }
  let average = 0;
  for (let p = 0; p < m; p++) average += season[p]! / INITIAL_SEASONS / m;
  for (let p = 0; p < m; p++) {
    const raw = season[p]! / INITIAL_SEASONS;
    season[p] = form === 'multiplicative' ? raw / average : raw - average;
  }
  return { level, season };
}

/** Runs the smoother through values[start …] from `initial`, the state before `start`. */
export function runSmoother(
  values: ArrayLike<number>,
  constants: SmoothingConstants,
  start: number,
  initial: SmoothingState,
): SmoothingPath {
  const { form, alpha, gamma, seasonLength: m } = constants;
  const n = values.length;
  const level = new Float64Array(n).fill(Number.NaN);
  const season = new Float64Array(n + m);
  for (let t = 0; t < Math.min(start + m, n + m); t++)
    season[t] = initial.season[(((t - start) % m) + m) % m]!;
  const ratio = form === 'multiplicative';
  let l = initial.level;
  if (start >= 1) level[start - 1] = l;
  let squares = 0;
  for (let t = start; t < n; t++) {
    const y = checked(values, t, form);
    const s = season[t]!;
    const error = ratio ? Math.log(y / (l * s)) : y - l - s;
    squares += error * error;
    season[t + m] = ratio ? (gamma * y) / l + (1 - gamma) * s : gamma * (y - l) + (1 - gamma) * s;
    l = ratio ? (alpha * y) / s + (1 - alpha) * l : alpha * (y - s) + (1 - alpha) * l;
    level[t] = l;
  }
  return { start, level, season, oneStepLoss: n > start ? squares / (n - start) : 0 };
}

/** The path of a whole column: its own initial state, then the smoother from INITIAL_SEASONS·m on. */
export function smoothColumn(values: ArrayLike<number>, constants: SmoothingConstants): SmoothingPath {
  const m = constants.seasonLength;
  return runSmoother(values, constants, INITIAL_SEASONS * m, initialState(values, m, constants.form));
}

// values[t], refused when it is not finite, or not above 0 for the multiplicative form.
function checked(values: ArrayLike<number>, t: number, form: SmoothingForm): number {
  const v = values[t]!;
  if (!Number.isFinite(v) || (form === 'multiplicative' && !(v > 0))) {
    throw new PrepError(
      'exponential-smoothing normalisation in its multiplicative form needs values above 0, ' +
        `got ${v} at index ${t}`,
      {
        field: 'transform',
        hint:
          'The additive form is chosen when the training slice itself holds values ≤ 0;' +
          " for a series that only later reaches 0 or below, use transform 'seasonal-difference'.",
      },
    );
  }
  return v;
}
