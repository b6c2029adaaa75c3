// Training progress on the terminal: a redrawn bar on a TTY, one plain line per epoch
// otherwise (logs, CI, pipes), nothing with --quiet. A long epoch also reports from inside
// ("epoch 1/80 25%"), so a long series is never silent until its first epoch ends.
// Progress goes to stderr so stdout stays clean for --json and for piping forecasts.
// The bar and the ETA are the whole fit's (auto mode's candidates, seeds and refit
// together, FitProgress.fraction), and the ETA comes from the pace measured between
// reports: the first report, made while the JIT warms up, gives none, unless the trainer
// measured its pace after the warm-up inside a long epoch. The end says how long the fit took.
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

/** What the ETA column says: an estimate from the measured pace ("~"), a bound ("≤"), or nothing yet. */
export type EtaText = { kind: 'estimate' | 'bound'; ms: number } | null;

export function describeEpoch(p: FitProgress, eta: EtaText): string {
  const etaText = eta === null ? 'eta –' : `eta ${eta.kind === 'bound' ? '≤' : '~'}${formatDuration(eta.ms)}`;
  return `${p.stage === undefined ? '' : `${p.stage}  `}${describeEpochNumber(p)}  loss ${formatLoss(p.trainLoss)}  val ${formatLoss(p.validationLoss)}  lr ${p.learningRate.toPrecision(3)}  ${etaText}`;
}

interface PaceSample {
  elapsedMs: number;
  fraction: number;
}

/**
 * Time left at the pace measured from `first` to `now`; null with nothing to measure yet.
 *
 * @example
 * etaFromPace({ elapsedMs: 2000, fraction: 0.1 }, { elapsedMs: 4000, fraction: 0.3 }); // 7000
 */
export function etaFromPace(first: PaceSample | undefined, now: PaceSample): number | null {
  if (now.fraction >= 1) return 0;
  if (first === undefined) return null;
  const gained = now.fraction - first.fraction;
  const spent = now.elapsedMs - first.elapsedMs;
  if (!(gained > 0) || !(spent > 0)) return null;
  return (spent / gained) * (1 - now.fraction);
}

/** The whole fit's share done: its fraction, or this network's epochs when there is none. */
function shareDone(p: FitProgress): number {
  const share = p.fraction ?? (p.maxEpochs > 0 ? p.epoch / p.maxEpochs : 0);
  return Math.min(1, Math.max(0, share));
}

/**
 * The ETA of each report. Pace is measured between reports of the whole fit's fraction;
 * before a second report, only the trainer's own bound from inside a long epoch (measured
 * after the warm-up) is shown. A fraction that falls starts a new fit (a backtest's folds).
 */
function createEtaClock(clock: () => number): (p: FitProgress) => EtaText {
  const started = clock();
  let first: PaceSample | undefined;
  let last = -1;
  return (p) => {
    if (p.fraction === undefined)
      return p.partial !== undefined || p.epoch >= 2 ? { kind: 'bound', ms: p.etaMs } : null;
    if (p.fraction < last) first = undefined;
    last = p.fraction;
    const now = { elapsedMs: clock() - started, fraction: p.fraction };
    const ms = etaFromPace(first, now);
    first ??= now;
    if (ms !== null) return { kind: 'estimate', ms };
    return p.partial !== undefined ? { kind: 'bound', ms: p.etaMs } : null;
  };
}

/**
 * Returns the onEpoch callback for the trainer and a finish() that ends the bar's line and
 * says how long the fit took: the one duration of the CLI's fit.
 */
export function createProgressReporter(
  sink: ProgressSink,
  mode: ProgressMode,
  clock: () => number = () => performance.now(),
): { onEpoch: (p: FitProgress) => void; finish: () => void } {
  if (mode === 'quiet') return { onEpoch: () => {}, finish: () => {} };
  const started = clock();
  const etaOf = createEtaClock(clock);
  const took = () => `fitted in ${formatDuration(clock() - started)}\n`;
  if (mode === 'lines')
    return {
      onEpoch: (p) => {
        sink.write(`${describeEpoch(p, etaOf(p))}\n`);
      },
      finish: () => {
        sink.write(took());
      },
    };
  let drawn = false;
  let done = 0;
  let lastFraction = -1;
  return {
    onEpoch(p) {
      const width = 24;
      // The bar only moves forward, whichever candidate reported last, until a new fit starts.
      if (p.fraction !== undefined && p.fraction < lastFraction) done = 0;
      lastFraction = p.fraction ?? lastFraction;
      done = Math.max(done, Math.round(width * shareDone(p)));
      const bar = `[${'#'.repeat(done)}${'.'.repeat(width - done)}]`;
      const line = `${bar} ${describeEpoch(p, etaOf(p))}`.slice(0, Math.max(20, (sink.columns ?? 100) - 1));
      sink.write(`\r\x1b[2K${line}`);
      drawn = true;
    },
    finish() {
      sink.write(`${drawn ? '\n' : ''}${took()}`);
    },
  };
}
