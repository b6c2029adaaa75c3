// Schema migrations, in order: MIGRATIONS[n − 1] takes a database from version n − 1 to n.
// Never edit a migration that has shipped; add the next one.

export const MIGRATIONS: readonly string[] = [
  // 1: datasets (raw bytes and validation report), models, runs, forecasts.
  `
  CREATE TABLE datasets (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('bundled', 'uploaded')),
    bytes BLOB NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    report TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE UNIQUE INDEX datasets_bundled_name ON datasets (name) WHERE source = 'bundled';

  CREATE TABLE models (
    id INTEGER PRIMARY KEY,
    dataset_id INTEGER REFERENCES datasets (id) ON DELETE SET NULL,
    name TEXT NOT NULL,
    series_id TEXT NOT NULL,
    target TEXT NOT NULL,
    summary TEXT NOT NULL,
    model TEXT NOT NULL,
    evaluation TEXT,
    created_at TEXT NOT NULL
  );

  CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('train', 'batch')),
    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'skipped')),
    dataset_id INTEGER REFERENCES datasets (id) ON DELETE SET NULL,
    model_id INTEGER REFERENCES models (id) ON DELETE SET NULL,
    target TEXT,
    series_id TEXT,
    job TEXT,
    options TEXT,
    history TEXT NOT NULL DEFAULT '[]',
    error TEXT,
    queued_at TEXT NOT NULL,
    started_at TEXT,
    finished_at TEXT,
    wall_ms REAL,
    peak_memory_mb REAL
  );
  CREATE INDEX runs_by_time ON runs (queued_at DESC);

  CREATE TABLE forecasts (
    id INTEGER PRIMARY KEY,
    model_id INTEGER NOT NULL REFERENCES models (id) ON DELETE CASCADE,
    steps INTEGER NOT NULL,
    rows TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  `,
  // 2: what each batch series last produced (rerun skipping), and scheduled jobs.
  `
  CREATE TABLE batch_state (
    key TEXT PRIMARY KEY,
    job TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    model_path TEXT,
    forecast_path TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );

  CREATE TABLE schedules (
    job TEXT PRIMARY KEY,
    cron TEXT NOT NULL,
    timezone TEXT,
    next_run TEXT,
    last_run TEXT,
    last_status TEXT,
    updated_at TEXT NOT NULL
  );
  `,
  // 3: who owns a run, so a starting server reclaims only runs whose process died or whose
  // lease lapsed (a live `recurrent batch` on the same file keeps its runs); a covering index
  // for the storage quota's sum of uploaded bytes (without it the sum walks every blob's
  // overflow pages, as size comes after bytes in the row).
  `
  ALTER TABLE runs ADD COLUMN owner_host TEXT;
  ALTER TABLE runs ADD COLUMN owner_pid INTEGER;
  ALTER TABLE runs ADD COLUMN owner_started_at TEXT;
  ALTER TABLE runs ADD COLUMN owner_pid_namespace TEXT;
  ALTER TABLE runs ADD COLUMN lease_until TEXT;
  CREATE INDEX runs_unfinished ON runs (status) WHERE status IN ('queued', 'running');
  CREATE INDEX datasets_size_by_source ON datasets (source, size);
  `,
];
