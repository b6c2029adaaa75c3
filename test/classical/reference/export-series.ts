// Writes the reference series (fixtures/reference-series.ts) as JSON for the R scripts:
//   npx tsx test/classical/reference/export-series.ts /tmp/classical-reference/series.json
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { REFERENCE_SERIES } from '../fixtures/reference-series.ts';

const out = process.argv[2] ?? '/tmp/classical-reference/series.json';
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(REFERENCE_SERIES));
