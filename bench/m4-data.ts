// The M4 Hourly and Weekly data (../shared/bench/m4, see its README): the organisers' ragged
// CSVs read into id → values, and one series turned into a TimeSeries the way a user's file
// would become one: a two-column time,value CSV read by ingestCsv. M4 gave no timestamps,
// so every series gets consecutive hours or weeks from the same Monday.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestCsv } from '../src/forecaster.ts';
import type { TimeSeries } from '../src/forecaster.ts';

export type M4Frequency = 'hourly' | 'weekly';

export const M4_FREQUENCIES: readonly M4Frequency[] = ['hourly', 'weekly'];

export interface M4Spec {
  horizonSteps: number;
  /** The README's m: MASE's in-sample scale and the Naive2 seasonality test (1 weekly, as M4 scored it). */
  scoringSeason: number;
  stepMs: number;
  /** What ingestCsv must infer, so a wrong time column fails loudly instead of fitting another season. */
  unit: TimeSeries['frequency']['unit'];
}

export const M4_SPEC: Record<M4Frequency, M4Spec> = {
  hourly: { horizonSteps: 48, scoringSeason: 24, stepMs: 3_600_000, unit: 'hour' },
  weekly: { horizonSteps: 13, scoringSeason: 1, stepMs: 7 * 86_400_000, unit: 'week' },
};

/** A Monday, so weekly steps fall on Mondays and hourly ones start at midnight. */
export const M4_START = Date.UTC(2000, 0, 3);

export interface M4Series {
  id: string;
  /** The history a method sees. */
  train: Float64Array;
  /** The next h values, for scoring only. */
  test: Float64Array;
}

/** M4_DIR, else ../shared/bench/m4 beside the repository (where CI lays shared/ too). */
export function m4Dir(): string {
  return process.env.M4_DIR ?? resolve(fileURLToPath(new URL('..', import.meta.url)), '../shared/bench/m4');
}

/** `"V1","V2",…` header, then `"H1","605","586",…` rows, ragged: empty cells after the last value. */
export function parseM4Csv(text: string, file = 'M4 CSV'): Map<string, Float64Array> {
  const out = new Map<string, Float64Array>();
  const lines = text.split(/\r?\n/);
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const cells = line.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
    const values = cells.slice(1).filter((c) => c !== '');
    const parsed = Float64Array.from(values, Number);
    if (parsed.some((v) => !Number.isFinite(v)))
      throw new Error(`${file}, line ${i + 1}: a value is not a number`);
    out.set(cells[0]!, parsed);
  }
  return out;
}

const byNumber = (a: string, b: string) => Number(a.slice(1)) - Number(b.slice(1));

/** Every series of a frequency in id order (H1, H2, …), train and test paired. */
export function loadM4(freq: M4Frequency, dir = m4Dir()): M4Series[] {
  const read = (part: string) => {
    const file = join(dir, `${freq}-${part}.csv`);
    return parseM4Csv(readFileSync(file, 'utf8'), file);
  };
  const train = read('train'),
    test = read('test');
  const h = M4_SPEC[freq].horizonSteps;
  return [...train.keys()].sort(byNumber).map((id) => {
    const future = test.get(id);
    if (!future || future.length < h) throw new Error(`M4 ${freq}: ${id} has no ${h} test values`);
    return { id, train: train.get(id)!, test: future.subarray(0, h) };
  });
}

/** The two-column CSV a user would upload for this series: ISO times, full-precision values. */
export function m4Csv(values: ArrayLike<number>, freq: M4Frequency): string {
  const { stepMs } = M4_SPEC[freq];
  const lines = ['time,value'];
  for (let i = 0; i < values.length; i++) {
    const iso = new Date(M4_START + i * stepMs).toISOString();
    lines.push(`${freq === 'weekly' ? iso.slice(0, 10) : `${iso.slice(0, 19)}Z`},${values[i]}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Through ingestCsv, as the app loads a file; refuses anything but one series of the expected frequency. */
export async function m4TimeSeries(
  id: string,
  values: ArrayLike<number>,
  freq: M4Frequency,
): Promise<TimeSeries> {
  const { series } = await ingestCsv(Buffer.from(m4Csv(values, freq)), {
    file: `M4 ${id}`,
    time: 'time',
    target: 'value',
  });
  const s = series[0];
  if (series.length !== 1 || !s) throw new Error(`M4 ${id}: ingestCsv returned ${series.length} series`);
  if (s.frequency.unit !== M4_SPEC[freq].unit || s.frequency.step !== 1 || s.values.length !== values.length)
    throw new Error(
      `M4 ${id}: ingestCsv read ${s.values.length} ${s.frequency.label} values, ` +
        `expected ${values.length} ${freq}`,
    );
  return s;
}
