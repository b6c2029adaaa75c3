// The whole fit's progress fraction: every network auto mode trains (candidates, the extra
// seeds of an ensemble, the refit) gets a slot, and the fraction never goes back when the
// next one starts again at epoch 1. Reading progress changes no fitted number.
import { describe, expect, it } from 'vitest';
import { fit, modelToJSON } from '../../src/forecaster.ts';
import type { FitProgress } from '../../src/forecaster.ts';
import { FitProgressPlan, trainingShare } from '../../src/forecast/fit-progress.ts';
import { syntheticDaily } from '../support/synthetic-series.ts';

const SMALL = {
  horizonSteps: 7,
  candidates: ['rnn'],
  ensembleSeeds: 2,
  network: { hiddenSize: 4 },
  training: { maxEpochs: 3, patienceEpochs: 100, seed: 3 },
};

/** The model file without what depends on the clock. */
const timeless = (json: unknown) =>
  JSON.stringify(json, (k, v) => (['createdAt', 'fitSeconds', 'elapsedMs'].includes(k) ? undefined : v));

describe('the whole fit’s progress', () => {
  it('only moves forward across candidates, seeds and the refit', async () => {
    const events: FitProgress[] = [];
    const series = syntheticDaily({ points: 300, seed: 4 });
    const model = await fit(series, SMALL, { onEpoch: (p) => events.push(p) });
    const stages = [...new Set(events.map((e) => e.stage))];
    expect(stages.length).toBeGreaterThanOrEqual(4); // candidates, a second seed, the refit
    expect(stages.at(-1)).toMatch(/^refit /);
    // Each network starts again at epoch 1 (the refit of a seed ensemble refits each seed).
    expect(events.filter((e) => e.epoch === 1).length).toBeGreaterThanOrEqual(stages.length);
    const fractions = events.map((e) => e.fraction ?? Number.NaN);
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1]!);
    expect(fractions[0]).toBeGreaterThan(0);
    expect(fractions.at(-1)).toBeCloseTo(1, 10); // the refit's last epoch ends the fit

    // The same fit without listening: the same model.
    const quiet = await fit(series, SMALL);
    expect(timeless(modelToJSON(quiet))).toBe(timeless(modelToJSON(model)));
  });

  it('counts a network against where early stopping would end it, not maxEpochs', () => {
    const p = { epoch: 10, maxEpochs: 80, elapsedMs: 1000, etaMs: 7000 };
    expect(trainingShare(p)).toBeCloseTo(0.125);
    expect(trainingShare(p, 20)).toBeCloseTo(0.5);
    expect(trainingShare({ ...p, etaMs: 1000 })).toBeCloseTo(0.5); // the work cap ends it sooner
  });

  it('keeps the fraction where it was when a slot reports less', () => {
    const seen: number[] = [];
    const plan = new FitProgressPlan((p) => seen.push(p.fraction ?? -1), 1);
    plan.planCandidates(1);
    const report = (slot: number, epoch: number) =>
      plan.hooks({}, slot, `slot ${slot}`).onEpoch?.({
        epoch,
        maxEpochs: 4,
        trainLoss: 1,
        validationLoss: 1,
        gradientNorm: 1,
        learningRate: 0.001,
        elapsedMs: 1,
        etaMs: Number.POSITIVE_INFINITY,
      });
    report(0, 2);
    plan.complete(0);
    report(1, 1);
    report(1, 4);
    expect(seen).toEqual([0.25, 0.625, 1]);
  });
});
