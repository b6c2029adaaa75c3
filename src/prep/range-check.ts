// Warns when validation or test values leave the range the scaler was fitted on: a network
// fed inputs it never saw tends to forecast a flat line there (docs/lessons.md #7). Window-relative
// scalers get no warning, since leaving the training range is exactly what they handle.
// es-normalise compares one-step ratios to the smoothed level and season, the slice starting
// its own smoother (it has no history here): those leave the range of the training windows'
// values only at a jump the smoother has not caught up with.
import { esOneStepValues } from './es-normalise.ts';
import { PrepError } from './errors.ts';
import type { FittedScaler } from './scaler-types.ts';
import { applySteps, leadValues } from './value-steps.ts';

export function rangeWarnings(scaler: FittedScaler, values: Float64Array, label: string): string[] {
  const { params } = scaler;
  const transform = scaler.spec.transform ?? 'none';
  const lag = leadValues(scaler.spec);
  if (params.relative !== null || values.length <= lag) return [];
  if (params.smoothing !== null) {
    try {
      const constants = { ...params.smoothing, seasonLength: scaler.spec.seasonLength! };
      return outsideRange(scaler, esOneStepValues(values, constants), label);
    } catch (error) {
      if (error instanceof PrepError) return [`${label}: ${error.problem}; forecasts there will fail`];
      throw error;
    }
  }
  const y =
    lag > 0
      ? applySteps(
          values.subarray(lag),
          { transform, relative: null, seasonLength: scaler.spec.seasonLength },
          values.subarray(0, lag),
        )
      : transform === 'log'
        ? Float64Array.from(values, (v) => (v > 0 ? Math.log(v) : -Infinity))
        : values;
  return outsideRange(scaler, y, label);
}

// The warning when values in the scaler's domain leave the range it was fitted on.
function outsideRange(scaler: FittedScaler, y: Float64Array, label: string): string[] {
  const { params } = scaler;
  const transform = scaler.spec.transform ?? 'none';
  const slack = 1e-9 * Math.max(1, Math.abs(params.fitMin), Math.abs(params.fitMax));
  let outside = 0;
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (v < low) low = v;
    if (v > high) high = v;
    if (v < params.fitMin - slack || v > params.fitMax + slack || v !== v) outside++;
  }
  if (outside === 0) return [];
  const ratio = transform === 'log' || params.smoothing?.form === 'multiplicative';
  const shown = (v: number): string => formatNumber(ratio ? Math.exp(v) : v);
  const what =
    transform === 'difference'
      ? 'step-to-step changes'
      : transform === 'seasonal-difference'
        ? 'season-to-season changes'
        : transform === 'es-normalise'
          ? `values relative to the smoothed level and season (${ratio ? 'ratios' : 'differences'})`
          : 'values';
  const advice =
    transform === 'es-normalise'
      ? ' The smoother lags a sudden jump there; consider a longer training slice or a seasonal difference.'
      : " Consider window-relative scaling or transform 'difference'.";
  return [
    `${label}: ${outside} of ${y.length} ${what} fall outside the training range [${shown(params.fitMin)}, ${shown(params.fitMax)}]` +
      ` (they span ${shown(low)} to ${shown(high)}); forecasts there extrapolate and tend to flatten.` +
      advice,
  ];
}

function formatNumber(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(6))) : String(value);
}
