// `npm run fuzz`: the ingestion fuzzer of test/data/ingest-fuzz.test.ts at full size
// (issue 17). Drives ingestCsv with mutated CSV bytes and checks every outcome is a valid
// series or a DataError naming a line; writes the result, the date and the command that
// reproduces it to bench/FUZZ.md. Exit 1 when a case breaks the contract.
// Usage: npm run fuzz -- [--seed 2026] [--cases 100000] [--out bench/FUZZ.md]
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { writeFileAtomic } from '../src/files/atomic-write.ts';
import { checkIngestion, mutatedCsv } from '../test/data/support/mutated-csv.ts';
import { machineDescription } from './results-md.ts';

const { values: args } = parseArgs({
  options: {
    seed: { type: 'string', default: '2026' },
    cases: { type: 'string', default: '100000' },
    out: { type: 'string', default: fileURLToPath(new URL('./FUZZ.md', import.meta.url)) },
  },
});
const seed = Number(args.seed);
const cases = Number(args.cases);
if (!Number.isInteger(seed) || !Number.isInteger(cases) || cases < 1) {
  console.error('usage: npm run fuzz -- [--seed <integer>] [--cases <count ≥ 1>] [--out <file.md>]');
  process.exit(2);
}

const outcomes = { series: 0, 'data-error': 0 };
// After the first failure fast-check shrinks it by running smaller cases: not counted.
let shrinking = false;
const started = performance.now();
const cpuStarted = process.cpuUsage();
const details = await fc.check(
  fc.asyncProperty(mutatedCsv, async (fuzz) => {
    let outcome: Awaited<ReturnType<typeof checkIngestion>>;
    try {
      outcome = await checkIngestion(fuzz);
    } catch (error) {
      shrinking = true;
      throw error;
    }
    if (shrinking) return;
    outcomes[outcome]++;
    const done = outcomes.series + outcomes['data-error'];
    if (done % 10_000 === 0) console.error(`fuzz: ${done} of ${cases} cases`);
  }),
  { seed, numRuns: cases },
);
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStarted);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;

const command = `npm run fuzz -- --seed ${seed} --cases ${cases}`;
const lines = [
  '# Ingestion fuzzing',
  '',
  'Mutated CSV bytes (NUL, BOM, control characters, invalid UTF-8, deleted, duplicated and',
  'swapped lines, huge numbers, mixed line endings) fed to `ingestCsv`; each outcome must be a',
  'valid series (finite values, strictly increasing times) or a `DataError` naming a line.',
  'The generator and the check are `test/data/support/mutated-csv.ts`; `npm test` runs 2,000',
  'of the same cases with a fixed seed.',
  '',
  `- Date: ${new Date().toISOString().slice(0, 10)}`,
  `- Command: \`${command}\``,
  `- Machine: ${machineDescription()}`,
  `- Cases run: ${details.numRuns} of ${cases} (seed ${seed})`,
  `- Outcomes: ${outcomes.series} valid series, ${outcomes['data-error']} DataErrors with a line`,
  `- Time: ${seconds.toFixed(1)} s wall, ${cpuSeconds.toFixed(1)} s CPU`,
  `- Result: ${details.failed ? '**FAILED**' : 'passed: no other exception, no DataError without a line'}`,
];
if (details.failed) {
  const [counterexample] = details.counterexample ?? [];
  lines.push(
    '',
    '## Failure',
    '',
    `Path \`${details.counterexamplePath}\`, after ${details.numShrinks} shrinks:`,
    '',
    '```',
    String(details.errorInstance instanceof Error ? details.errorInstance.message : details.error),
    '```',
    '',
    'Smallest input (bytes as JSON) and options:',
    '',
    '```',
    counterexample === undefined
      ? '(none)'
      : `${JSON.stringify(counterexample.bytes.toString('latin1'))}\n${JSON.stringify(counterexample.options)}`,
    '```',
  );
}
await writeFileAtomic(args.out, `${lines.join('\n')}\n`);
console.log(lines.slice(8).join('\n'));
process.exitCode = details.failed ? 1 : 0;
