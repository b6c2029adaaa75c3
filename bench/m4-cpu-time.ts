// CPU seconds of the calling thread (Linux: /proc/thread-self/stat), so a fit's cost can be
// read apart from how busy the machine was: on a shared machine wall time grows with other
// work, CPU time barely does. Node 20 has no per-thread counter of its own
// (process.cpuUsage() sums every thread of the process); elsewhere this gives undefined.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    const run = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
    const n = Number(run.stdout?.trim());
    ticksPerSecond = run.status === 0 && n > 0 ? n : 100;
  }
  return ticksPerSecond;
}

/** User + system CPU seconds of this thread so far, at the kernel's tick resolution (10 ms). */
export function threadCpuSeconds(): number | undefined {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    // Fields after the command name, which sits in parentheses and may hold spaces:
    // state is field 3, utime 14, stime 15 (1-based, as proc(5) numbers them).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks();
  } catch {
    return undefined;
  }
}
