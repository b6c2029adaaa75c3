// Shared by the bench scripts: each owns one "## …" section of bench/RESULTS.md and
// replaces only that section (or appends it), so benches can run in any order. The file is
// written to a temporary name and renamed, so a reader never sees a half-written file.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';

export const RESULTS_FILE = fileURLToPath(new URL('./RESULTS.md', import.meta.url));

const TITLE = '# Benchmark results\n';

/** Replaces the section starting at the line `heading` (up to the next "## " line) with body. */
export function writeResultsSection(heading: string, body: string, file = RESULTS_FILE): void {
  const section = `${heading}\n\n${body.trim()}\n`;
  const old = existsSync(file) ? readFileSync(file, 'utf8') : TITLE;
  const lines = old.split('\n');
  const start = lines.findIndex((line) => line.trimEnd() === heading);
  let text: string;
  if (start < 0) {
    text = `${old.trimEnd()}\n\n${section}`;
  } else {
    let end = lines.findIndex((line, i) => i > start && line.startsWith('## '));
    if (end < 0) end = lines.length;
    const before = lines.slice(0, start).join('\n').trimEnd();
    const after = lines.slice(end).join('\n').trim();
    text = `${before}\n\n${section}${after ? `\n${after}\n` : ''}`;
  }
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** "2 cores (nproc), <CPU model>, Node vX" for the header of a results section. */
export function machineDescription(): string {
  let nproc = String(cpus().length);
  try {
    nproc = execFileSync('nproc', ['--all'], { encoding: 'utf8' }).trim();
  } catch {
    /* keep os.cpus() */
  }
  let model = cpus()[0]?.model ?? 'unknown CPU';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) model = line.split(':')[1]!.trim();
  } catch {
    /* not Linux: keep os.cpus() */
  }
  return `nproc ${nproc}, ${model}, Node ${process.version}`;
}
