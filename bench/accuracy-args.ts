// Command-line options of bench/accuracy.ts. A partial run (--quick, --series) writes to the
// OS temp folder unless --out says otherwise and keeps its own journal, so it never
// replaces the full results nor wipes the full run's journal.
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface AccuracyArgs {
  quick: boolean;
  /** Series names to keep (--series a,b), or null for all. */
  only: string[] | null;
  experiments: boolean;
  resume: boolean;
  outFile: string;
  journal: string;
  /** The command as given, for the report header. */
  command: string;
}

export function parseArgs(args: string[], root: string): AccuracyArgs {
  const value = (flag: string) => {
    const i = args.indexOf(flag);
    if (i < 0) return undefined;
    const v = args[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
    return v;
  };
  const quick = args.includes('--quick');
  const only = value('--series')?.split(',') ?? null;
  const partial = quick || only !== null;
  const suffix = quick ? '-quick' : only ? '-subset' : '';
  return {
    quick,
    only,
    experiments: args.includes('--experiments'),
    resume: args.includes('--resume'),
    outFile:
      value('--out') ??
      (partial ? join(tmpdir(), `recurrent-accuracy${suffix}.md`) : join(root, 'bench', 'ACCURACY.md')),
    journal: join(tmpdir(), `recurrent-accuracy${suffix}.jsonl`),
    command: ['npx tsx bench/accuracy.ts', ...args].join(' '),
  };
}
