import type { Floats } from './floats.ts';
// Optimisers over the flat parameter vector, and gradient clipping by global norm.
// State vectors are allocated once, when the optimiser is made.

export type OptimizerKind = 'adam' | 'sgd';

export interface OptimizerConfig {
  kind: OptimizerKind;
  learningRate: number;
  /** SGD only; 0 is plain gradient descent. */
  momentum?: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

export interface Optimizer {
  learningRate: number;
  /** Applies one update θ ← θ − step(∇θ) in place. */
  step(params: Floats, grads: Floats): void;
}

export function createOptimizer(config: OptimizerConfig, size: number): Optimizer {
  if (!(config.learningRate > 0) || !Number.isFinite(config.learningRate)) {
    throw new Error(`optimizer: learningRate must be a positive number, got ${config.learningRate}`);
  }
  return config.kind === 'adam' ? createAdam(config, size) : createSgd(config, size);
}

/** SGD with (heavy-ball) momentum: v ← μ·v + g;  θ ← θ − lr·v  (PyTorch's form). */
function createSgd(config: OptimizerConfig, size: number): Optimizer {
  const mu = config.momentum ?? 0.9;
  const velocity = new Float64Array(size);
  return {
    learningRate: config.learningRate,
    step(params, grads) {
      const lr = this.learningRate;
      for (let i = 0; i < size; i++) {
        const v = mu * velocity[i]! + grads[i]!;
        velocity[i] = v;
        params[i] = params[i]! - lr * v;
      }
    },
  };
}

/** Adam (Kingma & Ba 2015) with bias correction of both moment estimates. */
function createAdam(config: OptimizerConfig, size: number): Optimizer {
  const beta1 = config.beta1 ?? 0.9,
    beta2 = config.beta2 ?? 0.999,
    eps = config.epsilon ?? 1e-8;
  const m = new Float64Array(size),
    v = new Float64Array(size);
  let t = 0;
  return {
    learningRate: config.learningRate,
    step(params, grads) {
      t++;
      const correction1 = 1 - beta1 ** t,
        correction2 = 1 - beta2 ** t;
      const stepSize = this.learningRate / correction1;
      const sqrtC2 = Math.sqrt(correction2);
      for (let i = 0; i < size; i++) {
        const g = grads[i]!;
        const mi = beta1 * m[i]! + (1 - beta1) * g;
        const vi = beta2 * v[i]! + (1 - beta2) * g * g;
        m[i] = mi;
        v[i] = vi;
        params[i] = params[i]! - (stepSize * mi) / (Math.sqrt(vi) / sqrtC2 + eps);
      }
    },
  };
}

export function globalNorm(grads: Floats): number {
  let s = 0;
  for (let i = 0; i < grads.length; i++) s += grads[i]! * grads[i]!;
  return Math.sqrt(s);
}

/**
 * Scales grads in place so their global L2 norm is at most maxNorm; returns the norm
 * before clipping (what the progress events report).
 */
export function clipByGlobalNorm(grads: Floats, maxNorm: number): number {
  const norm = globalNorm(grads);
  if (norm > maxNorm && Number.isFinite(norm)) {
    const scale = maxNorm / norm;
    for (let i = 0; i < grads.length; i++) grads[i] = grads[i]! * scale;
  }
  return norm;
}
