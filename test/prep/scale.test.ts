// Scalers: hand-checked statistics, exact inverses for every kind and transform
// (property tests), no leakage from validation/test, serialisation and range warnings.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fitScaler, rangeWarnings, scalerFromJSON, type ScalerSpec } from '../../src/prep/scale.ts';
import { splitByFraction, trainSlice } from '../../src/prep/split.ts';
import { PrepError } from '../../src/prep/errors.ts';

const KINDS = ['minmax', 'zscore', 'robust', 'none'] as const;
const SPECS: ScalerSpec[] = KINDS.flatMap((kind) => [
  { kind },
  { kind, transform: 'log' },
  { kind, transform: 'difference' },
  { kind, windowRelative: true, windowLength: 4, horizonSteps: 2 },
  { kind, transform: 'log', windowRelative: true, windowLength: 3 },
  { kind, transform: 'seasonal-difference', seasonLength: 3 },
]);
const f64 = (values: number[]): Float64Array => Float64Array.from(values);

// Equal up to rounding at the magnitude of the numbers involved (values, anchor, fitted parameters).
function expectClose(actual: Float64Array, expected: Float64Array, magnitude: number): void {
  expect(actual.length).toBe(expected.length);
  const scale = Math.max(1, magnitude, ...Array.from(expected, Math.abs));
  actual.forEach((v, i) => {
    expect(Math.abs(v - expected[i]!)).toBeLessThanOrEqual(1e-9 * scale);
  });
}

describe('fitted statistics', () => {
  const train = f64([1, 2, 3, 4, 100]);
  it('minmax maps the training range to [0, 1]', () => {
    const s = fitScaler(train, { kind: 'minmax' });
    expect(s.params).toMatchObject({ center: 1, scale: 99, fitMin: 1, fitMax: 100 });
    expect(Array.from(s.transform(f64([1, 100])))).toEqual([0, 1]);
  });
  it('zscore uses the mean and population standard deviation', () => {
    const s = fitScaler(f64([2, 4, 4, 4, 5, 5, 7, 9]), { kind: 'zscore' });
    expect(s.params).toMatchObject({ center: 5, scale: 2 });
  });
  it('robust uses the median and interquartile range, unmoved by the outlier', () => {
    expect(fitScaler(train, { kind: 'robust' }).params).toMatchObject({ center: 3, scale: 2 });
  });
  it('log and differences fit in their own domain', () => {
    expect(
      fitScaler(f64([1, Math.E, Math.E ** 2]), { kind: 'minmax', transform: 'log' }).params,
    ).toMatchObject({ center: 0 });
    expect(
      fitScaler(f64([10, 12, 11, 15]), { kind: 'minmax', transform: 'difference' }).params,
    ).toMatchObject({ fitMin: -1, fitMax: 4, count: 3 });
  });
  it('a seasonal difference subtracts the value one season back, and its inverse chains past the anchor', () => {
    const s = fitScaler(f64([1, 2, 3, 11, 12, 13, 21, 22, 24]), {
      kind: 'none',
      transform: 'seasonal-difference',
      seasonLength: 3,
    });
    expect(s.params).toMatchObject({ fitMin: 10, fitMax: 11, count: 6 });
    expect(s.anchorLength).toBe(3);
    expect(Array.from(s.transform(f64([31, 32, 33, 41]), f64([21, 22, 23])))).toEqual([10, 10, 10, 10]);
    // Steps 4 and 5 lie a season past the anchor: they build on the rebuilt steps 1 and 2.
    expect(Array.from(s.inverse(f64([1, 2, 3, 4, 5]), f64([0, 0, 0])))).toEqual([1, 2, 3, 5, 7]);
  });
  it('window-relative picks ratios for positive data, offsets otherwise', () => {
    expect(fitScaler(f64([1, 2, 3, 4]), { kind: 'none', windowRelative: true }).params.relative).toBe(
      'ratio',
    );
    expect(fitScaler(f64([-1, 2, 3, 4]), { kind: 'none', windowRelative: true }).params.relative).toBe(
      'offset',
    );
  });
  it('a constant slice is left unscaled instead of dividing by zero', () => {
    expect(fitScaler(f64([3, 3, 3]), { kind: 'zscore' }).params.scale).toBe(1);
  });
  it('refuses what cannot work', () => {
    expect(() => fitScaler(f64([1, NaN, 3]), { kind: 'zscore' })).toThrow(/index 1/);
    expect(() => fitScaler(f64([1, 0, 3]), { kind: 'zscore', transform: 'log' })).toThrow(/above 0/);
    expect(() => fitScaler(f64([1, 2, 3]), { kind: 'zscore', windowRelative: true })).toThrow(
      /needs the windowLength/,
    );
    expect(() =>
      fitScaler(f64([1, 2, 3]), { kind: 'none', windowRelative: true, transform: 'difference' }),
    ).toThrow(PrepError);
    expect(() =>
      fitScaler(f64([1, 2]), { kind: 'minmax', transform: 'difference' }).transform(f64([3])),
    ).toThrow(/needs a finite anchor/);
    expect(() => fitScaler(f64([1, 2, 3]), { kind: 'zscore', transform: 'seasonal-difference' })).toThrow(
      /whole season length/,
    );
    expect(() =>
      fitScaler(f64([1, 2, 3]), { kind: 'zscore', transform: 'seasonal-difference', seasonLength: 3 }),
    ).toThrow(/too short for a difference over 3 steps/);
    const seasonal = fitScaler(f64([1, 2, 3, 4, 5, 6]), {
      kind: 'zscore',
      transform: 'seasonal-difference',
      seasonLength: 3,
    });
    expect(() => seasonal.transform(f64([7]), 6)).toThrow(/the 3 finite values before the first one/);
    expect(() =>
      fitScaler(f64([1, 2, 3]), {
        kind: 'none',
        windowRelative: true,
        windowLength: 1,
        transform: 'seasonal-difference',
        seasonLength: 1,
      }),
    ).toThrow(/do not combine/);
  });
});

