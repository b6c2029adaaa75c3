// The time left in a fit, from the pace its progress has actually kept. The first report
// of a fit comes while the JIT is still compiling and workers are starting, several times
// slower than what follows, so no estimate is given until there is a second report to
// measure the pace from the first one on.

export interface PaceSample {
  /** Milliseconds since the run started. */
  elapsedMs: number;
  /** The whole fit's share done, 0–1. */
  fraction: number;
}

/**
 * Time left at the pace measured since `first`, or null when there is none to measure yet.
 *
 * @example
 * etaFromPace({ elapsedMs: 2000, fraction: 0.1 }, { elapsedMs: 4000, fraction: 0.3 }); // 7000
 * etaFromPace({ elapsedMs: 2000, fraction: 0.1 }, { elapsedMs: 2000, fraction: 0.1 }); // null
 */
export function etaFromPace(first: PaceSample | undefined, now: PaceSample): number | null {
  if (first === undefined || now.fraction >= 1) return now.fraction >= 1 ? 0 : null;
  const gained = now.fraction - first.fraction;
  const spent = now.elapsedMs - first.elapsedMs;
  if (!(gained > 0) || !(spent > 0)) return null;
  return (spent / gained) * (1 - now.fraction);
}
