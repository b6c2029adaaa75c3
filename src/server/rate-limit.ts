// Per-client rate limits on the expensive requests (uploads, trainings): a token bucket per
// client IP address. A bucket holds up to a minute's allowance, so a person who uploads a
// few files in a row is never slowed, while a client that keeps flooding gets 429 with a
// Retry-After saying when the next request will be accepted.
import type { Request, RequestHandler } from 'express';
import { HttpError } from './http-error.ts';

/** Above this many clients, buckets that have refilled (idle clients) are forgotten. */
const MAX_TRACKED_CLIENTS = 10_000;

export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * Token buckets keyed by client: `perMinute` tokens a minute, holding at most `perMinute`.
 * `now` (milliseconds, monotonic) is a parameter so tests step time instead of waiting.
 *
 * @example
 * const buckets = new TokenBuckets(2);
 * buckets.take('10.0.0.1', 0); // { ok: true }
 * buckets.take('10.0.0.1', 0); // { ok: true }
 * buckets.take('10.0.0.1', 0); // { ok: false, retryAfterSeconds: 30 }
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  constructor(private readonly perMinute: number) {
    this.perMs = perMinute / 60_000;
  }

  take(client: string, now: number = performance.now()): TakeResult {
    const bucket = this.buckets.get(client) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      this.buckets.set(client, bucket);
      this.forgetIdle(now);
      return { ok: true };
    }
    this.buckets.set(client, bucket);
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000)) };
  }

  /** How many clients are tracked (for tests of the memory bound). */
  get size(): number {
    return this.buckets.size;
  }

  private forgetIdle(now: number): void {
    if (this.buckets.size <= MAX_TRACKED_CLIENTS) return;
    for (const [client, b] of this.buckets)
      if (b.tokens + (now - b.at) * this.perMs >= this.perMinute) this.buckets.delete(client);
  }
}

/** The client's address as the socket saw it (behind a proxy: the proxy's, unless Express trusts it). */
function clientOf(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

/**
 * A route handler that lets at most `perMinute` requests a minute through per client and
 * answers the rest 429 with Retry-After; `perMinute` 0 lets everything through.
 *
 * @example
 * handlers: [rateLimit('uploads', 60), requireBody('multipart'), …]
 */
export function rateLimit(what: string, perMinute: number): RequestHandler {
  if (perMinute === 0)
    return (_req, _res, next) => {
      next();
    };
  const buckets = new TokenBuckets(perMinute);
  return (req, _res, next) => {
    const client = clientOf(req);
    const taken = buckets.take(client);
    if (taken.ok) {
      next();
      return;
    }
    next(
      new HttpError(
        429,
        `too many ${what} from ${client}: at most ${perMinute} a minute; retry in ${taken.retryAfterSeconds} s`,
        undefined,
        { 'Retry-After': String(taken.retryAfterSeconds) },
      ),
    );
  };
}
