// The heartbeat of a process's runs: while it lives, a process renews the lease of every
// queued or running run it owns, so other processes sharing the SQLite file know the runs
// are alive. A process that dies stops renewing; once the lease lapses any process may
// close the run as interrupted (runs.ts markInterruptedRuns).
import type { Db } from './db.ts';
import { LEASE_MS, LEASE_RENEW_MS, THIS_PROCESS } from './run-owner.ts';
import type { RunOwner } from './run-owner.ts';
import { markInterruptedRuns } from './runs.ts';

/** Extends the lease of `owner`'s open runs to `now` + LEASE_MS; returns how many. */
export function renewRunLeases(db: Db, owner: RunOwner = THIS_PROCESS, now = Date.now()): number {
  return db
    .prepare(
      `UPDATE runs SET lease_until = ?
        WHERE owner_host = ? AND owner_pid = ? AND owner_started_at = ? AND status IN ('queued', 'running')`,
    )
    .run(new Date(now + LEASE_MS).toISOString(), owner.host, owner.pid, owner.startedAt).changes;
}

export interface LeaseHeartbeat {
  stop(): void;
}

/**
 * Renews this process's leases every LEASE_RENEW_MS until stop() (or the database closes).
 * With `reclaimAbandoned`, each beat also closes other processes' runs whose owner died or
 * whose lease lapsed since — what a long-lived server does, so a crash elsewhere does not
 * leave a run "running" until the next restart. The timer does not keep the process alive.
 *
 * @example
 * const heartbeat = keepRunLeases(db);
 * try { await runTheBatch(); } finally { heartbeat.stop(); }
 */
export function keepRunLeases(db: Db, options: { reclaimAbandoned?: boolean } = {}): LeaseHeartbeat {
  const beat = () => {
    if (!db.open) {
      clearInterval(timer);
      return;
    }
    try {
      renewRunLeases(db);
      if (options.reclaimAbandoned) markInterruptedRuns(db);
    } catch (e) {
      // A busy database skips one beat; the lease outlasts several.
      console.error(`renewing run leases failed: ${(e as Error).message}`);
    }
  };
  const timer = setInterval(beat, LEASE_RENEW_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
