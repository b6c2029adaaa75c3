// A quota on what users store — uploaded datasets and model files, summed in SQLite — so
// one client cannot fill the disk. Bytes of uploads still being ingested are reserved in
// memory, so two uploads that each fit alone cannot together overshoot it.
import type { Db } from '../store/db.ts';
import { storageUsage } from '../store/storage-usage.ts';
import { HttpError } from './http-error.ts';
import { formatBytes, SERVER_LIMIT_VARIABLES } from './server-limits.ts';

export class StorageQuota {
  private reserved = 0;

  constructor(
    private readonly db: Db,
    readonly quotaBytes: number,
  ) {}

  /** Bytes stored plus bytes reserved by uploads in progress. */
  usedBytes(): number {
    return storageUsage(this.db).totalBytes + this.reserved;
  }

  /**
   * Reserves room for `bytes` about to be stored and returns the release (call it once the
   * bytes are stored or refused); 507 saying the quota and the use when they do not fit.
   *
   * @example
   * const release = quota.reserve(file.size, 'this upload');
   * try { await store(file); } finally { release(); }
   */
  reserve(bytes: number, what: string): () => void {
    const used = this.usedBytes();
    if (used + bytes > this.quotaBytes) throw this.full(used, `${what} needs ${formatBytes(bytes)}`);
    this.reserved += bytes;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.reserved -= bytes;
    };
  }

  /** 507 when nothing more fits (a training would store a model). */
  requireRoom(what: string): void {
    const used = this.usedBytes();
    if (used >= this.quotaBytes) throw this.full(used, `${what} would store more`);
  }

  private full(used: number, need: string): HttpError {
    return new HttpError(
      507,
      `the storage quota is full: ${formatBytes(used)} of ${formatBytes(this.quotaBytes)} used by uploaded datasets and models, and ${need}; delete datasets or models you no longer need (the quota is set by ${SERVER_LIMIT_VARIABLES.storageQuotaBytes})`,
    );
  }
}
