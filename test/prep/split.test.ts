// Chronological splits by fraction and by date.
import { describe, expect, it } from 'vitest';
import { splitByDates, splitByFraction, trainSlice } from '../../src/prep/split.ts';

describe('splitByFraction', () => {
  it('train, then validation, then test, covering every index once', () => {
    expect(splitByFraction(100, { validation: 0.15, test: 0.15 })).toEqual({
      train: [0, 70],
      validation: [70, 85],
      test: [85, 100],
    });
    expect(splitByFraction(10, { validation: 0, test: 0.2 })).toEqual({
      train: [0, 8],
      validation: [8, 8],
      test: [8, 10],
    });
  });

  it('refuses fractions that leave nothing to train on or cannot be honoured', () => {
    expect(() => splitByFraction(100, { validation: 0.5, test: 0.5 })).toThrow(/leave nothing to train on/);
    expect(() => splitByFraction(100, { validation: -0.1, test: 0.1 })).toThrow(/\[0, 1\)/);
    expect(() => splitByFraction(3, { validation: 0.1, test: 0.1 })).toThrow(/too short to split/);
  });
});

describe('splitByDates', () => {
  const time = Float64Array.from({ length: 10 }, (_, i) => Date.UTC(2020, 0, 1 + i));

  it('starts each part at the first timestamp on or after its date', () => {
    expect(splitByDates(time, Date.UTC(2020, 0, 7), Date.UTC(2020, 0, 8, 12))).toEqual({
      train: [0, 6],
      validation: [6, 8],
      test: [8, 10],
    });
  });

  it('refuses dates out of order or before the data', () => {
    expect(() => splitByDates(time, Date.UTC(2020, 0, 8), Date.UTC(2020, 0, 7))).toThrow(/no later than/);
    expect(() => splitByDates(time, Date.UTC(2019, 0, 1), Date.UTC(2020, 0, 7))).toThrow(
      /nothing to train on/,
    );
  });
});

describe('trainSlice', () => {
  it('is everything before validation starts', () => {
    const values = Float64Array.from({ length: 10 }, (_, i) => i);
    expect(Array.from(trainSlice(values, splitByFraction(10, { validation: 0.2, test: 0.2 })))).toEqual([
      0, 1, 2, 3, 4, 5,
    ]);
  });
});
