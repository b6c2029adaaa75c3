// The server's limits on shared resources, from the environment with defaults: how many
// trainings may wait in the queue, how many bytes users may store, and how often one
// client may upload or start a training. A bad value stops the server at start with the
// variable's name, rather than leaving a limit silently off.

export interface ServerLimits {
  /** Trainings waiting for a worker (beyond those running); one more → 503 with Retry-After. */
  maxQueuedTrainings: number;
  /** Bytes of uploaded datasets and model files together; beyond it → 507. */
  storageQuotaBytes: number;
  /** Uploads one client (IP address) may make per minute, in bursts of as many; 0 = no limit. */
  uploadsPerMinute: number;
  /** Trainings one client may start per minute, in bursts of as many; 0 = no limit. */
  trainingsPerMinute: number;
}

/** Generous: the web app and the test suite never come near them; a flood does. */
export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  maxQueuedTrainings: 20,
  storageQuotaBytes: 2 * 1024 ** 3,
  uploadsPerMinute: 60,
  trainingsPerMinute: 60,
};

export const SERVER_LIMIT_VARIABLES: Record<keyof ServerLimits, string> = {
  maxQueuedTrainings: 'RECURRENT_MAX_QUEUED_TRAININGS',
  storageQuotaBytes: 'RECURRENT_STORAGE_QUOTA_BYTES',
  uploadsPerMinute: 'RECURRENT_UPLOADS_PER_MINUTE',
  trainingsPerMinute: 'RECURRENT_TRAININGS_PER_MINUTE',
};

/**
 * The limits, each from its variable (SERVER_LIMIT_VARIABLES) when set, else the default.
 *
 * @example
 * serverLimitsFromEnv({ RECURRENT_STORAGE_QUOTA_BYTES: '1000000' }).storageQuotaBytes; // 1000000
 */
export function serverLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): ServerLimits {
  const limits = { ...DEFAULT_SERVER_LIMITS };
  for (const key of Object.keys(SERVER_LIMIT_VARIABLES) as (keyof ServerLimits)[]) {
    const name = SERVER_LIMIT_VARIABLES[key];
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    const zeroAllowed = key === 'uploadsPerMinute' || key === 'trainingsPerMinute';
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || (value === 0 && !zeroAllowed))
      throw new Error(
        `${name} must be a whole number${zeroAllowed ? ' (0 for no limit)' : ' above 0'}, got "${raw}"`,
      );
    limits[key] = value;
  }
  return limits;
}

/** "2.0 GiB", "512.0 KiB": bytes for a person, in powers of 1024 like the default quota. */
export function formatBytes(bytes: number): string {
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  if (bytes < 1024) return `${bytes} bytes`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
