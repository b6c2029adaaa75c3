// Child process for the global model's memory test: one fitGlobal over a generated
// collection, then a forecast of every series, printing the series fitted, the seconds and
// the peak RSS as JSON, so the measurement sees this process's memory alone.
import { fitGlobal, forecastGlobal } from '../../../src/forecaster.ts';
import { generatedCollection } from '../../support/generated-collection.ts';

const [count, points] = process.argv.slice(2).map(Number);
if (!count || !points) throw new Error('usage: measure-global-fit.ts <series> <points>');
const collection = generatedCollection(count, points, 11);
const started = performance.now();
const model = await fitGlobal(collection, {
  horizonSteps: 7,
  // Window-relative scaling: this measures the collection's and the network's memory, not
  // the per-series smoother fits, which cost time and nothing that grows with the windows.
  scaler: { kind: 'zscore', windowRelative: true },
  network: { hiddenSize: 8 },
  training: { seed: 3, maxEpochs: 1, epochWindows: 4096 },
});
let forecasts = 0;
for (const s of collection) forecasts += forecastGlobal(model, s).forecast.length;
console.log(
  JSON.stringify({
    fitted: model.series.length,
    forecasts,
    windowLength: model.config.windowLength,
    seconds: (performance.now() - started) / 1000,
    // resourceUsage().maxRSS is in kilobytes.
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  }),
);
