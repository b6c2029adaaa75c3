// The methods the accuracy suite scores on every series, all through the facade's fit():
// auto mode with its whole candidate pool, the RNN alone (the pool narrowed to the RNN
// candidates, so validation picks the best of them), and each classical method alone.
import type { RunCache, RunResult, Variant } from './accuracy-runs.ts';
import type { BenchSeries } from './accuracy-series.ts';

export const CLASSICAL_ALONE = ['naive', 'seasonal-naive', 'drift', 'theta', 'ets', 'arima'] as const;

export const SUITE_VARIANTS: Variant[] = [
  { id: 'auto', options: () => ({}) },
  { id: 'rnn alone', options: () => ({ candidates: ['rnn'] }) },
  ...CLASSICAL_ALONE.map((method) => ({ id: method, options: () => ({ candidates: [method] }) })),
];

/** A run that could not be scored (e.g. no RNN candidate fits a 17-point series): the reason, shown in its cell. */
export interface Failure {
  failed: string;
}
export type Outcome = RunResult | Failure;
export type SuiteResults = Map<string, Map<string, Outcome>>;

export const isRun = (o: Outcome | undefined): o is RunResult => o !== undefined && !('failed' in o);

export async function runSuite(
  benches: BenchSeries[],
  cache: RunCache,
  log: (line: string) => void,
): Promise<SuiteResults> {
  const results: SuiteResults = new Map();
  for (const b of benches) {
    const byVariant = new Map<string, Outcome>();
    for (const v of SUITE_VARIANTS) {
      try {
        byVariant.set(v.id, await cache.run(b, v, log));
      } catch (e) {
        const failed = (e as Error).message;
        log(`${b.name} · ${v.id}: FAILED ${failed}`);
        byVariant.set(v.id, { failed });
      }
    }
    results.set(b.name, byVariant);
  }
  return results;
}
