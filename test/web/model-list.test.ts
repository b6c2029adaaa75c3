// The models page's naming, order, filter and comparison rule, as pure functions: a title
// names dataset, series and target; sorting puts models without a score last; a selection
// across series is refused with a reason.
import { describe, expect, it } from 'vitest';
import type { ModelListItem } from '../../src/server/wire.ts';
import { compareProblem } from '../../web/src/lib/compare-selection.ts';
import { filterModels, sortModels } from '../../web/src/lib/model-list.ts';
import { datasetLabel, modelTitle } from '../../web/src/lib/model-title.ts';

function model(id: number, over: Partial<ModelListItem>): ModelListItem {
  return {
    id,
    name: 'gru 32 · close',
    datasetId: 1,
    datasetName: 'sp500-2000.csv',
    target: 'close',
    series: null,
    kept: 'gru 32',
    cell: 'gru',
    hiddenSize: 32,
    layers: 1,
    horizonSteps: 5,
    windowLength: 20,
    createdAt: `2026-11-${String(id).padStart(2, '0')}T10:00:00.000Z`,
    metrics: { mase: 1, smape: 1, mae: 1, skillVsNaive: 0.1, hasSkill: true },
    global: null,
    ...over,
  };
}

const sp500 = model(1, {});
const msft = model(2, {
  datasetId: 2,
  datasetName: 'stocks.csv',
  series: 'MSFT',
  target: 'price',
  kept: 'theta',
  metrics: { mase: 0.8, smape: 7, mae: 2, skillVsNaive: -0.2, hasSkill: false },
});
const ibm = model(3, { ...msft, id: 3, series: 'IBM', metrics: null });
const msftRnn = model(4, {
  ...msft,
  id: 4,
  kept: 'rnn: z-score',
  metrics: { ...msft.metrics!, mase: 0.7, skillVsNaive: 0.3 },
});

describe('modelTitle', () => {
  it('names the dataset, the target and the forecaster: "sp500-2000 · close · gru 32"', () => {
    expect(modelTitle(sp500)).toBe('sp500-2000 · close · gru 32');
  });

  it('names the series of a long-format dataset between dataset and target', () => {
    expect(modelTitle(msft)).toBe('stocks · MSFT · price · theta');
  });

  it('says when the dataset was deleted rather than leaving it out', () => {
    expect(modelTitle({ ...sp500, datasetName: null })).toBe('deleted dataset · close · gru 32');
    expect(datasetLabel('sales.xlsx')).toBe('sales');
  });
});

describe('sortModels and filterModels', () => {
  const all = [sp500, msft, ibm, msftRnn];
  it('sorts by date (newest first), name, MASE (best first) and skill (best first); no score sorts last', () => {
    expect(sortModels(all, 'date').map((m) => m.id)).toEqual([4, 3, 2, 1]);
    expect(sortModels(all, 'name').map(modelTitle)).toEqual([
      'sp500-2000 · close · gru 32',
      'stocks · IBM · price · theta',
      'stocks · MSFT · price · rnn: z-score',
      'stocks · MSFT · price · theta',
    ]);
    expect(sortModels(all, 'mase').map((m) => m.id)).toEqual([4, 2, 1, 3]);
    expect(sortModels(all, 'skill').map((m) => m.id)).toEqual([4, 1, 2, 3]);
  });

  it('filters on every typed word in dataset, series, target and forecaster, ignoring case', () => {
    expect(filterModels(all, 'stocks msft').map((m) => m.id)).toEqual([2, 4]);
    expect(filterModels(all, 'SP500').map((m) => m.id)).toEqual([1]);
    expect(filterModels(all, '  ')).toHaveLength(4);
    expect(filterModels(all, 'nothing-like-this')).toEqual([]);
  });
});

describe('compareProblem', () => {
  it('accepts 2–5 models of one series', () => {
    expect(compareProblem([msft, msftRnn])).toBeNull();
  });

  it('refuses models of different series, naming both', () => {
    expect(compareProblem([msft, ibm])).toBe(
      'Models of different series cannot be compared: the selection forecasts stocks · MSFT · price and stocks · IBM · price. Select models of one series.',
    );
  });

  it('tells two uploads of one file apart by dataset number', () => {
    expect(compareProblem([msft, { ...msftRnn, datasetId: 9 }])).toMatch(
      /stocks · MSFT · price \(dataset #2\) and stocks · MSFT · price \(dataset #9\)/,
    );
  });

  it('needs at least 2 and at most 5 models, and a dataset to draw them over', () => {
    expect(compareProblem([msft])).toBe('Select at least 2 models to compare (1 selected).');
    expect(compareProblem(Array.from({ length: 6 }, (_, i) => ({ ...msft, id: 10 + i })))).toMatch(
      /at most 5/,
    );
    expect(compareProblem([msft, { ...msftRnn, datasetId: null, datasetName: null }])).toMatch(
      /the dataset was deleted/,
    );
  });
});
