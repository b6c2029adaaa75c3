// Maximum-likelihood fit of one ETS model, as forecast's etsmodel(): the smoothing parameters
// and the free initial states start from the references' heuristics and are moved by
// Nelder–Mead on R's criterion n·log(SSE) (+ 2Σlog|ŷ| for multiplicative errors). The usual
// bounds hold by construction (sin² map, see ets-objective.ts); the admissible region is
// enforced by an infinite criterion outside it, as R does.

import { initialSmoothing, initialStates } from './ets-init.ts';
import { etsName } from './ets-model.ts';
import type { EtsSmoothing, EtsSpec } from './ets-model.ts';
import { EtsObjective } from './ets-objective.ts';
import { etsCriterion } from './ets-recursion.ts';
import { initialSteps, startingGrid } from './ets-start.ts';
import { nelderMead } from './nelder-mead.ts';

export interface EtsModelFit {
  readonly spec: EtsSpec;
  readonly smoothing: EtsSmoothing;
  /** Full initial state in R's order [ℓ_0, b_0?, s_0 … s_{m−1}?]. */
  readonly initialState: Float64Array;
  /** R's "lik": −2·log-likelihood up to a constant in n. */
  readonly criterion: number;
  /** Number of estimated parameters including σ² (R's np + 1). */
  readonly parameterCount: number;
  readonly aic: number;
  readonly aicc: number;
  readonly bic: number;
}

/** Evaluation budget of the Nelder–Mead search (R's maxit = 2000). */
export interface EtsFitOptions {
  readonly maxEvaluations: number;
}

export const DEFAULT_ETS_FIT_OPTIONS: EtsFitOptions = { maxEvaluations: 2000 };

/** Information criteria from the criterion, as ets.R computes them. */
export function informationCriteria(criterion: number, parameterCount: number, n: number) {
  const k = parameterCount;
  const aic = criterion + 2 * k;
  const aicc = n - k - 1 > 0 ? aic + (2 * k * (k + 1)) / (n - k - 1) : Infinity;
  return { aic, aicc, bic: criterion + Math.log(n) * k };
}

/** Stage 1 runs from this many of the best grid points, each with this many evaluations. */
const STAGE1_STARTS = 3;
const STAGE1_EVALUATIONS = 150;

/**
 * Fits one ETS model. Returns null when the model has as many parameters as the data allow
 * (R: np ≥ n − 1) or when no finite likelihood is found.
 *
 * The search runs in two stages: first the smoothing parameters alone with the heuristic
 * initial states (a quick low-dimensional search that lands near the right smoothing), then
 * all parameters together from there, with restarts.
 */
export function fitEtsModel(
  y: Float64Array,
  spec: EtsSpec,
  options = DEFAULT_ETS_FIT_OPTIONS,
): EtsModelFit | null {
  const n = y.length;
  const objective = new EtsObjective(y, spec);
  const k = objective.smoothingCount;
  const states = initialStates(y, spec);
  const start = new Float64Array(k + states.length);
  objective.toUnbounded(initialSmoothing(spec), start);
  start.set(states, k);
  if (start.length >= n - 1) return null;
  let scale = 0;
  for (let t = 1; t < n; t++) scale += Math.abs(y[t]! - y[t - 1]!) / (n - 1);
  const steps = initialSteps(start, k, scale);
  // Stage 1: smoothing parameters only, with the heuristic initial states. The criterion often
  // has several basins in (α, β, γ), so the search starts from the three best of a small grid of
  // starting values (R's start among them) and keeps the best end point.
  const full = Float64Array.from(start);
  const smoothingOnly = (u: Float64Array): number => {
    full.set(u, 0);
    return objective.value(full);
  };
  const starts = startingGrid(spec).map((p) => {
    const u = new Float64Array(k);
    objective.toUnbounded(p, u);
    return { u, value: smoothingOnly(u) };
  });
  starts.sort((a, b) => a.value - b.value);
  let used = starts.length;
  let stage1Best = Infinity;
  for (const candidate of starts.slice(0, STAGE1_STARTS)) {
    if (!Number.isFinite(candidate.value)) continue;
    const found = nelderMead(smoothingOnly, candidate.u, {
      initialStep: steps.subarray(0, k),
      maxEvaluations: STAGE1_EVALUATIONS,
      relativeTolerance: 1e-8,
      restarts: 0,
    });
    used += found.evaluations;
    if (found.value < stage1Best) {
      stage1Best = found.value;
      start.set(found.x, 0);
    }
  }
  // Stage 2: everything.
  const result = nelderMead((x) => objective.value(x), start, {
    initialStep: steps,
    maxEvaluations: Math.max(options.maxEvaluations - used, 200),
    relativeTolerance: 1e-8,
    restarts: 3,
  });
  if (!Number.isFinite(result.value)) return null;
  objective.expandState(result.x);
  const parameterCount = start.length + 1;
  return {
    spec,
    smoothing: objective.smoothing(result.x),
    initialState: Float64Array.from(objective.full),
    criterion: result.value,
    parameterCount,
    ...informationCriteria(result.value, parameterCount, n),
  };
}

/** R's criterion for fixed parameters and initial state (pegelsresid.C's lik). */
export function etsCriterionAt(
  y: Float64Array,
  spec: EtsSpec,
  smoothing: EtsSmoothing,
  initial: ArrayLike<number>,
) {
  return etsCriterion(y, spec, smoothing, initial, new Float64Array(spec.m));
}

export function describeEtsModel(fit: EtsModelFit): string {
  const p = fit.smoothing;
  const name = `${etsName(fit.spec)}${fit.spec.season !== 'N' ? ` m=${fit.spec.m}` : ''}`;
  const parts = [name, `α=${p.alpha.toFixed(4)}`];
  if (fit.spec.trend !== 'N') parts.push(`β=${p.beta.toFixed(4)}`);
  if (fit.spec.trend === 'Ad') parts.push(`φ=${p.phi.toFixed(4)}`);
  if (fit.spec.season !== 'N') parts.push(`γ=${p.gamma.toFixed(4)}`);
  return `${parts.join(' ')} (AICc ${fit.aicc.toFixed(1)})`;
}
