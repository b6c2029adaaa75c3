// The headline compares with the strongest baseline, not naive alone (web/src/lib/headline-skill.ts),
// and an interval far under its level is flagged (web/src/lib/coverage-check.ts).
import { describe, expect, it } from 'vitest';
import { coverageShortfalls } from '../../web/src/lib/coverage-check.ts';
import { headlineSkill, strongestBaseline, validationComparison } from '../../web/src/lib/headline-skill.ts';

// A weekly-seasonal series as issue 14 met it: 60.8 % better than naive, 12 % better than seasonal naive.
const seasonal = {
  model: { mae: 5.72 },
  baselines: {
    naive: { mae: 14.6 },
    'seasonal-naive': { mae: 6.5 },
    drift: { mae: 14.9 },
    'moving-average': { mae: 11.2 },
  },
};

describe('strongestBaseline', () => {
  it('is the baseline with the lowest finite MAE, whatever its key', () => {
    expect(strongestBaseline(seasonal.baselines)).toEqual({
      key: 'seasonal-naive',
      label: 'seasonal naive',
      mae: 6.5,
    });
    expect(
      strongestBaseline({ naive: { mae: null }, theta: { mae: 3 }, drift: { mae: Number.NaN } }),
    ).toEqual({
      key: 'theta',
      label: 'Theta',
      mae: 3,
    });
    expect(strongestBaseline({ naive: { mae: null } })).toBeNull();
  });
});

describe('headlineSkill', () => {
  it('names the strongest baseline and its skill, with naive only as a note', () => {
    const h = headlineSkill(seasonal);
    expect(h.verdict).toBe('better');
    expect(h.skill).toBeCloseTo(0.12, 3);
    expect(h.text).toBe('12.0 % lower MAE than seasonal naive (the strongest baseline on the test split).');
    expect(h.note).toBe(
      'Against naive alone it would read 60.8 % lower MAE; naive is not the one to beat here.',
    );
  });

  it('says plainly when the model is worse than the strongest baseline', () => {
    const h = headlineSkill({ ...seasonal, model: { mae: 7.02 } });
    expect(h.verdict).toBe('worse');
    expect(h.text).toBe(
      'The model does not beat seasonal naive, the strongest baseline on the test split: 8.0 % higher MAE. Prefer seasonal naive, or try other settings.',
    );
  });

  it('treats a tie as no skill, and gives no naive note when naive is the strongest', () => {
    const h = headlineSkill({ model: { mae: 2 }, baselines: { naive: { mae: 2 }, drift: { mae: 3 } } });
    expect(h.verdict).toBe('worse');
    expect(h.text).toMatch(/^The model does not beat naive \(tomorrow = today\).*the same MAE/);
    expect(h.note).toBeNull();
  });

  it('leaves the naive note out when the model does not beat naive visibly', () => {
    const h = headlineSkill({
      model: { mae: 10 },
      baselines: { naive: { mae: 10.001 }, drift: { mae: 9.9 } },
    });
    expect(h.verdict).toBe('worse');
    expect(h.note).toBeNull();
  });

  it('is unknown without a scored model or baseline', () => {
    expect(headlineSkill({ model: { mae: null }, baselines: seasonal.baselines }).verdict).toBe('unknown');
    expect(headlineSkill({ model: { mae: 1 }, baselines: {} }).verdict).toBe('unknown');
  });
});

describe('validationComparison', () => {
  const entry = (name: string, kind: string, score: number | null, kept = false) => ({
    name,
    kind,
    score,
    kept,
    smape: null,
    mase: null,
    fitSeconds: 0,
  });

  it('compares the kept model with the best classical method on validation', () => {
    const text = validationComparison({
      entries: [
        entry('rnn: z-score', 'rnn', 0.8191, true),
        entry('ses', 'classical', 0.8413),
        entry('theta', 'classical', 0.8426),
        entry('seasonal-naive', 'classical', 1),
      ],
    });
    expect(text).toBe(
      'On the validation origins the kept model scored 0.819, better than 0.841 for simple exponential smoothing, the best classical method there (score 1 = seasonal naive, lower is better).',
    );
  });

  it('prints a fourth decimal when three would show the same score for both', () => {
    const text = validationComparison({
      entries: [
        entry('median of theta | ses', 'combination', 0.84312, true),
        entry('theta', 'classical', 0.84284),
      ],
    });
    expect(text).toMatch(/scored 0\.8431, worse than 0\.8428 for Theta/);
  });

  it('is null when there is no classical method or no kept score', () => {
    expect(validationComparison({ entries: [entry('rnn', 'rnn', 0.9, true)] })).toBeNull();
    expect(
      validationComparison({ entries: [entry('rnn', 'rnn', null, true), entry('ets', 'classical', 1)] }),
    ).toBeNull();
  });
});

describe('coverageShortfalls', () => {
  it('flags an interval more than 10 points under its level, and only those', () => {
    const flagged = coverageShortfalls([
      { level: 0.8, observed: 0.669 },
      { level: 0.95, observed: 0.86 },
      { level: 0.9, observed: null },
    ]);
    expect(flagged.map((f) => f.level)).toEqual([0.8]);
    expect(flagged[0]?.message).toBe(
      'The 80 % interval held only 66.9 % of the test actuals, 13.1 points under its nominal level: the real uncertainty is wider than the band shows.',
    );
  });

  it('does not flag exactly 10 points under (float noise included) or over-coverage', () => {
    expect(coverageShortfalls([{ level: 0.8, observed: 0.7 }])).toEqual([]);
    expect(coverageShortfalls([{ level: 0.8, observed: 0.97 }])).toEqual([]);
  });
});
