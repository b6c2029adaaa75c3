// How many windows an epoch trains on: all of them while one pass fits the work cap, a
// seeded random subset when it does not, and at most epochWindows when a caller (a global
// model over hundreds of series) asks for short epochs.
import { describe, expect, it } from 'vitest';
import { planEpochs } from '../../src/train/epoch-plan.ts';

const base = { parameterCount: 4_900, windowLength: 64, batchSize: 32 };

describe('planEpochs', () => {
  it('trains on every window while one pass fits the cap', () => {
    expect(planEpochs({ ...base, trainWindows: 10_000, maxTrainingWork: 6e9 })).toEqual({
      windowsPerEpoch: 10_000,
      subsampled: false,
      fullEpochWork: 4_900 * 64 * 10_000,
    });
  });

  it('subsamples so the cap holds 16 epochs when one pass does not fit', () => {
    const plan = planEpochs({ ...base, trainWindows: 181_624, maxTrainingWork: 6e9 });
    expect(plan.subsampled).toBe(true);
    expect(plan.windowsPerEpoch).toBe(Math.floor(6e9 / (16 * 4_900 * 64)));
  });

  it('draws at most epochWindows per epoch, even when one pass fits the cap', () => {
    const plan = planEpochs({ ...base, trainWindows: 181_624, maxTrainingWork: 2e11, epochWindows: 16_384 });
    expect(plan).toMatchObject({ windowsPerEpoch: 16_384, subsampled: true });
  });

  it('keeps the smaller of epochWindows and what the cap allows, and every window when there are fewer', () => {
    expect(
      planEpochs({ ...base, trainWindows: 181_624, maxTrainingWork: 6e9, epochWindows: 16_384 })
        .windowsPerEpoch,
    ).toBe(Math.floor(6e9 / (16 * 4_900 * 64)));
    expect(
      planEpochs({ ...base, trainWindows: 800, maxTrainingWork: 2e11, epochWindows: 16_384 }),
    ).toMatchObject({
      windowsPerEpoch: 800,
      subsampled: false,
    });
  });
});
