// Window-level scaling with anchors: targets come back exactly in raw units, and
// window-relative scaling keeps a trending series that leaves its training range in range.
import { describe, expect, it } from 'vitest';
import { makeWindows } from '../../src/prep/window.ts';
import { fitScaler, type ScalerSpec } from '../../src/prep/scale.ts';
import { inverseTargets, scaleWindows } from '../../src/prep/window-scale.ts';
import { splitByFraction, trainSlice } from '../../src/prep/split.ts';

// A price that grows 1 % a step with a wiggle: the test part lies far above the training range.
const n = 300;
const price = Float64Array.from({ length: n }, (_, i) => 100 * 1.01 ** i * (1 + 0.02 * Math.sin(i)));
const volume = Float64Array.from({ length: n }, (_, i) => 1000 + 10 * Math.cos(i));
const split = splitByFraction(n, { validation: 0.15, test: 0.15 });
const options = { windowLength: 12, horizonSteps: 3, firstInput: 1 };

describe('scaleWindows / inverseTargets', () => {
  const specs: ScalerSpec[] = [
    { kind: 'zscore' },
    { kind: 'minmax', transform: 'difference' },
    { kind: 'robust', transform: 'log' },
    { kind: 'zscore', windowRelative: true, windowLength: 12, horizonSteps: 3 },
  ];
  for (const spec of specs) {
    it(`${JSON.stringify(spec)}: targets invert exactly, inputs match the scaler`, () => {
      const scalers = [price, volume].map((column) => fitScaler(trainSlice(column, split), spec));
      const windows = makeWindows([price, volume], { ...options, targetRange: split.test });
      const scaled = scaleWindows(windows, [price, volume], { inputs: scalers, target: scalers[0]! });
      expect(scaled.anchors[0]).toBe(price[windows.targetStart[0]! - 1]);
      const back = inverseTargets(scaled.targets, scaled.anchors, windows.horizonSteps, scalers[0]!);
      back.forEach((v, i) => expect(v).toBeCloseTo(windows.targets[i]!, 8));
      // Window 0, time step 5, feature 1 (volume) equals the scaler applied to that window alone.
      const s = windows.targetStart[0]!;
      const raw = volume.subarray(s - 12, s);
      const anchor = scalers[1]!.needsAnchor
        ? spec.windowRelative === true
          ? volume[s - 1]
          : volume[s - 13]
        : undefined;
      expect(scaled.inputs[(0 * 12 + 5) * 2 + 1]).toBeCloseTo(scalers[1]!.transform(raw, anchor)[5]!, 12);
    });
  }

  it('window-relative inputs of the test part stay in the training range; plain scaling leaves it', () => {
    const relative = fitScaler(trainSlice(price, split), {
      kind: 'minmax',
      windowRelative: true,
      windowLength: 12,
      horizonSteps: 3,
    });
    const plain = fitScaler(trainSlice(price, split), { kind: 'minmax' });
    const test = makeWindows([price], { ...options, targetRange: split.test });
    const maxOf = (scaled: Float64Array): number => scaled.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(maxOf(scaleWindows(test, [price], { inputs: [plain], target: plain }).inputs)).toBeGreaterThan(
      1.3,
    );
    expect(maxOf(scaleWindows(test, [price], { inputs: [relative], target: relative }).inputs)).toBeLessThan(
      1.2,
    );
  });

  it('a seasonal difference anchors each window on the season before it, and inverts exactly', () => {
    const m = 5;
    const spec: ScalerSpec = { kind: 'zscore', transform: 'seasonal-difference', seasonLength: m };
    const scalers = [price, volume].map((column) => fitScaler(trainSlice(column, split), spec));
    const windows = makeWindows([price, volume], { ...options, firstInput: m, targetRange: split.test });
    const scaled = scaleWindows(windows, [price, volume], { inputs: scalers, target: scalers[0]! });
    const s = windows.targetStart[1]!;
    expect(Array.from(scaled.anchors.subarray(m, 2 * m))).toEqual(Array.from(price.subarray(s - m, s)));
    const back = inverseTargets(scaled.targets, scaled.anchors, windows.horizonSteps, scalers[0]!);
    back.forEach((v, i) => expect(v).toBeCloseTo(windows.targets[i]!, 8));
    const input = scalers[1]!.transform(volume.subarray(s - 12, s), volume.subarray(s - 12 - m, s - 12));
    expect(scaled.inputs[(1 * 12 + 7) * 2 + 1]).toBeCloseTo(input[7]!, 12);
    const early = makeWindows([price], { windowLength: 12, horizonSteps: 1, firstInput: 1 });
    expect(() => scaleWindows(early, [price], { inputs: [scalers[0]!], target: scalers[0]! })).toThrow(
      /firstInput: 5/,
    );
  });

  it('a differenced window at the very start has no anchor, and says how to fix it', () => {
    const scaler = fitScaler(price, { kind: 'none', transform: 'difference' });
    const windows = makeWindows([price], { windowLength: 12, horizonSteps: 1 });
    expect(() => scaleWindows(windows, [price], { inputs: [scaler], target: scaler })).toThrow(
      /firstInput: 1/,
    );
  });
});
