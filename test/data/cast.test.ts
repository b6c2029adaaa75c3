// Cell casting: strict decimal numbers, the missing-value tokens, delimiter detection.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { castNumber, isMissingCell } from '../../src/data/cast.ts';
import { detectDelimiter } from '../../src/data/sniff.ts';

describe('castNumber', () => {
  it.each([
    ['12', 12],
    ['-0.5', -0.5],
    ['.5', 0.5],
    ['5.', 5],
    ['+3', 3],
    ['1e-3', 0.001],
    ['2.5E3', 2500],
    ['0', 0],
    ['0.25', 0.25],
    [' 7 ', 7],
    ['Infinity', Infinity],
    ['-inf', -Infinity],
    ['00012', 12],
  ])('reads %j as %d', (cell, expected) => {
    expect(castNumber(cell)).toBe(expected);
  });

  it.each([
    '',
    '   ',
    '0x1f',
    '0b11',
    '0o17',
    '1,5',
    '12abc',
    'abc',
    '-',
    '.',
    '1.2.3',
    'NaN',
    '2020-01-01',
    '1_000',
  ])('rejects %j', (cell) => {
    expect(castNumber(cell)).toBeNaN();
  });

  it('agrees with Number() on every decimal spelling of a double', () => {
    const spellings = fc
      .tuple(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 20 }))
      .chain(([value, digits]) =>
        fc.constantFrom(
          String(value),
          value.toFixed(Math.min(digits, 20)),
          value.toPrecision(Math.max(1, digits)),
          value.toExponential(Math.min(digits, 20)),
        ),
      );
    fc.assert(
      fc.property(spellings, (cell) => {
        expect(Object.is(castNumber(cell), Number(cell))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('isMissingCell', () => {
  it.each(['', 'NA', 'NaN', 'null', 'N/A', '-', '?', 'na', 'NULL', '  ', ' NA '])('%j is missing', (cell) => {
    expect(isMissingCell(cell)).toBe(true);
  });

  it.each(['0', 'n', 'none of it', 'NAN2', 'x', 'Seattle'])('%j is not', (cell) => {
    expect(isMissingCell(cell)).toBe(false);
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['a,b,c\n1,2,3\n4,5,6\n', ','],
    ['a;b\n1,5;2\n3,1;4\n', ';'],
    ['a\tb\n1\t2\n', '\t'],
    ['a|b|c\n1|2|3\n', '|'],
    ['\ufeffdate;value\r\n2020-01-01;1\r\n', ';'],
    ['name,note\n"x; y; z",1\n"p; q",2\n', ','],
    ['a;b\r1;2\r3;4\r', ';'],
    ['single\n1\n2\n', ','],
  ])('%j → %j', (sample, expected) => {
    expect(detectDelimiter(sample)).toBe(expected);
  });
});
