// Memory: one global model over 2,000 generated series of 1,000 values, fitted and
// forecast in a child process (so the bound sees that process alone), peaks under 400 MB.
// The collection cuts each minibatch's windows on demand (collection-source.ts); holding
// all 1.7 million windows instead measured 546 MB here against 237 MB.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const child = fileURLToPath(new URL('./support/measure-global-fit.ts', import.meta.url));

describe('a global fit over 2,000 series', () => {
  it('trains, forecasts every series, and peaks under 400 MB RSS', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', child, '2000', '1000'],
      {
        maxBuffer: 1 << 20,
      },
    );
    const result = JSON.parse(stdout.trim().split('\n').pop()!) as {
      fitted: number;
      forecasts: number;
      seconds: number;
      peakRssMB: number;
    };
    console.log(
      `global fit, 2,000 × 1,000: ${result.seconds.toFixed(1)} s, peak RSS ${result.peakRssMB.toFixed(0)} MB`,
    );
    expect(result.fitted).toBe(2000);
    expect(result.forecasts).toBe(2000 * 7);
    expect(result.peakRssMB).toBeLessThan(400);
  }, 300_000);
});
