// Does this build's fit() honour the `candidates` option? Until the candidate pool lands it
// ignores the unknown key and fits auto mode, which would put auto's numbers in the naive,
// theta, … rows without a word. One small fit tells: with candidates ['naive'] the forecast
// must repeat the last value. Methods other than auto run only when it does.
import { fit, forecast } from '../src/forecaster.ts';
import type { ForecastOptions } from '../src/forecaster.ts';
import { m4TimeSeries } from './m4-data.ts';

/** null when `candidates` is honoured, else why the candidate methods cannot run. */
export async function candidatesUnsupported(): Promise<string | null> {
  // A trending daily-cycle series: nothing but the naive method forecasts it flat at its last value.
  const values = Array.from({ length: 120 }, (_, t) => 10 + 0.05 * t + Math.sin((2 * Math.PI * t) / 24));
  const last = values[values.length - 1]!;
  const series = await m4TimeSeries('probe', values, 'hourly');
  const options = { horizonSteps: 4, seasonLength: 1, training: { seed: 42 }, candidates: ['naive'] };
  try {
    const model = await fit(series, options as unknown as ForecastOptions);
    const f = forecast(model, series).forecast;
    if (f.every((v) => Math.abs(v - last) <= 1e-9 * Math.abs(last))) return null;
    return (
      "fit() ignored the `candidates` option: with candidates ['naive'] it forecast " +
      `${f[0]!.toFixed(3)}, not the last value ${last.toFixed(3)}`
    );
  } catch (e) {
    return `fit() rejected the \`candidates\` option: ${(e as Error).message}`;
  }
}
