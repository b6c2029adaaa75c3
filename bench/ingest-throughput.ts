// Ingestion throughput (issue 3): rows/s and peak RSS of ingestCsv on a generated
// 1,000,000-row, 6-column CSV, beside a plain csv-parse pass that does nothing else and
// danfo's own readCSV. Each reader runs in its own child process, so peak RSS is its own.
// Target: within 1.5× of plain csv-parse, and faster than danfo's readCSV.
// Usage: npx tsx bench/ingest-throughput.ts [--quick] [--runs=3]
//   --quick    100,000 rows, one run, nothing written (smoke test)
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse';
import { machineDescription, writeResultsSection } from './results-md.ts';

const READERS = ['recurrent', 'csv-parse', 'danfo'] as const;
type Reader = (typeof READERS)[number];
const LABELS: Record<Reader, string> = {
  recurrent: 'Recurrent ingestCsv (parse, type, clean, report)',
  'csv-parse': 'plain csv-parse pass (count records)',
  danfo: 'danfo readCSV',
};
interface Measurement {
  rows: number;
  seconds: number;
  peakRssMB: number;
}

// Minute timestamps and five numeric columns, as a sensor log or a price feed would have.
async function writeCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('time,open,high,low,close,volume\n');
  const start = Date.UTC(2015, 0, 1);
  for (let done = 0; done < rows; ) {
    let block = '';
    for (const end = Math.min(rows, done + 10_000); done < end; done++) {
      const price = 100 + 20 * Math.sin(done / 5000) + (done % 17) / 10;
      block +=
        `${new Date(start + done * 60_000).toISOString().slice(0, 19)},${price.toFixed(2)},${(price + 0.5).toFixed(2)},` +
        `${(price - 0.5).toFixed(2)},${(price + ((done % 7) - 3) / 10).toFixed(2)},${1000 + (done % 9973)}\n`;
    }
    if (!out.write(block)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

// Modules load before the clock starts, so each reader is timed on reading alone.
async function measureInChild(reader: Reader, file: string): Promise<Measurement> {
  const { ingestCsv } = await import('../src/data/ingest.ts');
  const danfo = reader === 'danfo' ? await import('danfojs-node') : null;
  const started = performance.now();
  let rows = 0;
  if (reader === 'recurrent') {
    const { report } = await ingestCsv(file, {
      target: 'close',
      features: ['open', 'high', 'low', 'volume'],
    });
    rows = report.rowsUsed;
  } else if (reader === 'csv-parse') {
    // The same way our reader consumes records: synchronously as they are parsed.
    const parser = createReadStream(file).pipe(parse({ bom: true, delimiter: ',' }));
    parser.on('readable', () => {
      while (parser.read() !== null) rows++;
    });
    await once(parser, 'end');
    rows -= 1; // header
  } else {
    rows = (await danfo!.readCSV(file)).shape[0]!;
  }
  return {
    rows,
    seconds: (performance.now() - started) / 1000,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  };
}

function runChild(reader: Reader, file: string): Measurement {
  const script = fileURLToPath(import.meta.url);
  const stdout = execFileSync(process.execPath, ['--import', 'tsx', script, '--child', reader, file], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as Measurement;
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const runs = quick ? 1 : Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 3);
  const rows = quick ? 100_000 : 1_000_000;
  const file = join(tmpdir(), `recurrent-ingest-bench-${process.pid}.csv`);
  const began = performance.now();
  const load = loadavg()[0]!.toFixed(1);
  try {
    await writeCsv(file, rows);
    const megabytes = (await stat(file)).size / 1e6;
    const results = new Map<Reader, Measurement[]>(READERS.map((r) => [r, []]));
    // Interleaved, so a noisy neighbour slows every reader alike.
    for (let run = 0; run < runs; run++) {
      for (const reader of READERS) {
        const m = runChild(reader, file);
        if (m.rows !== rows) throw new Error(`${reader} read ${m.rows} rows, expected ${rows}`);
        results.get(reader)!.push(m);
        console.log(
          `run ${run + 1}/${runs} ${reader}: ${m.seconds.toFixed(2)} s, peak RSS ${m.peakRssMB.toFixed(0)} MB`,
        );
      }
    }
    const summary = READERS.map((reader) => {
      const ms = results.get(reader)!;
      return {
        reader,
        seconds: median(ms.map((m) => m.seconds)),
        peakRssMB: median(ms.map((m) => m.peakRssMB)),
      };
    });
    const time = (r: Reader): number => summary.find((s) => s.reader === r)!.seconds;
    const table = [
      '| reader | time (s) | rows/s | peak RSS (MB) | time vs plain csv-parse | time vs danfo readCSV |',
      '|---|---|---|---|---|---|',
      ...summary.map(
        (s) =>
          `| ${LABELS[s.reader]} | ${s.seconds.toFixed(2)} | ${Math.round(rows / s.seconds).toLocaleString('en-US')} | ${s.peakRssMB.toFixed(0)} | ${(s.seconds / time('csv-parse')).toFixed(2)}× | ${(s.seconds / time('danfo')).toFixed(2)}× |`,
      ),
    ].join('\n');
    const vsPlain = time('recurrent') / time('csv-parse');
    const vsDanfo = time('recurrent') / time('danfo');
    const verdict = `Target: within 1.5× of plain csv-parse — ${vsPlain.toFixed(2)}× (${vsPlain <= 1.5 ? 'PASS' : 'MISS'}); faster than danfo readCSV — ${vsDanfo.toFixed(2)}× its time (${vsDanfo < 1 ? 'PASS' : 'MISS'}).`;
    console.log(`\n${table}\n\n${verdict}`);
    if (quick) return;
    writeResultsSection(
      '## Ingestion throughput (issue 3)',
      [
        `Date: ${new Date().toISOString().slice(0, 10)}. Machine: ${machineDescription()}.`,
        `Command: \`npx tsx bench/ingest-throughput.ts\` (also run by \`npm run bench\`); took ${Math.round((performance.now() - began) / 1000)} s.`,
        `Input: a generated CSV of ${rows.toLocaleString('en-US')} rows × 6 columns (ISO minute timestamps, five numbers; ${megabytes.toFixed(0)} MB). ` +
          'Recurrent reads it with target close and four features, so every cell is typed and kept. ' +
          `Each reader runs ${runs}× in its own child process (\`node --import tsx\`), interleaved; the table shows medians. ` +
          "Times exclude loading modules (danfo's TensorFlow.js import alone takes seconds). Peak RSS is the child's maxRSS, including Node and tsx (~75 MB).",
        table,
        `Every run (s): ${READERS.map(
          (r) =>
            `${r} ${results
              .get(r)!
              .map((m) => m.seconds.toFixed(2))
              .join(' / ')}`,
        ).join(
          '; ',
        )}. Load average when the bench started: ${load} on ${machineDescription().split(',')[0]}.`,
        verdict,
      ].join('\n\n'),
    );
    console.log('\nWrote bench/RESULTS.md');
  } finally {
    await rm(file, { force: true });
  }
}

if (process.argv[2] === '--child') {
  const measurement = await measureInChild(process.argv[3] as Reader, process.argv[4]!);
  console.log(JSON.stringify(measurement));
} else {
  await main();
}
