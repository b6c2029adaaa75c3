// Static inputs of a global model: what a series is (a store's region, a meter's size) as
// extra inputs, so one network can treat kinds of series differently where their recent
// values alone do not tell them apart. Each static column the series carry
// (TimeSeries.statics, read by ingestion's `statics` option) becomes input columns held
// constant over every window: a column of numbers is z-scored across the series, any other
// is one-hot over its categories. They are inputs only, never forecast, and scaled here
// once for all series rather than per series (a per-series z-score of a constant is zero).
import type { StaticValue, TimeSeries } from '../../data/types.ts';
import { fitScaler } from '../../prep/scale.ts';
import type { SplitRanges } from '../../prep/split.ts';
import { ConfigError } from '../auto.ts';
import type { ForecastConfig } from '../config.ts';
import { fitModelScalers } from '../prepare.ts';
import type { ModelScalers } from '../prepare.ts';

export type StaticEncoder =
  | { name: string; kind: 'number'; mean: number; sd: number }
  | { name: string; kind: 'category'; levels: string[] };

/**
 * One-hot columns grow the network's input by one per category. Past this many, a column
 * is more likely an identifier, which would need a learned embedding (not built).
 */
export const MAX_STATIC_CATEGORIES = 64;

/**
 * The encoders for the static columns every series carries (none when they carry none).
 *
 * @example
 * fitStaticEncoders(stores); // [{ name: 'region', kind: 'category', levels: ['coast', 'inland'] }]
 */
export function fitStaticEncoders(collection: readonly TimeSeries[]): StaticEncoder[] {
  const names = (collection[0]?.statics ?? []).map((s) => s.name);
  for (const s of collection) {
    const own = (s.statics ?? []).map((v) => v.name);
    if (own.join('\0') !== names.join('\0'))
      throw new ConfigError(
        `every series of a global model needs the same static columns: "${collection[0]!.id}" has ${list(names)}, "${s.id}" has ${list(own)}`,
      );
  }
  return names.map((name) => {
    const values = collection.map((s) => s.statics!.find((v) => v.name === name)!.value);
    if (values.every((v) => asNumber(v) !== null)) {
      const numbers = values.map((v) => asNumber(v)!);
      const mean = numbers.reduce((a, b) => a + b, 0) / numbers.length;
      const sd = Math.sqrt(numbers.reduce((a, b) => a + (b - mean) ** 2, 0) / numbers.length);
      return { name, kind: 'number', mean, sd: sd > 0 ? sd : 1 };
    }
    const levels = [...new Set(values)].sort();
    if (levels.length > MAX_STATIC_CATEGORIES)
      throw new ConfigError(
        `static column "${name}" has ${levels.length} categories; a global model takes at most ${MAX_STATIC_CATEGORIES} (one input each)`,
      );
    return { name, kind: 'category', levels };
  });
}

/** The network's input columns the encoders add: a number column's name, or one "name=category" per category. */
export function staticInputNames(encoders: readonly StaticEncoder[]): string[] {
  return encoders.flatMap((e) => (e.kind === 'number' ? [e.name] : e.levels.map((l) => `${e.name}=${l}`)));
}

/**
 * One series' static inputs. A category the model was not fitted on leaves that column's
 * inputs at zero (as if the series were of no known kind), with a warning.
 */
export function encodeStatics(
  encoders: readonly StaticEncoder[],
  seriesId: string,
  statics: readonly StaticValue[] | undefined,
): { inputs: number[]; warnings: string[] } {
  const inputs: number[] = [];
  const warnings: string[] = [];
  for (const e of encoders) {
    const value = statics?.find((s) => s.name === e.name)?.value;
    if (value === undefined)
      throw new ConfigError(
        `the global model reads static column "${e.name}", which series "${seriesId}" does not have`,
      );
    if (e.kind === 'number') {
      const x = asNumber(value);
      if (x === null)
        throw new ConfigError(
          `static column "${e.name}" of series "${seriesId}" holds "${value}"; the global model reads numbers there`,
        );
      inputs.push((x - e.mean) / e.sd);
    } else {
      const at = e.levels.indexOf(value);
      if (at < 0)
        warnings.push(
          `series "${seriesId}": ${e.name} "${value}" was not among the categories the global model was fitted on (${e.levels.join(', ')}); its ${e.name} inputs are zero`,
        );
      for (let k = 0; k < e.levels.length; k++) inputs.push(k === at ? 1 : 0);
    }
  }
  return { inputs, warnings };
}

/** The series with its static inputs as constant feature columns, named as the network reads them. */
export function withStaticInputs(
  series: TimeSeries,
  encoders: readonly StaticEncoder[],
  inputs: readonly number[],
): TimeSeries {
  const names = staticInputNames(encoders);
  const n = series.values.length;
  return {
    ...series,
    features: names.map((name, k) => ({ name, values: new Float64Array(n).fill(inputs[k]!) })),
  };
}

/** The series' scalers: the target's fitted on its own values, the static inputs read as they are. */
export function globalScalers(series: TimeSeries, split: SplitRanges, config: ForecastConfig): ModelScalers {
  const own = fitModelScalers([series.values], split, config);
  const statics = series.features.map((f) => fitScaler(f.values.subarray(0, 2), { kind: 'none' }));
  return { inputs: [...own.inputs, ...statics], target: own.target };
}

/** The target, then the static inputs: the columns a global model's network reads. */
export function globalColumns(series: TimeSeries): Float64Array[] {
  return [series.values, ...series.features.map((f) => f.values)];
}

function asNumber(text: string): number | null {
  const x = text.trim() === '' ? Number.NaN : Number(text);
  return Number.isFinite(x) ? x : null;
}

function list(names: readonly string[]): string {
  return names.length === 0 ? 'none' : names.map((n) => `"${n}"`).join(', ');
}
