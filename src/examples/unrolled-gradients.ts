// Why gradients vanish or explode: the worked example's unit unrolled over many steps.
// With every ReLU active, ∂h_T/∂h_t = w2^(T−t), so ‖∂L/∂h_t‖ shrinks geometrically for
// |w2| < 1 and grows for |w2| > 1. The norms come from the engine's own BPTT.
import { backwardBatch, createWorkspace, forwardBatch } from '../rnn/bptt.ts';
import { globalNorm } from '../rnn/optim.ts';
import { WORKED_WEIGHTS, workedNetwork } from './worked-example.ts';

export interface UnrolledGradients {
  feedbackWeight: number;
  steps: number;
  /** ‖∂L/∂h_t‖ for t = 0 … steps−1 (step 0 is the oldest input). */
  gradNorms: number[];
  /** Global norm of the parameter gradient, before clipping. */
  parameterGradNorm: number;
  /** The factor gradient clipping scales every gradient by (1 when clipping is off or idle). */
  clipScale: number;
}

export interface UnrolledGradientOptions {
  feedbackWeight: number;
  steps?: number;
  /** Input fed at every step, in scaled price units. */
  input?: number;
  clipNorm?: number | null;
}

/**
 * The worked example's unit unrolled over `steps` steps with feedback weight w2, and the
 * norm of ∂L/∂h_t at every step from the engine's own BPTT.
 *
 * @example
 * unrollGradients({ feedbackWeight: 0.5, steps: 20 }).gradNorms; // [2.1e-6, 4.2e-6, …, 1.1]: vanishing
 * unrollGradients({ feedbackWeight: 1.5, steps: 20 }).gradNorms[0]; // 2438.5: exploding
 */
export function unrollGradients(options: UnrolledGradientOptions): UnrolledGradients {
  const steps = options.steps ?? 50;
  if (!Number.isInteger(steps) || steps < 2 || steps > 1000)
    throw new Error(`steps must be an integer from 2 to 1000, got ${steps}`);
  const w2 = options.feedbackWeight;
  if (!Number.isFinite(w2)) throw new Error(`feedbackWeight must be a number, got ${w2}`);
  const net = workedNetwork({ ...WORKED_WEIGHTS, w2 });
  const ws = createWorkspace(net, 1, steps, { gradNorms: true });
  const x = new Float64Array(steps).fill(options.input ?? 0.5);
  forwardBatch(ws, x, 1);
  // dL/dŷ = 1: the norms then show the pure effect of the unrolled recurrence.
  backwardBatch(ws, Float64Array.of(1), 1);
  const parameterGradNorm = globalNorm(ws.grads);
  const clip = options.clipNorm ?? null;
  const clipScale = clip !== null && parameterGradNorm > clip ? clip / parameterGradNorm : 1;
  return {
    feedbackWeight: w2,
    steps,
    gradNorms: Array.from(ws.gradNorms![0]!, (v) => v * clipScale),
    parameterGradNorm,
    clipScale,
  };
}
