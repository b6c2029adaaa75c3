// Streaming: a generated 200 MB CSV ingests in a child process with peak RSS under 400 MB,
// because rows are never held as objects, only as the columns that are kept.
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const TARGET_BYTES = 200 * 1024 * 1024;
const child = fileURLToPath(new URL('./support/measure-ingest.ts', import.meta.url));

// Minute data, a target and four features: about 64 bytes a row, 3.3 million rows.
async function writeCsv(path: string): Promise<number> {
  const out = createWriteStream(path);
  out.write('time,load,temperature,humidity,wind,price\n');
  let bytes = 0;
  let rows = 0;
  const start = Date.UTC(2015, 0, 1);
  while (bytes < TARGET_BYTES) {
    let block = '';
    for (let i = 0; i < 20_000; i++, rows++) {
      const time = new Date(start + rows * 60_000).toISOString().slice(0, 19);
      const x = rows / 1440;
      block += `${time},${(500 + 80 * Math.sin(x)).toFixed(3)},${(12 + 8 * Math.cos(x / 30)).toFixed(2)},${(60 + (rows % 37)).toFixed(1)},${(rows % 97) / 10},${(40 + (rows % 1013) / 7).toFixed(4)}\n`;
    }
    bytes += block.length;
    if (!out.write(block)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return rows;
}

describe('streaming ingestion', () => {
  it('ingests a 200 MB CSV with peak RSS under 400 MB', async () => {
    const path = join(tmpdir(), `recurrent-stream-${process.pid}.csv`);
    try {
      const rows = await writeCsv(path);
      expect((await stat(path)).size).toBeGreaterThanOrEqual(TARGET_BYTES);
      // A heap cap under the limit: V8 then collects before growing past it, where on a busy
      // machine it let garbage pile up to 401 MB of RSS once. Rows held as objects would
      // still not fit: the child would die and the test fail.
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [
          '--max-old-space-size=320',
          '--import',
          'tsx',
          child,
          path,
          'load',
          'temperature',
          'humidity',
          'wind',
          'price',
        ],
        { maxBuffer: 1 << 20 },
      );
      const result = JSON.parse(stdout.trim().split('\n').pop()!) as {
        rowsUsed: number;
        peakRssMB: number;
        seconds: number;
        frequency: string;
      };
      console.log(
        `streaming: ${rows} rows, ${result.seconds.toFixed(1)} s, peak RSS ${result.peakRssMB.toFixed(0)} MB`,
      );
      expect(result.rowsUsed).toBe(rows);
      expect(result.frequency).toBe('every minute');
      expect(result.peakRssMB).toBeLessThan(400);
    } finally {
      await rm(path, { force: true });
    }
  }, 180_000);
});
