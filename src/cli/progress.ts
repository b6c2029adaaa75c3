// Training progress on the terminal: a redrawn bar on a TTY, one plain line per epoch
// otherwise (logs, CI, pipes), nothing with --quiet. Progress goes to stderr so stdout
// stays clean for --json and for piping forecasts.
import type { FitProgress } from '../forecaster.ts';

export interface ProgressSink {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export type ProgressMode = 'bar' | 'lines' | 'quiet';

export function progressMode(sink: ProgressSink, quiet: boolean): ProgressMode {
  if (quiet) return 'quiet';
  return sink.isTTY ? 'bar' : 'lines';
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '?';
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

function formatLoss(v: number | null): string {
  return v === null ? '—' : v.toPrecision(4);
}

export function describeEpoch(p: FitProgress): string {
  return `${p.stage === undefined ? '' : `${p.stage}  `}epoch ${p.epoch}/${p.maxEpochs}  loss ${formatLoss(p.trainLoss)}  val ${formatLoss(p.validationLoss)}  lr ${p.learningRate.toPrecision(3)}  eta ≤${formatDuration(p.etaMs)}`;
}

/** Returns the onEpoch callback for the trainer and a finish() that ends the bar's line. */
export function createProgressReporter(
  sink: ProgressSink,
  mode: ProgressMode,
): { onEpoch: (p: FitProgress) => void; finish: () => void } {
  if (mode === 'quiet') return { onEpoch: () => {}, finish: () => {} };
  if (mode === 'lines')
    return {
      onEpoch: (p) => {
        sink.write(`${describeEpoch(p)}\n`);
      },
      finish: () => {},
    };
  let drawn = false;
  return {
    onEpoch(p) {
      const width = 24;
      const done = Math.round((width * p.epoch) / p.maxEpochs);
      const bar = `[${'#'.repeat(done)}${'.'.repeat(width - done)}]`;
      const line = `${bar} ${describeEpoch(p)}`.slice(0, Math.max(20, (sink.columns ?? 100) - 1));
      sink.write(`\r\x1b[2K${line}`);
      drawn = true;
    },
    finish() {
      if (drawn) sink.write('\n');
    },
  };
}
