// What the results chart opens on and how its y-axis fits (web/src/lib/chart-window.ts), and
// the chart's text alternative (web/src/lib/chart-summary.ts).
import { describe, expect, it } from 'vitest';
import { chartSummary } from '../../web/src/lib/chart-summary.ts';
import { fitYRange, recentRange, typicalStep } from '../../web/src/lib/chart-window.ts';

const DAY = 86_400_000;
const days = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i * DAY);

describe('recentRange', () => {
  const actual = days(0, 1000);
  const forecast = days(1000 * DAY, 7);

  it('opens on five horizons of history and the whole forecast, with half a step of room', () => {
    expect(recentRange(actual, forecast, 7)).toEqual([(999 - 35) * DAY - DAY / 2, 1006 * DAY + DAY / 2]);
  });

  it('shows at least 30 points of history for a short horizon', () => {
    expect(recentRange(actual, days(1000 * DAY, 1), 1)?.[0]).toBe((999 - 30) * DAY - DAY / 2);
  });

  it('counts the history in points, so weekends skipped by business days do not shorten it', () => {
    const tradingDays = Array.from({ length: 400 }, (_, i) => (Math.floor(i / 5) * 7 + (i % 5)) * DAY);
    const range = recentRange(tradingDays, [tradingDays.at(-1)! + 3 * DAY], 10);
    expect(tradingDays.filter((t) => t >= range![0] && t <= tradingDays.at(-1)!)).toHaveLength(51);
  });

  it('never starts before the first actual, and is null without actuals', () => {
    expect(recentRange(days(0, 10), days(10 * DAY, 7), 7)?.[0]).toBe(-DAY / 2);
    expect(recentRange([], forecast, 7)).toBeNull();
  });
});

describe('typicalStep', () => {
  it('is the median gap, so one missing day does not change it', () => {
    expect(typicalStep([0, DAY, 2 * DAY, 4 * DAY, 5 * DAY])).toBe(DAY);
    expect(typicalStep([5])).toBe(0);
  });
});

describe('fitYRange', () => {
  it('fits the values inside the range across lines, padded by 6 % of the span', () => {
    const lines = [
      { time: [1, 2, 3, 4], values: [1000, 10, 20, null] },
      { time: [3, 4], values: [30, 25] },
    ];
    expect(fitYRange(lines, [2, 4])).toEqual([10 - 1.2, 30 + 1.2]);
  });

  it('pads a flat range and is null when nothing is visible', () => {
    expect(fitYRange([{ time: [1, 2], values: [50, 50] }], [0, 5])).toEqual([47, 53]);
    expect(fitYRange([{ time: [1, 2], values: [50, 50] }], [3, 5])).toBeNull();
  });
});

describe('chartSummary', () => {
  it('says what the chart shows, the last actual and where the forecast goes, rounded like the data', () => {
    const text = chartSummary({
      target: 'sales',
      actual: { time: days(Date.UTC(2025, 0, 1), 3), values: [10.5, 11.25, null] },
      forecast: {
        time: days(Date.UTC(2025, 0, 4), 2),
        forecast: [12.345, 11.1],
        lower95: [9.1, 8.2],
        upper95: [15.5, 14.01],
      },
      decimals: 2,
    });
    expect(text).toBe(
      'Chart of sales: actual values from 2025-01-01 to 2025-01-03, last actual 11.25 on 2025-01-02; forecast of 2 steps from 2025-01-04 to 2025-01-05, between 11.10 and 12.35 (95 % interval from 8.20 to 15.50). The chart also shows the one-step-ahead fitted values and the train, validation and test splits.',
    );
  });
});
