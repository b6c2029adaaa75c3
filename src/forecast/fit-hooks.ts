// What a caller can hook into a fit: cancellation, per-epoch progress, and whether the
// RNN candidates may use worker threads of their own.
import type { EpochProgress } from '../train/trainer.ts';
import type { FitProgressPlan } from './fit-progress.ts';
import type { ScoredPool } from './score-pool.ts';

export interface FitProgress extends EpochProgress {
  /** When auto mode fits several candidates: which one this epoch belongs to, e.g. "2/3 rnn: seasonal difference (m = 24) + z-score". */
  stage?: string;
  /**
   * The whole fit's share done, 0–1, every network auto mode trains included; it never goes
   * down, so a progress bar drawn from it only moves forward (fit-progress.ts).
   */
  fraction?: number;
}

export interface FitHooks {
  signal?: AbortSignal;
  onEpoch?: (progress: FitProgress) => void;
  /**
   * Fit auto mode's RNN candidates at the same time, each on its own worker thread, instead
   * of one after the other. Same models either way; a surface that waits on one fit with
   * idle cores (the CLI) turns it on, pools that already keep every core busy leave it off.
   */
  parallel?: boolean;
  /**
   * Threads each network's gradient steps run on (1 or 2); absent: 2 on a process's main
   * thread, 1 on a worker thread (src/train/parallel/training-threads.ts). Only speed
   * depends on it. A fit that trains beside other work on the same cores sets 1.
   */
  threads?: number;
  /** Set by fit() for its own stages: gives each network it trains a slot of the overall fraction. */
  plan?: FitProgressPlan;
  /**
   * Called once the pool is scored, before ensembles and the combination join it: every
   * candidate fitted on the history before validation, with its validation forecasts. The M4
   * bench reads the RNN alone off auto's pool this way instead of fitting the same networks twice.
   */
  onScored?: (pool: ScoredPool) => void;
}
