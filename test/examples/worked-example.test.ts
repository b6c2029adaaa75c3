// The yesterday/today → tomorrow example: golden values from the table in
// docs/architecture.md, computed by the engine's own ReLU Elman cell; and the unrolled
// feedback weight's vanishing/exploding.
import { describe, expect, it } from 'vitest';
import { unrollGradients } from '../../src/examples/unrolled-gradients.ts';
import { describeWorkedExample, runWorkedExample } from '../../src/examples/worked-example.ts';

describe('worked example', () => {
  const golden: [number, number, number, number, number][] = [
    // yesterday, today, y1, y2, tomorrow
    [0, 0, 0, 0, 0],
    [0, 0.5, 0, 0.9, 0.99],
    [1, 0.5, 1.8, 0, 0],
    [1, 1, 1.8, 0.9, 0.99],
    [0.5, 0.5, 0.9, 0.45, 0.495],
  ];
  for (const [yesterday, today, y1, y2, tomorrow] of golden) {
    it(`(${yesterday}, ${today}) → y1 ${y1}, y2 ${y2}, tomorrow ${tomorrow}`, () => {
      const ex = runWorkedExample(yesterday, today);
      expect(ex.y1).toBeCloseTo(y1, 12);
      expect(ex.y2).toBeCloseTo(y2, 12);
      expect(ex.tomorrow).toBeCloseTo(tomorrow, 12);
      expect(ex.steps[1].preActivation).toBeCloseTo(today * 1.8 + y1 * -0.5, 12);
    });
  }

  it('prints the unrolled arithmetic', () => {
    const lines = describeWorkedExample(runWorkedExample(1, 1));
    expect(lines[1]).toContain('= 1.8');
    expect(lines[3]).toMatch(/tomorrow = y2·w3 \+ b2 = 0\.9·1\.1 \+ 0 = 0\.99$/);
  });

  it('rejects a non-numeric price', () => {
    expect(() => runWorkedExample(Number.NaN, 1)).toThrow(/yesterday must be a number/);
  });
});

describe('unrolled gradients', () => {
  it('‖∂L/∂h_t‖ scales as w2^(T−1−t): vanishing for 0.5, flat for 1, exploding for 1.5', () => {
    for (const w2 of [0.5, 1, 1.5]) {
      const { gradNorms } = unrollGradients({ feedbackWeight: w2, steps: 50 });
      expect(gradNorms).toHaveLength(50);
      // All ReLUs are active for a positive input and w2 > 0, so the ratio is exact.
      const ratio = gradNorms[0]! / gradNorms[49]!;
      expect(Math.abs(ratio / w2 ** 49 - 1)).toBeLessThan(1e-9);
    }
    const vanishing = unrollGradients({ feedbackWeight: 0.5 }).gradNorms;
    expect(vanishing[0]! / vanishing[49]!).toBeLessThan(1e-14);
    const exploding = unrollGradients({ feedbackWeight: 1.5 }).gradNorms;
    expect(exploding[0]! / exploding[49]!).toBeGreaterThan(1e8);
  });

  it('clipping scales the gradient down to the threshold', () => {
    const clipped = unrollGradients({ feedbackWeight: 1.5, clipNorm: 1 });
    const free = unrollGradients({ feedbackWeight: 1.5 });
    expect(clipped.clipScale).toBeCloseTo(1 / free.parameterGradNorm, 12);
    expect(clipped.gradNorms[0]! / free.gradNorms[0]!).toBeCloseTo(clipped.clipScale, 12);
    expect(unrollGradients({ feedbackWeight: 0.5, clipNorm: 1e9 }).clipScale).toBe(1);
  });
});
