// Sliding windows: layout [N, T, F] / [N, k], strides aligned to the end, target ranges,
// and the property that no input is at or after its window's first target.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeWindows } from '../../src/prep/window.ts';
import { PrepError } from '../../src/prep/errors.ts';

const ramp = (n: number, offset = 0): Float64Array => Float64Array.from({ length: n }, (_, i) => i + offset);

describe('makeWindows', () => {
  it('lays out inputs batch-major [N, T, F] with the target as feature 0', () => {
    const target = ramp(6);
    const feature = ramp(6, 100);
    const w = makeWindows([target, feature], { windowLength: 2, horizonSteps: 2 });
    expect(w).toMatchObject({ count: 3, windowLength: 2, featureCount: 2, horizonSteps: 2 });
    expect(Array.from(w.targetStart)).toEqual([2, 3, 4]);
    // Window 0: inputs t=0 → (0, 100), t=1 → (1, 101); targets 2, 3.
    expect(Array.from(w.inputs.subarray(0, 4))).toEqual([0, 100, 1, 101]);
    expect(Array.from(w.targets)).toEqual([2, 3, 3, 4, 4, 5]);
    expect(w.inputs).toHaveLength(3 * 2 * 2);
  });

  it('leaves the target out of the inputs when asked', () => {
    const w = makeWindows([ramp(5), ramp(5, 10)], {
      windowLength: 2,
      horizonSteps: 1,
      targetInInputs: false,
    });
    expect(w.featureCount).toBe(1);
    expect(Array.from(w.inputs.subarray(0, 2))).toEqual([10, 11]);
    expect(() => makeWindows([ramp(5)], { windowLength: 2, horizonSteps: 1, targetInInputs: false })).toThrow(
      PrepError,
    );
  });

  it('strides back from the end, so the newest data is always in a window', () => {
    const w = makeWindows([ramp(10)], { windowLength: 3, horizonSteps: 1, stride: 4 });
    expect(Array.from(w.targetStart)).toEqual([5, 9]);
  });

  it('keeps every target inside the target range but lets inputs look back', () => {
    const w = makeWindows([ramp(20)], { windowLength: 4, horizonSteps: 2, targetRange: [10, 15] });
    expect(Array.from(w.targetStart)).toEqual([10, 11, 12, 13]);
    expect(w.inputs[0]).toBe(6);
    expect(w.targets[w.targets.length - 1]).toBe(14);
  });

  it('refuses a series too short for its window, saying what it needs', () => {
    expect(() => makeWindows([ramp(1)], { windowLength: 24, horizonSteps: 1 })).toThrow(
      /a window needs 25 consecutive values \(windowLength 24 \+ horizonSteps 1\), but only 1 are available/,
    );
    expect(() => makeWindows([ramp(10)], { windowLength: 0, horizonSteps: 1 })).toThrow(
      /windowLength: must be a whole number/,
    );
    expect(() => makeWindows([ramp(10), ramp(9)], { windowLength: 2, horizonSteps: 1 })).toThrow(
      /column 1 has 9 values/,
    );
    expect(() =>
      makeWindows([Float64Array.from([1, NaN, 3, 4])], { windowLength: 2, horizonSteps: 1 }),
    ).toThrow(/index 1 is NaN/);
  });

  it('property: no window input is at or after its first target, and targets follow in order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 60 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 3 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (extra, T, k, stride, features, rangeFraction) => {
          const n = T + k + extra;
          // Each column holds its own time index, so a value says where it came from.
          const columns = Array.from({ length: features }, (_, f) => ramp(n, f * 1000));
          const start = Math.floor(rangeFraction * (n - k - T));
          const w = makeWindows(columns, {
            windowLength: T,
            horizonSteps: k,
            stride,
            targetRange: [start, n],
          });
          for (let i = 0; i < w.count; i++) {
            const s = w.targetStart[i]!;
            expect(s).toBeGreaterThanOrEqual(start);
            for (let t = 0; t < T; t++) {
              for (let f = 0; f < features; f++) {
                const index = w.inputs[(i * T + t) * features + f]! - f * 1000;
                expect(index).toBeLessThan(s);
                expect(index).toBe(s - T + t);
              }
            }
            for (let j = 0; j < k; j++) expect(w.targets[i * k + j]).toBe(s + j);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
