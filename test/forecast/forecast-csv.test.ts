// The forecast CSV: both intervals as lo_80,hi_80,lo_95,hi_95, each value rounded to the
// decimals the data was recorded with plus two, and the legacy lower,upper columns that
// scripts written before both intervals read, byte for byte as they were.
import { describe, expect, it } from 'vitest';
import { dataDecimals, forecastDecimals, roundedText } from '../../src/forecast/data-precision.ts';
import { forecastCsv } from '../../src/forecast/future.ts';
import type { FutureForecast } from '../../src/forecast/future.ts';

const day = (d: string) => Date.parse(`${d}T00:00:00Z`);

// Two steps of a forecast as forecast() returns them: 15-digit floats, as the model computes them.
const future: FutureForecast = {
  kind: 'forecast',
  time: Float64Array.from([day('2016-01-01'), day('2016-01-02')]),
  forecast: Float64Array.from([6.071234567890123, 5.5]),
  lower80: Float64Array.from([2.907654321098765, 2.25]),
  upper80: Float64Array.from([9.234987654321012, 8.75]),
  lower95: Float64Array.from([1.019999999999999, -0.004]),
  upper95: Float64Array.from([11.12345678901234, 11]),
};

describe('dataDecimals: the precision a series was recorded at', () => {
  it('whole numbers: 0; cents: 2; six-decimal prices: 6', () => {
    expect(dataDecimals([12, 15, 9, 1200])).toBe(0);
    expect(dataDecimals([39.81, 36.35, 43.2, 40])).toBe(2);
    expect(dataDecimals([1455.219971, 1399.420044, 1469.25])).toBe(6);
  });

  it('small values written in exponent form count their decimals: 1e-7 → 7', () => {
    expect(dataDecimals([1e-7, 2e-7])).toBe(7);
  });

  it('a few computed values (a filled gap) do not set the precision of the whole series', () => {
    const values = Array.from({ length: 200 }, (_, i) => 10 + i / 10); // one decimal
    values[50] = (values[49]! + values[51]!) / 2 + 1 / 3; // an interpolated value with 15 digits
    expect(dataDecimals(values)).toBe(1);
  });

  it('computed floats everywhere are capped at 8 decimals; gaps (NaN) are skipped', () => {
    expect(dataDecimals([1 / 3, 2 / 3, Number.NaN])).toBe(8);
    expect(forecastDecimals([1 / 3, 2 / 3])).toBe(10);
  });
});

describe('roundedText', () => {
  it('rounds to exactly the decimals asked for, keeping trailing zeros, never "-0.00"', () => {
    expect(roundedText(6.0712345, 2)).toBe('6.07');
    expect(roundedText(5.5, 4)).toBe('5.5000');
    expect(roundedText(-0.001, 2)).toBe('0.00');
    expect(roundedText(-1.005, 1)).toBe('-1.0');
    expect(roundedText(1234, 0)).toBe('1234');
  });
});

describe('forecastCsv', () => {
  it('writes time,forecast,lo_80,hi_80,lo_95,hi_95 rounded to the data decimals + 2 (whole numbers → 2)', () => {
    expect(forecastCsv(future, { values: Float64Array.from([3, 5, 8]) })).toBe(
      [
        'time,forecast,lo_80,hi_80,lo_95,hi_95',
        '2016-01-01,6.07,2.91,9.23,1.02,11.12',
        '2016-01-02,5.50,2.25,8.75,0.00,11.00',
        '',
      ].join('\n'),
    );
  });

  it('two-decimal prices give four decimals', () => {
    const lines = forecastCsv(future, { values: Float64Array.from([39.81, 36.35]) }).split('\n');
    expect(lines[1]).toBe('2016-01-01,6.0712,2.9077,9.2350,1.0200,11.1235');
  });

  it('intervals: legacy keeps the older lower,upper columns (95 %, or 80) at full precision', () => {
    const history = { values: Float64Array.from([3, 5, 8]) };
    expect(forecastCsv(future, history, { intervals: 'legacy' })).toBe(
      'time,forecast,lower,upper\n2016-01-01,6.071234567890123,1.019999999999999,11.12345678901234\n2016-01-02,5.5,-0.004,11\n',
    );
    expect(forecastCsv(future, history, { intervals: 'legacy', level: 80 }).split('\n')[1]).toBe(
      '2016-01-01,6.071234567890123,2.907654321098765,9.234987654321012',
    );
  });
});
