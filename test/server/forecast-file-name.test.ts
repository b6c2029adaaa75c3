// The forecast download's file name: dataset, series, target and date in safe characters.
import { describe, expect, it } from 'vitest';
import { forecastFileName } from '../../src/server/forecast-file-name.ts';

const on = new Date('2026-11-30T15:00:00Z');

describe('forecastFileName', () => {
  it('names the dataset (without extension), the target and the date', () => {
    expect(forecastFileName({ id: 1, datasetName: 'sp500-2000.csv', series: '', target: 'close' }, on)).toBe(
      'forecast-sp500-2000-close-2026-11-30.csv',
    );
  });

  it('names the series of a long-format dataset', () => {
    expect(forecastFileName({ id: 2, datasetName: 'stocks.csv', series: 'MSFT', target: 'price' }, on)).toBe(
      'forecast-stocks-MSFT-price-2026-11-30.csv',
    );
  });

  it('keeps only ASCII letters, digits, dot, dash and underscore: accents dropped, the rest a dash', () => {
    expect(
      forecastFileName(
        { id: 3, datasetName: 'Données "ventes" 2024/05 (v2).xlsx', series: 'Zürich Ost', target: 'CA €' },
        on,
      ),
    ).toBe('forecast-Donnees-ventes-2024-05-v2-Zurich-Ost-CA-2026-11-30.csv');
  });

  it('names the model when its dataset was deleted', () => {
    expect(forecastFileName({ id: 7, datasetName: null, series: '', target: 'sales' }, on)).toBe(
      'forecast-model-7-sales-2026-11-30.csv',
    );
  });
});
