// The danfo.js bridge, for the tabular edge only (inspect summaries, API previews,
// notebooks): a series becomes a DataFrame of float columns and back. danfo is imported
// lazily, so loading the data layer never loads TensorFlow; it is never used for parsing.
import type { DataFrame } from 'danfojs-node';
import { DataError } from './errors.ts';
import { inferFrequency } from './frequency.ts';
import type { Frequency, TimeSeries } from './types.ts';

/** Name of the epoch-milliseconds column in frames made here. */
export const TIME_COLUMN = 'time';

type Danfo = typeof import('danfojs-node');
let danfo: Promise<Danfo> | undefined;

function loadDanfo(): Promise<Danfo> {
  danfo ??= import('danfojs-node');
  return danfo;
}

/**
 * A series as a danfo DataFrame, for the tabular edge (previews, notebooks). Columns: time
 * (epoch ms), the target, then features — all float, never danfo's int32 (docs/lessons.md #11).
 *
 * @example
 * const frame = await seriesToFrame(series); // seattle-weather.csv's temp_max
 * frame.columns; // ['time', 'temp_max']
 * frame.shape; // [1461, 2]
 */
export async function seriesToFrame(series: TimeSeries): Promise<DataFrame> {
  const { DataFrame } = await loadDanfo();
  const columns = [TIME_COLUMN, series.target, ...series.features.map((f) => f.name)];
  const arrays = [series.time, series.values, ...series.features.map((f) => f.values)];
  if (new Set(columns).size !== columns.length) {
    throw new DataError(`the column names ${columns.join(', ')} are not distinct`, {
      field: series.target,
      hint: `Rename the value column called "${TIME_COLUMN}" or the duplicated feature.`,
    });
  }
  return new DataFrame(rowsOf(arrays), { columns, dtypes: columns.map(() => 'float32') });
}

// Rows, not an object keyed by column name: a column called "__proto__" or "constructor"
// would set or shadow the object's prototype instead of holding values (issue 17). danfo
// stores a frame as rows anyway, so this costs nothing.
function rowsOf(arrays: readonly Float64Array[]): number[][] {
  const length = arrays[0]?.length ?? 0;
  const rows: number[][] = new Array(length);
  for (let r = 0; r < length; r++) rows[r] = arrays.map((values) => values[r]!);
  return rows;
}

export interface FrameColumns {
  target: string;
  features?: string[];
  /** Default "time". */
  time?: string;
  id?: string;
  /** Inferred from the time column when absent. */
  frequency?: Frequency;
}

export function frameToSeries(frame: DataFrame, columns: FrameColumns): TimeSeries {
  const timeName = columns.time ?? TIME_COLUMN;
  const time = floatColumn(frame, timeName);
  for (let i = 1; i < time.length; i++) {
    if (!(time[i]! > time[i - 1]!)) {
      throw new DataError(`row ${i} is not later than the row before it`, {
        field: timeName,
        hint: 'Sort the frame by time and remove duplicate timestamps.',
      });
    }
  }
  const features = (columns.features ?? []).map((name) => ({ name, values: floatColumn(frame, name) }));
  return {
    id: columns.id ?? '',
    time,
    target: columns.target,
    values: floatColumn(frame, columns.target),
    features,
    frequency: columns.frequency ?? inferFrequency(time).frequency,
  };
}

/**
 * danfo's describe() (count, mean, std, min, median, max, variance) per value column, as plain JSON.
 *
 * @example
 * const stats = await describeSeries(series); // seattle-weather.csv's temp_max
 * stats.temp_max.mean; // 16.44 (°C); stats.temp_max.count is 1461
 */
export async function describeSeries(series: TimeSeries): Promise<Record<string, Record<string, number>>> {
  const { DataFrame } = await loadDanfo();
  const names = [series.target, ...series.features.map((f) => f.name)];
  if (new Set(names).size !== names.length) {
    throw new DataError(`the column names ${names.join(', ')} are not distinct`, {
      field: series.target,
      hint: 'Rename the duplicated feature.',
    });
  }
  // danfo's describe() keys plain objects by column name, where "__proto__" is lost: it runs
  // on stand-in names c0, c1… and the real names come back only in the null-prototype result.
  const standIns = names.map((_, c) => `c${c}`);
  const arrays = [series.values, ...series.features.map((f) => f.values)];
  const frame = new DataFrame(rowsOf(arrays), { columns: standIns, dtypes: standIns.map(() => 'float32') });
  const described = frame.describe();
  const statistics = described.index.map(String);
  const rows = described.values as number[][];
  const out: Record<string, Record<string, number>> = Object.create(null);
  described.columns.forEach((standIn, c) => {
    const entry: Record<string, number> = Object.create(null);
    statistics.forEach((statistic, r) => {
      entry[statistic] = Number(rows[r]![c]);
    });
    out[names[standIns.indexOf(standIn)]!] = entry;
  });
  return out;
}

function floatColumn(frame: DataFrame, name: string): Float64Array {
  if (!frame.columns.includes(name)) {
    throw new DataError(`the frame has no column "${name}"`, {
      field: name,
      hint: `Its columns are: ${frame.columns.join(', ')}.`,
    });
  }
  const values = Float64Array.from(frame.column(name).values as ArrayLike<unknown>, Number);
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    throw new DataError(`row ${bad} is not a finite number`, {
      field: name,
      hint: 'Fill or drop missing values before converting.',
    });
  }
  return values;
}
