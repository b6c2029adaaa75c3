// The teaching example: yesterday and today → tomorrow through one ReLU unit unrolled
// over two days. It runs on the same engine that trains real models — a 1-unit ReLU
// Elman cell and a 1-unit linear head — so the numbers it shows are the engine's own.
//
//   y1 = ReLU(yesterday·w1 + b1)
//   y2 = ReLU(today·w1 + y1·w2 + b1)
//   tomorrow = y2·w3 + b2
import { createWorkspace, forwardBatch } from '../rnn/bptt.ts';
import { networkFromParams } from '../rnn/network.ts';
import type { Network } from '../rnn/network.ts';

export interface WorkedWeights {
  w1: number; // input weight
  w2: number; // feedback (recurrent) weight
  b1: number;
  w3: number; // output weight
  b2: number;
}

export const WORKED_WEIGHTS: Readonly<WorkedWeights> = { w1: 1.8, w2: -0.5, b1: 0, w3: 1.1, b2: 0 };

export interface UnrolledStep {
  day: 'yesterday' | 'today';
  input: number;
  /** input·w1 + previous·w2 + b1, before the ReLU. */
  preActivation: number;
  hidden: number;
}

export interface WorkedExample {
  weights: WorkedWeights;
  steps: [UnrolledStep, UnrolledStep];
  y1: number;
  y2: number;
  tomorrow: number;
}

/** The 1-unit ReLU Elman network with the example's weights, in the engine's parameter layout. */
export function workedNetwork(weights: WorkedWeights = WORKED_WEIGHTS): Network {
  const { w1, w2, b1, w3, b2 } = weights;
  // Layout order: layer0.Wx, layer0.Wh, layer0.b, head.W, head.b.
  return networkFromParams(
    { cell: 'rnn', activation: 'relu', inputSize: 1, hiddenSize: 1, layers: 1, outputs: 1 },
    Float64Array.of(w1, w2, b1, w3, b2),
  );
}

/**
 * The worked example for two inputs, through the engine's own forward pass, with every
 * intermediate value.
 *
 * @example
 * const run = runWorkedExample(1, 1);
 * [run.y1, run.y2, run.tomorrow]; // [1.8, 0.9, 0.99] (tomorrow prints as 0.9900000000000001)
 */
export function runWorkedExample(
  yesterday: number,
  today: number,
  weights: WorkedWeights = WORKED_WEIGHTS,
): WorkedExample {
  for (const [name, v] of [
    ['yesterday', yesterday],
    ['today', today],
  ] as const) {
    if (!Number.isFinite(v)) throw new Error(`${name} must be a number, got ${v}`);
  }
  const net = workedNetwork(weights);
  const ws = createWorkspace(net, 1, 2);
  const tomorrow = forwardBatch(ws, Float64Array.of(yesterday, today), 1)[0]!;
  const tape = ws.tapes[0]!; // B = H = 1, so step t sits at index t of the tape
  const step = (t: 0 | 1, day: UnrolledStep['day'], input: number): UnrolledStep => ({
    day,
    input,
    preActivation: tape.gates[t]!,
    hidden: tape.h[t]!,
  });
  return {
    weights: { ...weights },
    steps: [step(0, 'yesterday', yesterday), step(1, 'today', today)],
    y1: tape.h[0]!,
    y2: tape.h[1]!,
    tomorrow,
  };
}

/** The example as lines of arithmetic, as the CLI prints it. */
export function describeWorkedExample(ex: WorkedExample): string[] {
  const { w1, w2, b1, w3, b2 } = ex.weights;
  const f = (v: number) => String(Number(v.toFixed(6)));
  const factor = (v: number) => (v < 0 ? `(${f(v)})` : f(v)); // 1.8·(-0.5), not 1.8·-0.5
  const [s1, s2] = ex.steps;
  return [
    `weights: w1 = ${f(w1)} (input), w2 = ${f(w2)} (feedback), b1 = ${f(b1)}, w3 = ${f(w3)} (output), b2 = ${f(b2)}`,
    `y1 = ReLU(yesterday·w1 + b1) = ReLU(${f(s1.input)}·${f(w1)} + ${f(b1)}) = ReLU(${f(s1.preActivation)}) = ${f(ex.y1)}`,
    `y2 = ReLU(today·w1 + y1·w2 + b1) = ReLU(${f(s2.input)}·${f(w1)} + ${f(ex.y1)}·${factor(w2)} + ${f(b1)}) = ReLU(${f(s2.preActivation)}) = ${f(ex.y2)}`,
    `tomorrow = y2·w3 + b2 = ${f(ex.y2)}·${f(w3)} + ${f(b2)} = ${f(ex.tomorrow)}`,
  ];
}
