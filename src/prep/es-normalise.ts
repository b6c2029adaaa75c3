// es-normalise: ES-RNN's inputs and targets (Smyl, IJF 2020). For a window whose origin is
// s (inputs y_{s−T} … y_{s−1}), with l the smoothed level and S_t the seasonal factor in
// effect at t (es-smoother.ts), the network sees
//   inputs   ln(y_t / (l_{s−1} S_t))       targets   ln(y_{s+k} / (l_{s−1} S_{s+k}))
// (y − l − S in the additive form), and a forecast is l_{s−1} S_{s+k} times the exponent of
// the output. Beyond a season ahead, S_{s+k} repeats the last season's factors, as Smyl did.
//
// The anchor is the smoother's state, not raw values: [l_{s−1}, S_{s−T}, …, S_{s−1}] for the
// inputs before s and [l_{s−1}, S_s, …, S_{s+m−1}] for the values from s on, so transform and
// inverse are a division by level × factor and nothing else. The state depends on every
// value before s. Rebuilding it per window from the start would cost O(n) per window, and a
// local warm-up of a few seasons would not match the full run when γ is small (seasonal
// factors forget at (1 − γ) per season), so a column's path is run once, in O(n), where the
// window code holds the whole column (esColumnAnchors), and each window reads its state off
// it: exact, and the same numbers whichever windows are asked for.
import type { ColumnAnchors } from './column-anchors.ts';
import { PrepError } from './errors.ts';
import { INITIAL_SEASONS, smoothColumn } from './es-smoother.ts';
import type { SmoothingConstants, SmoothingForm } from './es-smoother.ts';
import { MAX_WINDOW_SAMPLES } from './scaler-stats.ts';
import type { Anchor } from './value-steps.ts';

/** What a fitted es-normalise scaler stores: the form and its smoothing constants. */
export interface EsSmoothing {
  form: SmoothingForm;
  alpha: number;
  gamma: number;
}

/** Values before the first origin: the seasons the smoother's initial state comes from. */
export function esLeadValues(seasonLength: number): number {
  return INITIAL_SEASONS * seasonLength;
}

/** values[i] → ln(values[i] / (level · factor_{i mod L})), or values[i] − level − factor_{i mod L}. */
export function esNormalise(
  values: Float64Array,
  anchor: Anchor | undefined,
  form: SmoothingForm,
): Float64Array {
  const a = checkedAnchor(anchor, form);
  const L = a.length - 1;
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const level = a[0]!,
      factor = a[1 + (i % L)]!;
    if (form === 'multiplicative') {
      if (!(v > 0)) {
        throw new PrepError(`the multiplicative es-normalise scaler needs values above 0, got ${v}`, {
          field: 'transform',
          hint: "Use transform 'seasonal-difference' for a series that reaches 0 or below.",
        });
      }
      out[i] = Math.log(v / (level * factor));
    } else {
      out[i] = v - level - factor;
    }
  }
  return out;
}

/** Exact inverse of esNormalise for the same anchor (up to rounding). */
export function esDenormalise(
  y: Float64Array,
  anchor: Anchor | undefined,
  form: SmoothingForm,
): Float64Array {
  const a = checkedAnchor(anchor, form);
  const L = a.length - 1;
  return Float64Array.from(y, (v, i) =>
    form === 'multiplicative' ? Math.exp(v) * a[0]! * a[1 + (i % L)]! : v + a[0]! + a[1 + (i % L)]!,
  );
}

