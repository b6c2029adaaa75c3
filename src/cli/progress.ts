// Training progress on the terminal: a redrawn bar on a TTY, one plain line per epoch
// otherwise (logs, CI, pipes), nothing with --quiet. A long epoch also reports from inside
// ("epoch 1/80 25%"), so a long series is never silent until its first epoch ends.
// Progress goes to stderr so stdout stays clean for --json and for piping forecasts.
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

/** "epoch 3/80", or inside a long epoch "epoch 1/80 25%" (the epoch under way, and how far into it). */
function describeEpochNumber(p: FitProgress): string {
  if (!p.partial) return `epoch ${p.epoch}/${p.maxEpochs}`;
  const share = Math.floor((100 * p.partial.batches) / p.partial.batchesPerEpoch);
  return `epoch ${Math.floor(p.epoch) + 1}/${p.maxEpochs} ${share}%`;
}

export function describeEpoch(p: FitProgress): string {
  return `${p.stage === undefined ? '' : `${p.stage}  `}${describeEpochNumber(p)}  loss ${formatLoss(p.trainLoss)}  val ${formatLoss(p.validationLoss)}  lr ${p.learningRate.toPrecision(3)}  eta ≤${formatDuration(p.etaMs)}`;
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
