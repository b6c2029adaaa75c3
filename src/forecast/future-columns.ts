// Known-future covariates as network inputs. A many-to-one network reads a window of past
// steps; a known-future column c enters it as h + 1 input columns: c itself and its leads
// c(t+1) … c(t+h). At a window's last step the leads are exactly c over the horizon the
// network forecasts, so the head sees what the analyst knows about the future, beside
// the last hidden state, with no change to the engine. Inside the history every lead is an
// observed value; only a forecast from the end of the history reads past it, into the
// future rows the analyst supplied (src/data/future-rows.ts).
import { DataError } from '../data/errors.ts';
import { formatTime } from '../data/calendar.ts';
import type { TimeSeries } from '../data/types.ts';
import { calendarValues } from './calendar-features.ts';
import type { ForecastConfig } from './config.ts';
import { horizonTimes } from './market-holidays.ts';

type FutureConfig = Pick<ForecastConfig, 'futureFeatures' | 'horizonSteps' | 'calendar'>;

/**
 * A calendar column whose leads carry news: the holiday flag. A cyclic one (the hour's sine)
 * needs none, since its value k steps ahead is a fixed rotation of its value now, which the
 * network's linear head computes; leads would multiply its inputs h-fold for nothing.
 */
const needsLeads = (column: string) => column === 'holiday';

/** Input columns a config's known-future covariates and calendar add: each column, and the h leads of those that need them. */
export function futureInputCount(config: FutureConfig & Pick<ForecastConfig, 'calendar'>): number {
  const leaded =
    (config.futureFeatures ?? []).length + (config.calendar?.columns.filter(needsLeads).length ?? 0);
  const cyclic = config.calendar?.columns.filter((c) => !needsLeads(c)).length ?? 0;
  return leaded * (config.horizonSteps + 1) + cyclic;
}

/**
 * Where lead 1 of each column with leads sits among the network's inputs (target first,
 * then the past-only features, then the known-future columns, then the calendar's): what
 * a sequence-to-sequence decoder reads at each step (src/rnn/decoder.ts).
 */
export function leadColumnStarts(
  config: FutureConfig & Pick<ForecastConfig, 'calendar' | 'features'>,
): number[] {
  const h = config.horizonSteps;
  const starts: number[] = [];
  let at = 1 + config.features.length;
  for (const _ of config.futureFeatures ?? []) {
    starts.push(at + 1);
    at += h + 1;
  }
  for (const column of config.calendar?.columns ?? []) {
    if (!needsLeads(column)) at += 1;
    else {
      starts.push(at + 1);
      at += h + 1;
    }
  }
  return starts;
}

/** A column over the history and the horizon (n + h values) as h + 1 columns of n: itself and its leads. */
function withLeads(extended: Float64Array, n: number, h: number): Float64Array[] {
  return Array.from({ length: h + 1 }, (_, j) => extended.slice(j, j + n));
}

/** The generated calendar columns and their leads, from the timestamps of the history and the horizon. */
export function calendarInputColumns(
  series: TimeSeries,
  config: Pick<ForecastConfig, 'calendar' | 'horizonSteps'>,
): Float64Array[] {
  if (!config.calendar) return [];
  const n = series.time.length;
  const h = config.horizonSteps;
  const times = new Float64Array(n + h);
  times.set(series.time);
  times.set(horizonTimes(series, config.calendar, h), n);
  const columns = config.calendar.columns;
  return calendarValues(times, config.calendar).flatMap((values, c) =>
    needsLeads(columns[c]!) ? withLeads(values, n, h) : [values.slice(0, n)],
  );
}

/**
 * A known-future column's values over the horizon after the series' last time, in step
 * order: NaN where the future rows do not give one. Matched by timestamp, so a future row
 * that is missing or off the series' calendar leaves a NaN, never a shifted value.
 */
export function aheadValues(series: TimeSeries, name: string, times: Float64Array): Float64Array {
  const out = new Float64Array(times.length).fill(Number.NaN);
  const future = series.future;
  const column = future?.features.find((f) => f.name === name);
  if (!future || !column) return out;
  const at = new Map<number, number>();
  future.time.forEach((t, i) => at.set(t, i));
  times.forEach((t, k) => {
    const i = at.get(t);
    if (i !== undefined) out[k] = column.values[i]!;
  });
  return out;
}

/** Each known-future column and its leads 1…h, each as long as the series (target first is the caller's). */
export function futureInputColumns(series: TimeSeries, config: FutureConfig): Float64Array[] {
  const h = config.horizonSteps;
  const n = series.values.length;
  const out: Float64Array[] = [];
  for (const name of config.futureFeatures ?? []) {
    const past = series.features.find((f) => f.name === name);
    if (!past)
      throw new Error(`the model needs the known-future column "${name}", which the series does not have`);
    const extended = new Float64Array(n + h);
    extended.set(past.values);
    extended.set(aheadValues(series, name, horizonTimes(series, config.calendar, h)), n);
    out.push(...withLeads(extended, n, h));
  }
  return out;
}

/**
 * Refuses a forecast from the end of the history when a known-future column lacks a value
 * over the horizon: the network would read NaN, or (worse) a shifted value. The error names
 * the column, the first missing timestamp and how many values the forecast needs.
 */
export function requireFutureValues(series: TimeSeries, config: FutureConfig): void {
  const h = config.horizonSteps;
  // Options left to auto mode take the columns the series brought future rows for.
  const needed = config.futureFeatures ?? series.future?.features.map((f) => f.name) ?? [];
  if (needed.length === 0) return;
  const times = horizonTimes(series, config.calendar, h);
  for (const name of needed) {
    const ahead = aheadValues(series, name, times);
    const missing = ahead.findIndex((v) => !Number.isFinite(v));
    if (missing < 0) continue;
    const given = ahead.filter((v) => Number.isFinite(v)).length;
    throw new DataError(
      // The location prefix names the column ('column "promo": …').
      `no known-future value for ${formatTime(times[missing]!)}: the forecast needs all ${h} of the column's values from ${formatTime(times[0]!)} to ${formatTime(times[h - 1]!)}, and ${given} were given`,
      {
        field: name,
        value: formatTime(times[missing]!),
        hint: `Add rows after the last ${series.target} value with ${series.target} left empty and ${name} filled in, one per ${series.frequency.label} step, or give them in a second file (CLI: --future-file).`,
      },
    );
  }
}
