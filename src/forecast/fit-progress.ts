// One progress figure for a whole fit. Auto mode trains several networks in turn (the RNN
// candidates, the extra seeds of an ensemble, the refit of the kept one), and each
// network's epochs start again from 1; a bar fed those restarts. This gives every network
// a slot of equal width and reports the share of all slots done, never less than what was
// reported before, so a bar drawn from it only moves forward. A network's share counts
// its epochs against where early stopping would end it if its loss stopped improving now
// (best epoch + patience), not against maxEpochs, which networks almost never reach: an
// ETA drawn from it is then near the truth rather than a bound several times too long.
// It reads progress, never the training: the fitted models are the same with or without it.
import type { FitHooks, FitProgress } from './fit-hooks.ts';

/**
 * How far one network's training is, 0–1: epochs against the epoch it is expected to end
 * at (maxEpochs, or sooner by early stopping: `expectedLastEpoch`), or time spent against
 * time spent plus the time left when the work cap ends it sooner.
 *
 * @example
 * trainingShare({ epoch: 20, maxEpochs: 80, elapsedMs: 1000, etaMs: 1000 }); // 0.5
 * trainingShare({ epoch: 10, maxEpochs: 80, elapsedMs: 1000, etaMs: 7000 }, 20); // 0.5
 */
export function trainingShare(
  p: Pick<FitProgress, 'epoch' | 'maxEpochs' | 'elapsedMs' | 'etaMs'>,
  expectedLastEpoch = p.maxEpochs,
): number {
  const last = Math.min(p.maxEpochs, expectedLastEpoch);
  const byEpochs = last > 0 ? p.epoch / last : 0;
  const byTime = Number.isFinite(p.etaMs) && p.elapsedMs > 0 ? p.elapsedMs / (p.elapsedMs + p.etaMs) : 0;
  return Math.min(1, Math.max(0, byEpochs, byTime));
}

/** Where early stopping ends a network whose loss stops improving now: its best epoch + patience. */
class StoppingWatch {
  private best = Number.POSITIVE_INFINITY;
  private bestEpoch = 0;

  constructor(private readonly patienceEpochs: number) {}

  /** The epoch training is expected to end at, after this report. */
  observe(p: FitProgress): number {
    // A report from inside an epoch has a running mean and no validation loss: not a score.
    if (p.partial === undefined) {
      const loss = p.validationLoss ?? p.trainLoss;
      if (Number.isFinite(loss) && loss < this.best) {
        this.best = loss;
        this.bestEpoch = p.epoch;
      }
    }
    return Math.max(Math.ceil(p.epoch), this.bestEpoch + this.patienceEpochs);
  }
}

export class FitProgressPlan {
  private shares: number[] = [];
  private reported = 0;

  /**
   * @param onEpoch where the progress goes (the caller's hook); without one, nothing is tracked
   * @param slotsAfterCandidates networks trained after the candidates: extra seeds, the refit
   */
  constructor(
    private readonly onEpoch: FitHooks['onEpoch'],
    private readonly slotsAfterCandidates: number,
  ) {}

  /** Called once the pool is known: its RNN candidates take the first slots. */
  planCandidates(rnnCandidates: number): void {
    this.shares = new Array<number>(rnnCandidates + this.slotsAfterCandidates).fill(0);
  }

  /** Slot of the first network trained after the candidates. */
  get firstSlotAfterCandidates(): number {
    return this.shares.length - this.slotsAfterCandidates;
  }

  /**
   * Hooks for the network in `slot`: its epochs carry `stage` and the whole fit's fraction.
   * `patienceEpochs`: its early stopping's patience (none for a refit of fixed length).
   */
  hooks(parent: FitHooks, slot: number, stage: string, patienceEpochs = Number.POSITIVE_INFINITY): FitHooks {
    const { onEpoch } = this;
    const stopping = new StoppingWatch(patienceEpochs);
    return {
      signal: parent.signal,
      onEpoch:
        onEpoch &&
        ((progress) => {
          this.advance(slot, trainingShare(progress, stopping.observe(progress)));
          onEpoch({ ...progress, stage, fraction: this.fraction() });
        }),
    };
  }

  /** The network in `slot` has ended (finished, stopped early, failed or skipped). */
  complete(slot: number): void {
    this.advance(slot, 1);
  }

  /** Share of all slots done; never below an earlier report. */
  fraction(): number {
    const total = this.shares.length;
    const done = total === 0 ? 0 : this.shares.reduce((s, x) => s + x, 0) / total;
    this.reported = Math.max(this.reported, Math.min(1, done));
    return this.reported;
  }

  private advance(slot: number, share: number): void {
    // A slot beyond the plan (a refit that trains several networks, say) adds nothing.
    if (slot < 0 || slot >= this.shares.length) return;
    this.shares[slot] = Math.max(this.shares[slot] ?? 0, share);
  }
}
