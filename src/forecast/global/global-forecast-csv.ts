// Forecasts of many series as one long-format CSV: the id column first, then the columns a
// single series' forecast file has (forecastCsv), h rows per series, series in the order
// given. Each series keeps the rounding of its own history.
import type { TimeSeries } from '../../data/types.ts';
import type { FutureForecast } from '../future.ts';
import { forecastCsv } from '../future.ts';
import type { ForecastCsvOptions } from '../future.ts';

/** RFC 4180: a field holding a comma, a quote or a line break is quoted, its quotes doubled. */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * @example
 * longForecastCsv('store', [{ id: 'a', forecast: fa, history: seriesA }, { id: 'b', forecast: fb, history: seriesB }]);
 * // store,time,forecast,lo_80,hi_80,lo_95,hi_95
 * // a,2024-01-01,…
 */
export function longForecastCsv(
  idColumn: string,
  entries: readonly { id: string; forecast: FutureForecast; history: Pick<TimeSeries, 'values'> }[],
  options: ForecastCsvOptions = {},
): string {
  let header = '';
  const rows: string[] = [];
  for (const { id, forecast, history } of entries) {
    const [head, ...lines] = forecastCsv(forecast, history, options).trimEnd().split('\n');
    header = `${csvField(idColumn)},${head}`;
    for (const line of lines) rows.push(`${csvField(id)},${line}`);
  }
  return `${header}\n${rows.join('\n')}\n`;
}
