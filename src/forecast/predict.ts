// Forecasts from forecast origins: for each origin s, the model sees only values before s
// and forecasts s, s+1, …. Direct models emit all steps at once; recursive models feed
// each prediction back as the newest input (docs/lessons.md #8 keeps the two apart by name:
// predictNext is one step from actuals, forecast is many steps from its own predictions).
import { inverseTargets, scaleInputWindows } from '../prep/window-scale.ts';
import { predictWindows } from '../rnn/bptt.ts';
import type { Network } from '../rnn/network.ts';
import type { ForecastConfig } from './config.ts';
import { headOutputs } from './config.ts';
import type { ModelScalers } from './prepare.ts';
import { firstOrigin } from './prepare.ts';

/** What a fitted network forecasts with. */
interface ModelCore {
  config: ForecastConfig;
  network: Network;
  scalers: ModelScalers;
}

/** Raw-unit forecasts [origins.length, steps], row i forecasting origins[i] … origins[i]+steps−1. */
export function forecastFromOrigins(
  model: ModelCore,
  columns: readonly Float64Array[],
  origins: ArrayLike<number>,
  steps: number,
): Float64Array {
  const { config } = model;
  if (!Number.isInteger(steps) || steps < 1)
    throw new Error(`steps must be a whole number ≥ 1, got ${steps}`);
  const start = firstOrigin(config);
  for (let i = 0; i < origins.length; i++) {
    if (origins[i]! < start)
      throw new Error(`a forecast needs ${start} past values; origin ${origins[i]} has only ${origins[i]}`);
  }
  if (config.strategy === 'direct') {
    if (steps > config.horizonSteps)
      throw new Error(
        `this model forecasts ${config.horizonSteps} steps directly; ${steps} were asked for (refit with a longer horizon)`,
      );
    const all = directForecast(model, columns, origins);
    const K = config.horizonSteps;
    const out = new Float64Array(origins.length * steps);
    for (let i = 0; i < origins.length; i++) out.set(all.subarray(i * K, i * K + steps), i * steps);
    return out;
  }
  if (steps === 1) return directForecast(model, columns, origins);
  if (config.features.length > 0)
    throw new Error(
      `recursive forecasting past one step would need the future values of ${config.features.join(', ')}`,
    );
  return recursiveForecast(model, columns[0]!, origins, steps);
}

function directForecast(
  model: ModelCore,
  columns: readonly Float64Array[],
  origins: ArrayLike<number>,
): Float64Array {
  const T = model.config.windowLength;
  const { inputs, anchors } = scaleInputWindows(
    columns,
    columns[0]!,
    origins,
    T,
    model.scalers.inputs,
    model.scalers.target,
  );
  const scaled = predictWindows(model.network, inputs, origins.length, T);
  return inverseTargets(scaled, anchors, headOutputs(model.config), model.scalers.target);
}

/**
 * Each origin gets its own strip of history [lead values | steps predictions], laid end to
 * end in one column so every step is one batched pass over all origins.
 */
function recursiveForecast(
  model: ModelCore,
  target: Float64Array,
  origins: ArrayLike<number>,
  steps: number,
): Float64Array {
  if (model.scalers.target.needsHistory)
    throw new Error(
      'recursive forecasting past one step cannot use es-normalise scaling: its smoother state ' +
        'summarises the whole history, which the strips of lead values do not carry; ' +
        'use strategy "direct" (as ES-RNN does)',
    );
  const lead = firstOrigin(model.config);
  const strip = lead + steps;
  const N = origins.length;
  const history = new Float64Array(N * strip);
  for (let i = 0; i < N; i++) history.set(target.subarray(origins[i]! - lead, origins[i]!), i * strip);
  const at = new Int32Array(N);
  for (let j = 0; j < steps; j++) {
    for (let i = 0; i < N; i++) at[i] = i * strip + lead + j;
    const next = directForecast(model, [history], at);
    for (let i = 0; i < N; i++) history[at[i]!] = next[i]!;
  }
  const out = new Float64Array(N * steps);
  for (let i = 0; i < N; i++) out.set(history.subarray(i * strip + lead, (i + 1) * strip), i * steps);
  return out;
}

/**
 * Every origin from the first possible one up to `end` (exclusive), in order; when there are
 * more than `most`, that many spread evenly from the first to the last. Scoring a long series
 * at 300,000 origins costs minutes and says no more than 2,000 of them do.
 */
export function originsBetween(start: number, end: number, most = Number.POSITIVE_INFINITY): Int32Array {
  const count = Math.max(0, end - start);
  if (count <= most) return Int32Array.from({ length: count }, (_, i) => start + i);
  const last = count - 1;
  return Int32Array.from({ length: most }, (_, i) => start + Math.round((i * last) / (most - 1)));
}

/** Rolling origins scored at most, for validation and for the test report. */
export const MAX_SCORED_ORIGINS = 2000;
