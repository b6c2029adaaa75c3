// What auto mode may keep (src/forecast/fit.ts keptEntry): the best-scoring entry of the
// leaderboard, or the family median when it validates within 5 % of that entry.
import { expect } from 'vitest';

interface Entry {
  name: string;
  kind: string;
  score: number | null;
  kept: boolean;
}

export function expectKeptByRule(leaderboard: { kept: string; entries: readonly Entry[] }): void {
  const kept = leaderboard.entries.filter((e) => e.kept);
  expect(kept.map((e) => e.name)).toEqual([leaderboard.kept]);
  const best = leaderboard.entries[0]!;
  if (kept[0] !== best) {
    expect(kept[0]!.kind).toBe('combination');
    expect(kept[0]!.score).toBeLessThanOrEqual((best.score ?? Number.POSITIVE_INFINITY) * 1.05);
  }
}
