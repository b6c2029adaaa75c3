// Time as the scheduler sees it: "what time is it" and "wake me at". Injected, so tests
// drive a fake clock through days of cron times (and DST changes) in milliseconds.

export interface Clock {
  now(): Date;
  /** Resolves at `at` or as soon as `signal` aborts, whichever comes first; never rejects. */
  sleepUntil(at: Date, signal: AbortSignal): Promise<void>;
}

/** Longest single timer: long sleeps wake up and re-read the clock, so a suspended laptop
 * or a wall-clock change does not leave a job asleep for hours past its time. */
export const MAX_TIMER_MS = 60_000;

export function createRealClock(maxTimerMs = MAX_TIMER_MS): Clock {
  return {
    now: () => new Date(),
    async sleepUntil(at, signal) {
      for (
        let left = at.getTime() - Date.now();
        left > 0 && !signal.aborted;
        left = at.getTime() - Date.now()
      ) {
        await sleepChunk(Math.min(left, maxTimerMs), signal);
      }
    },
  };
}

function sleepChunk(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
