// The decimals the results page shows values with, read from the data (web/src/lib/value-precision.ts).
import { describe, expect, it } from 'vitest';
import { formatValue, plotlyValueFormat, valueDecimals } from '../../web/src/lib/value-precision.ts';

describe('valueDecimals', () => {
  it('reads the decimals the values are written with', () => {
    expect(valueDecimals([12.5, 13.25, 12.75, 14])).toBe(2);
    expect(valueDecimals([12.8, 10.6, 11, 9.4])).toBe(1);
    expect(valueDecimals([120, 95, 101])).toBe(0);
    // Float error (0.1 + 0.2) is not a decimal of the data.
    expect(valueDecimals([0.1 + 0.2, 1.5, 2.7])).toBe(1);
  });

  it('shows no decimals for large values even when the file has them', () => {
    expect(valueDecimals([15234.5, 16001.25, 15999.75])).toBe(0);
  });

  it('ignores a few computed values (interpolated gaps) among written ones', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 + i / 4); // two decimals at most
    values[10] = 102.61234567; // an interpolated gap
    values[50] = null as unknown as number;
    expect(valueDecimals(values)).toBe(2);
  });

  it('shows two decimals for values with no fixed precision, four significant digits below 1', () => {
    // sp500-2000.csv stores prices as 1455.219971.
    expect(valueDecimals([1455.219971, 1399.420044, 1402.109985])).toBe(2);
    expect(valueDecimals([Math.PI, Math.E, Math.SQRT2])).toBe(2);
    expect(valueDecimals([0.123456789, 0.13987654321])).toBe(4);
    expect(valueDecimals([0.0123456789, 0.013987654321])).toBe(4); // 5 would be 4 significant digits: capped
  });

  it('has a default for an empty or all-missing series', () => {
    expect(valueDecimals([])).toBe(2);
    expect(valueDecimals([null, null])).toBe(2);
  });
});

describe('formatValue and plotlyValueFormat', () => {
  it('rounds to the decimals with thousands separators, never "-0"', () => {
    expect(formatValue(1234.5, 2)).toBe('1,234.50');
    expect(formatValue(1234.5678, 0)).toBe('1,235');
    expect(formatValue(-0.001, 2)).toBe('0.00');
    expect(formatValue(null, 2)).toBe('–');
    expect(formatValue(Number.NaN, 2)).toBe('–');
  });

  it('gives Plotly the same rounding as a d3 format', () => {
    expect(plotlyValueFormat(2)).toBe(',.2f');
    expect(plotlyValueFormat(0)).toBe(',.0f');
  });
});
