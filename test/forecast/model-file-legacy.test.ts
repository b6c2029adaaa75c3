// A model file written by the build before the forecaster contract (format version 2: one
// RNN, its scalers and training) still loads, as a model whose held-out and final
// forecaster is that RNN, and forecasts. The fixture was written by that build:
// `recurrent train datasets/seattle-weather.csv --target temp_max --horizon 3 --hidden 4
// --epochs 2 --scale zscore --out test/fixtures/model-v2.json` at commit f0252c1.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { forecast, ingestCsv, loadModel, modelFromJSON, modelToJSON } from '../../src/forecaster.ts';

const FIXTURE = fileURLToPath(new URL('../fixtures/model-v2.json', import.meta.url));
const DATASET = fileURLToPath(new URL('../../datasets/seattle-weather.csv', import.meta.url));

describe('model files of version 2', () => {
  it('load as an RNN model that forecasts, and save again as version 3', async () => {
    const model = await loadModel(FIXTURE);
    expect(model.heldOut.kind).toBe('rnn');
    expect(model.final).toBe(model.heldOut);
    expect(model.leaderboard.kept).toBe('rnn: z-score');
    const series = (await ingestCsv(await readFile(DATASET), { target: 'temp_max' })).series[0]!;
    const next = forecast(model, series);
    expect(next.forecast).toHaveLength(3);
    expect(next.forecast.every((v) => v > -10 && v < 40)).toBe(true);
    const again = modelFromJSON(JSON.parse(JSON.stringify(modelToJSON(model))));
    expect((modelToJSON(again) as { version: number }).version).toBe(3);
    expect(Array.from(forecast(again, series).forecast)).toEqual(Array.from(next.forecast));
  });

  it('a version this build does not know is refused with what to do', async () => {
    const doc = JSON.parse(await readFile(FIXTURE, 'utf8')) as Record<string, unknown>;
    expect(() => modelFromJSON({ ...doc, version: 9 })).toThrow(
      /newer than this Recurrent reads \(3\); upgrade/,
    );
    expect(() => modelFromJSON({ ...doc, network: undefined })).toThrow(/neither forecasters/);
  });
});
