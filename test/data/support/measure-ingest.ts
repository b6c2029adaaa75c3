// Child process for the streaming test: ingests one CSV and prints rows, seconds and peak
// RSS as JSON, so the measurement sees this process's memory alone, not the test runner's.
import { ingestCsv } from '../../../src/data/ingest.ts';

const [file, target, ...features] = process.argv.slice(2);
if (file === undefined || target === undefined)
  throw new Error('usage: measure-ingest.ts <file> <target> [features…]');
const started = performance.now();
const { report } = await ingestCsv(file, { target, features });
console.log(
  JSON.stringify({
    rowsRead: report.rowsRead,
    rowsUsed: report.rowsUsed,
    frequency: report.frequency?.label ?? null,
    seconds: (performance.now() - started) / 1000,
    // resourceUsage().maxRSS is in kilobytes.
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  }),
);
