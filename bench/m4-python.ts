// The organisers'-method scorer, ../shared/bench/m4/score.py, run on the very forecast file
// the TypeScript scorer read, so the report can show both sets of numbers side by side.
// Optional: without python3 the report says so and keeps the TypeScript figures.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { M4Frequency } from './m4-data.ts';

export interface PythonScore {
  n: number;
  failed: string[];
  /** candidate, Naive, sNaive, Naive2. */
  results: Record<string, { smape: number; mase: number; owa: number }>;
}

/** score.py's figures for a forecast file over the given series, or why there are none. */
export function scoreWithPython(
  dir: string,
  freq: M4Frequency,
  forecastsFile: string,
  ids: string[],
): PythonScore | { error: string } {
  const json = join(tmpdir(), `recurrent-m4-score-${process.pid}-${freq}.json`);
  const args = [join(dir, 'score.py'), '--freq', freq, '--forecasts', forecastsFile];
  const run = spawnSync('python3', [...args, '--series', ids.join(','), '--json', json], {
    encoding: 'utf8',
  });
  if (run.error) return { error: `python3 not run: ${run.error.message}` };
  if (run.status !== 0)
    return { error: `score.py exited ${run.status}: ${run.stderr.trim().split('\n').pop()}` };
  try {
    return JSON.parse(readFileSync(json, 'utf8')) as PythonScore;
  } finally {
    rmSync(json, { force: true });
  }
}
