// The training form's proposed target: the column an analyst means to forecast.
import { describe, expect, it } from 'vitest';
import { defaultTarget } from '../../web/src/lib/default-target.ts';

describe('defaultTarget', () => {
  it('takes close over open in a price file (sp500-2000.csv)', () => {
    expect(defaultTarget(['open', 'high', 'low', 'close', 'adjclose', 'volume'])).toBe('close');
  });

  it('prefers close, price, value, sales in that order, whatever their case', () => {
    expect(defaultTarget(['Sales', 'Value', 'units'])).toBe('Value');
    expect(defaultTarget(['SALES', 'units'])).toBe('SALES');
    expect(defaultTarget(['price', 'Close'])).toBe('Close');
  });

  it('knows adjusted close, amount, demand and y', () => {
    expect(defaultTarget(['open', 'Adj Close', 'volume'])).toBe('Adj Close');
    expect(defaultTarget(['temperature', 'demand', 'holiday'])).toBe('demand');
    expect(defaultTarget(['x1', 'y', 'x2'])).toBe('y');
    expect(defaultTarget(['amount', 'y'])).toBe('amount');
  });

  it('otherwise takes the last numeric column', () => {
    expect(defaultTarget(['precipitation', 'temp_max', 'temp_min', 'wind'])).toBe('wind');
    expect(defaultTarget([])).toBe('');
  });
});
