// Fuzzing ingestion with mutated CSV bytes (issue 17): NUL, BOM, control characters, invalid
// UTF-8, deleted, duplicated and swapped lines, huge numbers, mixed line endings. Whatever
// the bytes, ingestCsv gives a valid series or a DataError naming a line — never any other
// exception. A fixed seed keeps the run repeatable; `npm run fuzz` runs many more cases.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkIngestion, mutatedCsv } from './support/mutated-csv.ts';

const SEED = 1717;
const CASES = 2000;

describe('ingestion under mutated bytes', () => {
  it(`${CASES} seeded cases: a valid series or a DataError with a line`, async () => {
    const outcomes = { series: 0, 'data-error': 0 };
    await fc.assert(
      fc.asyncProperty(mutatedCsv, async (fuzz) => {
        outcomes[await checkIngestion(fuzz)]++;
      }),
      { seed: SEED, numRuns: CASES },
    );
    // Both outcomes must occur, or the mutations are too mild (or too wild) to test anything.
    expect(outcomes.series).toBeGreaterThan(CASES / 20);
    expect(outcomes['data-error']).toBeGreaterThan(CASES / 20);
  });
});