describe('inverse(transform(x)) = x', () => {
  const positive = fc.double({ min: 0.01, max: 1e6, noNaN: true });
  const anySign = fc.double({ min: -1e6, max: 1e6, noNaN: true });
  for (const spec of SPECS) {
    const needsPositive = spec.transform === 'log';
    it(`${spec.kind} ${spec.transform ?? ''} ${spec.windowRelative === true ? 'window-relative' : ''}`, () => {
      const values = fc.array(needsPositive ? positive : anySign, { minLength: 1, maxLength: 30 });
      fc.assert(
        fc.property(
          fc.array(needsPositive ? positive : anySign, { minLength: 8, maxLength: 40 }),
          values,
          fc.array(positive, { minLength: 3, maxLength: 3 }),
          (train, x, anchors) => {
            const scaler = fitScaler(f64(train), spec);
            const a =
              scaler.anchorLength === 0
                ? undefined
                : scaler.anchorLength === 1
                  ? anchors[0]!
                  : f64(anchors.slice(0, scaler.anchorLength));
            const scaled = scaler.transform(f64(x), a);
            expect(scaled.every(Number.isFinite)).toBe(true);
            const { center, scale } = scaler.params;
            expectClose(scaler.inverse(scaled, a), f64(x), Math.max(Math.abs(center), scale, ...anchors));
          },
        ),
        { numRuns: 60 },
      );
    });
  }
});

describe('no leakage from validation and test', () => {
  it('poisoning validation/test values with 1e9 leaves every fitted parameter unchanged', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), { minLength: 40, maxLength: 120 }),
        fc.constantFrom(...SPECS),
        (raw, spec) => {
          const values = f64(raw);
          const split = splitByFraction(values.length, { validation: 0.2, test: 0.2 });
          const before = fitScaler(trainSlice(values, split), spec).params;
          const poisoned = Float64Array.from(values);
          poisoned.fill(1e9, split.validation[0]);
          const after = fitScaler(trainSlice(poisoned, split), spec).params;
          expect(after).toEqual(before);
          // The poison would have moved it: fitting on the whole series differs.
          if (spec.kind !== 'none' && spec.windowRelative !== true) {
            expect(fitScaler(poisoned, spec).params).not.toEqual(before);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('serialisation', () => {
  it('round-trips through JSON for every spec', () => {
    const train = f64([5, 6, 8, 7, 9, 12, 11, 13, 15, 14]);
    for (const spec of SPECS) {
      const scaler = fitScaler(train, spec);
      const revived = scalerFromJSON(JSON.parse(JSON.stringify(scaler)));
      expect(revived.params).toEqual(scaler.params);
      const a =
        scaler.anchorLength > 1
          ? new Float64Array(scaler.anchorLength).fill(10)
          : scaler.needsAnchor
            ? 10
            : undefined;
      expect(revived.transform(train, a)).toEqual(scaler.transform(train, a));
    }
  });

  it('refuses damaged or foreign JSON', () => {
    const good = fitScaler(f64([1, 2, 3]), { kind: 'minmax' }).toJSON();
    expect(() => scalerFromJSON({ ...good, version: 3 })).toThrow(/version 3/);
    expect(() => scalerFromJSON({ ...good, params: { ...good.params, scale: 0 } })).toThrow(/invalid/);
    expect(() => scalerFromJSON({ ...good, params: { ...good.params, center: 'x' } })).toThrow(/center/);
    expect(() => scalerFromJSON({ ...good, spec: { kind: 'magic' } })).toThrow(/unknown scaler kind/);
    expect(() => scalerFromJSON({ weights: [] })).toThrow(/not a saved scaler/);
  });

  it('is immutable', () => {
    const scaler = fitScaler(f64([1, 2, 3]), { kind: 'minmax' });
    expect(() => {
      (scaler.params as { center: number }).center = 5;
    }).toThrow(TypeError);
  });
});

describe('rangeWarnings', () => {
  it('warns when values leave the fitted range, and not otherwise', () => {
    const scaler = fitScaler(f64([10, 20, 30]), { kind: 'minmax' });
    expect(rangeWarnings(scaler, f64([12, 29]), 'validation')).toEqual([]);
    const [warning] = rangeWarnings(scaler, f64([15, 45, 60]), 'test');
    expect(warning).toMatch(
      /^test: 2 of 3 values fall outside the training range \[10, 30\] \(they span 15 to 60\)/,
    );
  });
  it('checks changes for a differenced scaler, and nothing for window-relative ones', () => {
    const diff = fitScaler(f64([10, 11, 13, 14]), { kind: 'minmax', transform: 'difference' });
    expect(rangeWarnings(diff, f64([100, 101, 103]), 'test')).toEqual([]);
    expect(rangeWarnings(diff, f64([100, 110]), 'test')[0]).toMatch(/step-to-step changes/);
    const relative = fitScaler(f64([10, 11, 13, 14]), { kind: 'none', windowRelative: true });
    expect(rangeWarnings(relative, f64([1000, 2000]), 'test')).toEqual([]);
  });
});
