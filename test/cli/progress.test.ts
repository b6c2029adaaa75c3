// The progress reporter: a redrawn bar on a TTY, plain lines elsewhere, silence when quiet;
// one bar and one ETA for the whole fit, the ETA only once a pace has been measured.
import { describe, expect, it } from 'vitest';
import { createProgressReporter, etaFromPace, formatDuration, progressMode } from '../../src/cli/progress.ts';
import type { FitProgress } from '../../src/forecaster.ts';
import type { EpochProgress } from '../../src/train/trainer.ts';

const epoch = (n: number): EpochProgress => ({
  epoch: n,
  maxEpochs: 4,
  trainLoss: 0.5 / n,
  validationLoss: 0.6 / n,
  gradientNorm: 1,
  learningRate: 0.001,
  elapsedMs: 1000 * n,
  etaMs: 1000 * (4 - n),
});

function capture(isTTY: boolean) {
  const chunks: string[] = [];
  return { sink: { isTTY, columns: 120, write: (t: string) => chunks.push(t) }, chunks };
}

/** A clock the test moves by hand: no timing in the assertions. */
function manualClock() {
  let now = 0;
  return { clock: () => now, advance: (ms: number) => (now += ms) };
}

describe('progress reporter', () => {
  it('prints one plain line per epoch when not a TTY, and how long the fit took', () => {
    const { sink, chunks } = capture(false);
    const { clock, advance } = manualClock();
    const r = createProgressReporter(sink, progressMode(sink, false), clock);
    r.onEpoch(epoch(1));
    r.onEpoch(epoch(2));
    advance(33_000);
    r.finish();
    // The first epoch ran while the JIT warmed up: no pace to estimate from yet.
    expect(chunks).toEqual([
      'epoch 1/4  loss 0.5000  val 0.6000  lr 0.00100  eta –\n',
      'epoch 2/4  loss 0.2500  val 0.3000  lr 0.00100  eta ≤2s\n',
      'fitted in 33s\n',
    ]);
  });

  it('names the auto-mode candidate an epoch belongs to', () => {
    const { sink, chunks } = capture(false);
    createProgressReporter(sink, 'lines').onEpoch({
      ...epoch(1),
      stage: '2/2 seasonal difference (m = 7) + z-score',
    });
    expect(chunks).toEqual([
      '2/2 seasonal difference (m = 7) + z-score  epoch 1/4  loss 0.5000  val 0.6000  lr 0.00100  eta –\n',
    ]);
  });

  it('redraws a bar in place on a TTY and ends the line when finished', () => {
    const { sink, chunks } = capture(true);
    const r = createProgressReporter(sink, progressMode(sink, false), () => 0);
    r.onEpoch(epoch(2));
    r.finish();
    expect(chunks[0]).toMatch(/^\r\x1b\[2K\[#{12}\.{12}\] epoch 2\/4/);
    expect(chunks.at(-1)).toBe('\nfitted in 0s\n');
  });

  it('is silent with --quiet', () => {
    const { sink, chunks } = capture(true);
    const r = createProgressReporter(sink, progressMode(sink, true));
    r.onEpoch(epoch(1));
    r.finish();
    expect(chunks).toEqual([]);
  });

  it('reports from inside a long epoch: the epoch under way and how far into it', () => {
    const { sink, chunks } = capture(false);
    const r = createProgressReporter(sink, 'lines');
    r.onEpoch({
      ...epoch(1),
      epoch: 16 / 282,
      validationLoss: null,
      etaMs: 14_000,
      partial: { batches: 16, batchesPerEpoch: 282 },
    });
    r.onEpoch({ ...epoch(2), epoch: 1 + 141 / 282, partial: { batches: 141, batchesPerEpoch: 282 } });
    expect(chunks).toEqual([
      'epoch 1/4 5%  loss 0.5000  val —  lr 0.00100  eta ≤14s\n',
      'epoch 2/4 50%  loss 0.2500  val 0.3000  lr 0.00100  eta ≤2s\n',
    ]);
  });

  it('draws a long first epoch on the bar before it ends', () => {
    const { sink, chunks } = capture(true);
    createProgressReporter(sink, 'bar').onEpoch({
      ...epoch(1),
      epoch: 2,
      maxEpochs: 8,
      partial: { batches: 100, batchesPerEpoch: 200 },
    });
    expect(chunks[0]?.startsWith(`\r\x1b[2K[${'#'.repeat(6)}${'.'.repeat(18)}] epoch 3/8 50%`)).toBe(true);
  });

  it('draws one bar for the whole fit: it follows the fraction across candidates and never goes back', () => {
    const { sink, chunks } = capture(true);
    const r = createProgressReporter(sink, 'bar', () => 0);
    const at = (fraction: number, n: number, stage: string): FitProgress => ({
      ...epoch(n),
      fraction,
      stage,
    });
    r.onEpoch(at(0.25, 4, '1/2 rnn: z-score'));
    r.onEpoch(at(0.5, 1, '2/2 rnn: log')); // the second candidate starts again at epoch 1
    r.onEpoch(at(0.5, 2, '2/2 rnn: log'));
    const hashes = chunks.map((c) => /\[(#*)\.*\]/.exec(c)?.[1]?.length ?? -1);
    expect(hashes).toEqual([6, 12, 12]);
  });

  it('estimates the time left from the pace measured between reports, not from maxEpochs', () => {
    const { sink, chunks } = capture(false);
    const { clock, advance } = manualClock();
    const r = createProgressReporter(sink, 'lines', clock);
    // A first epoch that took 3 s of an 80-epoch budget: the old bound said ≤3m57s.
    advance(3000);
    r.onEpoch({ ...epoch(1), maxEpochs: 80, etaMs: 237_000, fraction: 0.05 });
    advance(2000);
    r.onEpoch({ ...epoch(2), maxEpochs: 80, etaMs: 158_000, fraction: 0.15 });
    expect(chunks[0]).toMatch(/eta –\n$/);
    // 10 % of the fit in 2 s: the 85 % left takes about 17 s.
    expect(chunks[1]).toMatch(/eta ~17s\n$/);
  });

  it('measures the pace from the first report on', () => {
    expect(etaFromPace(undefined, { elapsedMs: 2000, fraction: 0.1 })).toBeNull();
    expect(etaFromPace({ elapsedMs: 2000, fraction: 0.1 }, { elapsedMs: 4000, fraction: 0.3 })).toBeCloseTo(
      7000,
    );
    expect(etaFromPace({ elapsedMs: 2000, fraction: 0.1 }, { elapsedMs: 3000, fraction: 0.1 })).toBeNull();
    expect(etaFromPace(undefined, { elapsedMs: 9000, fraction: 1 })).toBe(0);
  });

  it('formats durations', () => {
    expect(formatDuration(59_400)).toBe('59s');
    expect(formatDuration(125_000)).toBe('2m05s');
  });
});
