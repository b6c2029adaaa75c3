// A fingerprint of the data a model was fitted on, so reruns can tell whether the input
// changed (batch reuse) and a model file says what it saw.
import { createHash } from 'node:crypto';
import type { TimeSeries } from '../data/types.ts';

export function fingerprintSeries(series: TimeSeries, columns: readonly string[]): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ id: series.id, target: series.target, columns }));
  hash.update(new Uint8Array(series.time.buffer, series.time.byteOffset, series.time.byteLength));
  for (const name of columns) {
    const values =
      name === series.target ? series.values : series.features.find((f) => f.name === name)?.values;
    if (!values) throw new Error(`fingerprint: the series has no column "${name}"`);
    hash.update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  }
  return hash.digest('hex');
}
