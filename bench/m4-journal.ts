// The M4 bench's journal: one JSON line per finished series, so --resume continues an
// interrupted run without refitting. A result is keyed by method, fit options, frequency
// and series id, and stamped with a hash of the code that produced it (every file under
// src/, the bench's own runner files and package-lock.json); --resume reuses only results
// of the same code. Hashing the files, not git HEAD, matters here: src/ changes under
// uncommitted work, which HEAD would not see. --resume-stale reuses other code's results
// too, and the report says so. The file is append-only; the last line for a key wins.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { M4Result } from './m4-run.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The bench files whose change changes a result (scoring and the report do not). */
const RUNNER_FILES = [
  'bench/m4-data.ts',
  'bench/m4-run.ts',
  'bench/m4-rnn-alone.ts',
  'bench/m4-methods.ts',
  'bench/m4-leaderboard.ts',
  'bench/m4-cpu-time.ts',
  'package-lock.json',
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

/** A short hash of the code a fit runs. */
export function codeVersion(): string {
  const hash = createHash('sha256');
  const files = [...filesUnder(join(ROOT, 'src')), ...RUNNER_FILES].sort();
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(ROOT, file)));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 12);
}

/** git HEAD, and whether src/ differs from it, for the report. */
export function gitState(): string {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  const head = git('rev-parse', '--short', 'HEAD');
  if (head.status !== 0) return 'not a git checkout';
  const dirty = git('status', '--porcelain', '--', 'src').stdout.trim() !== '';
  return `${head.stdout.trim()}${dirty ? ' with uncommitted changes in src/' : ''}`;
}

export function journalKey(parts: {
  method: string;
  options: Record<string, unknown>;
  freq: string;
  id: string;
}): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 24);
}

export interface JournalEntry {
  /** codeVersion() of the run that fitted it. */
  code: string;
  result: M4Result;
}

export class M4Journal {
  /** key → code → result, and key → the last entry written, whatever its code. */
  private readonly byCode = new Map<string, Map<string, M4Result>>();
  private readonly last = new Map<string, JournalEntry>();

  /** Reads earlier results only with resume; appends either way, so nothing is lost. */
  constructor(
    readonly path: string,
    resume: boolean,
  ) {
    if (!resume || !existsSync(path)) return;
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      try {
        const { code, ...result } = JSON.parse(line) as M4Result & { code: string };
        this.remember({ code, result });
      } catch {
        // A line cut off by a kill mid-write: that series is simply fitted again.
      }
    }
  }

  private remember(entry: JournalEntry): void {
    const codes = this.byCode.get(entry.result.key) ?? new Map<string, M4Result>();
    codes.set(entry.code, entry.result);
    this.byCode.set(entry.result.key, codes);
    this.last.set(entry.result.key, entry);
  }

  /** A result of this very code. */
  find(key: string, code: string): M4Result | undefined {
    return this.byCode.get(key)?.get(code);
  }

  /** The last result written for the key, whatever code fitted it. */
  findAny(key: string): JournalEntry | undefined {
    return this.last.get(key);
  }

  append(result: M4Result, code: string): void {
    this.remember({ code, result });
    appendFileSync(this.path, `${JSON.stringify({ code, ...result })}\n`);
  }
}