/** The smoother's path through `column`, run once; each window's anchors are read off it. */
export function esColumnAnchors(column: Float64Array, constants: SmoothingConstants): ColumnAnchors {
  const m = constants.seasonLength;
  const lead = esLeadValues(m);
  const path = column.length >= lead ? smoothColumn(column, constants) : null;
  const state = (origin: number, first: number, count: number): Float64Array => {
    if (
      path === null ||
      !(Number.isInteger(origin) && origin >= lead && origin <= column.length && first >= 0)
    ) {
      throw new PrepError(
        `exponential-smoothing normalisation starts after the first ${lead} values ` +
          `(${INITIAL_SEASONS} seasons of ${m}), and origin ${origin} ` +
          `${first < 0 ? 'has too few values before its window' : 'comes before that'} ` +
          `in a column of ${column.length}`,
        { field: 'firstInput', hint: `Cut the windows with makeWindows(…, { firstInput: ${lead} }).` },
      );
    }
    const out = new Float64Array(1 + count);
    out[0] = path.level[origin - 1]!;
    out.set(path.season.subarray(first, first + count), 1);
    return out;
  };
  return {
    before: (origin, length) => state(origin, origin - length, length),
    from: (origin) => state(origin, origin, m),
  };
}

/**
 * The training slice in the scaler's own domain: every input and target of every training
 * window (origins from windowLength + the lead values, targets inside the slice), at a
 * stride when that would be too many.
 */
export function esTrainingSamples(
  train: Float64Array,
  constants: SmoothingConstants,
  window: { length: number; horizon: number },
): Float64Array {
  const { length: T, horizon: k } = window;
  const first = T + esLeadValues(constants.seasonLength);
  const windows = train.length - k - first + 1;
  if (windows < 1) {
    throw new PrepError(
      `the training slice of ${train.length} values holds no window of ${T} + ${k} after the ` +
        `${first - T} values exponential-smoothing normalisation starts from`,
      { field: 'windowLength', hint: 'Shorten the window or the season, or train on more data.' },
    );
  }
  const anchors = esColumnAnchors(train, constants);
  const stride = Math.max(1, Math.ceil((windows * (T + k)) / MAX_WINDOW_SAMPLES));
  const count = Math.ceil(windows / stride);
  const out = new Float64Array(count * (T + k));
  for (let w = 0; w < count; w++) {
    const s = first + w * stride;
    out.set(esNormalise(train.subarray(s - T, s), anchors.before(s, T), constants.form), w * (T + k));
    out.set(esNormalise(train.subarray(s, s + k), anchors.from(s), constants.form), w * (T + k) + T);
  }
  return out;
}

/**
 * One-step normalised values of a slice on its own (its first seasons start the smoother):
 * what range warnings compare with the training range, since a slice alone has no history.
 */
export function esOneStepValues(values: Float64Array, constants: SmoothingConstants): Float64Array {
  const lead = esLeadValues(constants.seasonLength);
  if (values.length <= lead) return new Float64Array(0);
  const path = smoothColumn(values, constants);
  return Float64Array.from({ length: values.length - lead }, (_, i) => {
    const t = lead + i;
    const level = path.level[t - 1]!,
      factor = path.season[t]!;
    return constants.form === 'multiplicative'
      ? Math.log(values[t]! / (level * factor))
      : values[t]! - level - factor;
  });
}

// The anchor as [level, factors…], refused unless it is one (a raw value is not).
function checkedAnchor(anchor: Anchor | undefined, form: SmoothingForm): Float64Array {
  const values = anchor === undefined || typeof anchor === 'number' ? undefined : Float64Array.from(anchor);
  const ok =
    values !== undefined &&
    values.length >= 2 &&
    values.every((v) => Number.isFinite(v) && (form === 'additive' || v > 0));
  if (!ok) {
    const shown =
      anchor === undefined ? 'undefined' : typeof anchor === 'number' ? String(anchor) : 'another';
    throw new PrepError(
      'this scaler needs an exponential-smoothing anchor [level, seasonal factors…]' +
        `${form === 'multiplicative' ? ' of positive numbers' : ''}, got ${shown}`,
      {
        field: 'anchor',
        hint: "Take the anchors from the scaler's anchorsIn(column) (window-scale.ts does), not raw values.",
      },
    );
  }
  return values!;
}
