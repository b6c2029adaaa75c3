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
  const data: Record<string, number[]> = {};
  columns.forEach((name, i) => {
    data[name] = Array.from(arrays[i]!);
  });
  return new DataFrame(data, { columns, dtypes: columns.map(() => 'float32') });
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
  const frame = await seriesToFrame(series);
  const described = frame.drop({ columns: [TIME_COLUMN] }).describe();
  const statistics = described.index.map(String);
  const names = described.columns;
  const rows = described.values as number[][];
  const out: Record<string, Record<string, number>> = {};
  names.forEach((name, c) => {
    const entry: Record<string, number> = {};
    statistics.forEach((statistic, r) => {
      entry[statistic] = Number(rows[r]![c]);
    });
    out[name] = entry;
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
