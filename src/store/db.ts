// The embedded SQLite database (better-sqlite3): opening it and bringing its schema up to
// date. Migrations are numbered and applied in order inside one write transaction, and
// PRAGMA user_version records how far a file has come, so an old file is upgraded in place.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS } from './migrations.ts';

export type Db = Database.Database;

export const DEFAULT_DB_PATH = './data/recurrent.db';

export function openDatabase(path: string = process.env.RECURRENT_DB ?? DEFAULT_DB_PATH): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // With WAL, NORMAL syncs at checkpoints, not every commit: a crash of the app loses
  // nothing; only a power cut can drop the last commits.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Db): void {
  // IMMEDIATE takes the write lock before the version is read: when a server and a
  // `recurrent batch` open a new file at once, the second waits (busy timeout), then finds
  // the schema already there instead of creating the tables again.
  db.transaction(() => {
    const current = schemaVersion(db);
    if (current > MIGRATIONS.length) {
      throw new Error(
        `the database is at schema version ${current}, newer than this Recurrent knows (${MIGRATIONS.length}); upgrade Recurrent`,
      );
    }
    for (const [offset, sql] of MIGRATIONS.slice(current).entries()) {
      db.exec(sql);
      db.pragma(`user_version = ${current + offset + 1}`);
    }
  }).immediate();
}
