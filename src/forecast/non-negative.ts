// A series that was never negative gets no negative forecast and no negative interval
// bound: the analyst's stock of units or rainfall cannot go below zero, and a band that
// says it might is one they would rightly stop trusting. Clamping keeps the coverage the
// conformal widths promise, since no actual lies below zero.

export interface Bands {
  forecast: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
}

export function nonNegativeBands(
  forecast: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
  nonNegative: boolean,
): Bands {
  if (!nonNegative) return { forecast, lower, upper };
  const clamp = (values: Float64Array) => values.map((v) => Math.max(0, v));
  return { forecast: clamp(forecast), lower: clamp(lower), upper: clamp(upper) };
}
