// Who owns a run: the process that created it (host, pid and the process's start time, so
// a pid the system hands out again is not mistaken for the old process), and until when
// its lease runs. The SQLite file is shared — a web server and a `recurrent batch` may work
// on it at once — so a process may close only runs whose owner is dead or silent.
import { readlinkSync } from 'node:fs';
import { hostname } from 'node:os';

export interface RunOwner {
  host: string;
  pid: number;
  /** When the owning process started, ISO 8601. */
  startedAt: string;
  /**
   * The pid namespace ("pid:[4026531836]" on Linux; null elsewhere). Two containers can
   * share a host name and the SQLite file yet not see each other's pids: only a process in
   * the same namespace can tell that a pid is gone.
   */
  pidNamespace: string | null;
}

/** How long a lease lasts past its last renewal. Long enough to ride out a busy event loop. */
export const LEASE_MS = 2 * 60 * 1000;

/** How often a live process renews its leases: several renewals fit in one lease. */
export const LEASE_RENEW_MS = 20 * 1000;

function pidNamespace(): string | null {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return null;
  }
}

/** This process, as it signs the runs it creates. */
export const THIS_PROCESS: RunOwner = {
  host: hostname(),
  pid: process.pid,
  startedAt: new Date(Math.round(performance.timeOrigin)).toISOString(),
  pidNamespace: pidNamespace(),
};

export function sameOwner(a: RunOwner, b: RunOwner): boolean {
  return a.host === b.host && a.pid === b.pid && a.startedAt === b.startedAt;
}

/**
 * Whether `owner` is certainly dead, as seen from `self`: on the same host and in the same
 * pid namespace, no process has its pid, or the pid is `self`'s but `self` is a later
 * process (the old one died and the pid was reused — common for a server restarted as pid 1
 * of a container). Another host's (or container's) process cannot be probed: only its
 * lease tells.
 *
 * @example
 * ownerIsDead({ ...THIS_PROCESS, pid: 2 ** 22 + 1 }); // true: pids never go that high
 */
export function ownerIsDead(owner: RunOwner, self: RunOwner = THIS_PROCESS): boolean {
  if (owner.host !== self.host || owner.pidNamespace !== self.pidNamespace) return false;
  if (owner.pid === self.pid) return !sameOwner(owner, self);
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (e) {
    // EPERM: the process exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
