// What a training run tells its listeners (the SSE route): epochs with the run's elapsed
// time, status changes, the end with the model and the candidate kept, or a failure.
import type { FitProgress } from '../forecaster.ts';
import type { RunStatus } from '../store/runs.ts';

/** A fit's progress, with the time since its run started (the run's one clock). */
export type RunProgress = FitProgress & { runElapsedMs: number };

export type TrainingEvent =
  | { type: 'epoch'; progress: RunProgress }
  | { type: 'status'; status: RunStatus }
  | { type: 'done'; status: 'succeeded' | 'cancelled'; modelId: number | null; kept: string | null }
  | { type: 'failed'; error: string };
