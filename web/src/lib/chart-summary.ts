// The text alternative of the results chart: what it shows, the last actual and where the
// forecast goes, in one sentence a screen reader (or anyone who cannot read the plot) gets
// instead of the picture. Values are rounded as the hover text rounds them. Pure.
import { dateTime } from './format.ts';
import { formatValue } from './value-precision.ts';

export interface ChartSummaryInput {
  target: string;
  actual: { time: readonly number[]; values: readonly (number | null)[] };
  forecast: {
    time: readonly number[];
    forecast: readonly number[];
    lower95: readonly number[];
    upper95: readonly number[];
  };
  decimals: number;
}

/**
 * @example
 * chartSummary({ target: 'sales', actual, forecast, decimals: 2 });
 * // "Chart of sales: actual values from 2024-01-01 to 2025-02-23, last actual 287.14 on 2025-02-23; …"
 */
export function chartSummary({ target, actual, forecast, decimals }: ChartSummaryInput): string {
  const value = (v: number | null | undefined) => formatValue(v, decimals);
  let last = actual.values.length - 1;
  while (last >= 0 && (actual.values[last] === null || actual.values[last] === undefined)) last--;
  const parts = [
    `Chart of ${target}: actual values from ${dateTime(actual.time[0])} to ${dateTime(actual.time.at(-1))}`,
  ];
  if (last >= 0) parts.push(`, last actual ${value(actual.values[last])} on ${dateTime(actual.time[last])}`);
  const h = forecast.forecast.length;
  if (h > 0) {
    const lowest = Math.min(...forecast.forecast);
    const highest = Math.max(...forecast.forecast);
    parts.push(
      `; forecast of ${h} step${h === 1 ? '' : 's'} from ${dateTime(forecast.time[0])} to ${dateTime(forecast.time.at(-1))}, between ${value(lowest)} and ${value(highest)}`,
      ` (95 % interval from ${value(Math.min(...forecast.lower95))} to ${value(Math.max(...forecast.upper95))})`,
    );
  }
  parts.push(
    '. The chart also shows the one-step-ahead fitted values and the train, validation and test splits.',
  );
  return parts.join('');
}
