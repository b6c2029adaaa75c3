// The training windows of many series as one source: window w of the collection is window
// w − offset[i] of series i, cut and scaled on demand by that series' own source with its
// own scalers. Nothing is held per window, so 10,000 series of 1,000 values cost their
// anchors and an index each, not 10 million windows; the trainer's seeded shuffle of the
// indices is what samples a minibatch across series.
import type { ScaledWindowSource } from '../../prep/window-source.ts';
import type { WindowSource } from '../../train/trainer.ts';

export interface CollectionSource extends WindowSource {
  /** Which series window w of the collection comes from. */
  seriesOf(w: number): number;
}

/**
 * @example
 * const source = collectionSource([storeA, storeB]); // each a scaledWindowSource
 * source.count; // storeA.count + storeB.count
 */
export function collectionSource(sources: readonly ScaledWindowSource[]): CollectionSource {
  if (sources.length === 0) throw new Error('a collection needs at least one series with training windows');
  const { windowLength: T, featureCount: F, horizonSteps: K } = sources[0]!;
  for (const s of sources)
    if (s.windowLength !== T || s.featureCount !== F || s.horizonSteps !== K)
      throw new Error(
        `every series must cut windows of the same shape: ${T}×${F} → ${K}, not ${s.windowLength}×${s.featureCount} → ${s.horizonSteps}`,
      );
  // offsets[i] is the collection index of series i's first window; offsets[n] the total.
  const offsets = new Float64Array(sources.length + 1);
  sources.forEach((s, i) => {
    offsets[i + 1] = offsets[i]! + s.count;
  });
  const seriesOf = (w: number): number => {
    let low = 0,
      high = sources.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (offsets[mid]! <= w) low = mid;
      else high = mid - 1;
    }
    return low;
  };
  const one = new Uint32Array(1);
  return {
    count: offsets[sources.length]!,
    seriesOf,
    gather(indices, from, n, inputs, targets) {
      for (let r = 0; r < n; r++) {
        const w = indices[from + r]!;
        const i = seriesOf(w);
        one[0] = w - offsets[i]!;
        sources[i]!.gather(
          one,
          0,
          1,
          inputs.subarray(r * T * F, (r + 1) * T * F),
          targets.subarray(r * K, (r + 1) * K),
        );
      }
    },
  };
}
