// The training form's suggested horizon: a span an analyst plans over at the data's
// frequency, never more than the series can learn from and be scored on.
import { describe, expect, it } from 'vitest';
import { defaultHorizon } from '../../web/src/lib/default-horizon.ts';

const every = (unit: string, step = 1) => ({ unit, step });

describe('defaultHorizon', () => {
  it('suggests a span per frequency', () => {
    expect(defaultHorizon(every('day'), 1096)).toBe(28); // 4 weeks of 3 years of daily sales
    expect(defaultHorizon(every('month'), 240)).toBe(12);
    expect(defaultHorizon(every('quarter'), 200)).toBe(8);
    expect(defaultHorizon(every('hour'), 8760)).toBe(48);
    expect(defaultHorizon(every('week'), 520)).toBe(13);
    expect(defaultHorizon(every('year'), 100)).toBe(6);
    expect(defaultHorizon(every('business-day'), 5000)).toBe(5);
  });

  it('counts in the data’s own steps', () => {
    expect(defaultHorizon(every('minute', 15), 10_000)).toBe(4); // an hour
    expect(defaultHorizon(every('day', 2), 1000)).toBe(14); // four weeks
  });

  it('is never more than a fifth of the series, and at least 1', () => {
    expect(defaultHorizon(every('month'), 36)).toBe(7);
    expect(defaultHorizon(every('day'), 60)).toBe(12);
    expect(defaultHorizon(every('day'), 3)).toBe(1);
  });

  it('falls back to 7 steps when the frequency is unknown', () => {
    expect(defaultHorizon(null, 1000)).toBe(7);
    expect(defaultHorizon(every('fortnight'))).toBe(7);
  });
});
