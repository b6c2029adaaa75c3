// The progress reporter: a redrawn bar on a TTY, plain lines elsewhere, silence when quiet.
import { describe, expect, it } from 'vitest';
import { createProgressReporter, formatDuration, progressMode } from '../../src/cli/progress.ts';
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

describe('progress reporter', () => {
  it('prints one plain line per epoch when not a TTY', () => {
    const { sink, chunks } = capture(false);
    const r = createProgressReporter(sink, progressMode(sink, false));
    r.onEpoch(epoch(1));
    r.onEpoch(epoch(2));
    r.finish();
    expect(chunks).toEqual([
      'epoch 1/4  loss 0.5000  val 0.6000  lr 0.00100  eta ≤3s\n',
      'epoch 2/4  loss 0.2500  val 0.3000  lr 0.00100  eta ≤2s\n',
    ]);
  });

  it('names the auto-mode candidate an epoch belongs to', () => {
    const { sink, chunks } = capture(false);
    createProgressReporter(sink, 'lines').onEpoch({
      ...epoch(1),
      stage: '2/2 seasonal difference (m = 7) + z-score',
    });
    expect(chunks).toEqual([
      '2/2 seasonal difference (m = 7) + z-score  epoch 1/4  loss 0.5000  val 0.6000  lr 0.00100  eta ≤3s\n',
    ]);
  });

  it('redraws a bar in place on a TTY and ends the line when finished', () => {
    const { sink, chunks } = capture(true);
    const r = createProgressReporter(sink, progressMode(sink, false));
    r.onEpoch(epoch(2));
    r.finish();
    expect(chunks[0]).toMatch(/^\r\x1b\[2K\[#{12}\.{12}\] epoch 2\/4/);
    expect(chunks.at(-1)).toBe('\n');
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

  it('formats durations', () => {
    expect(formatDuration(59_400)).toBe('59s');
    expect(formatDuration(125_000)).toBe('2m05s');
  });
});
