// The login session cookie: `v1.<expiry>.<nonce>.<mac>`, where mac is an HMAC of the rest
// under a key derived from the token. It never contains the token and cannot be turned
// back into it; it survives a server restart (nothing is kept in memory), expires by
// itself, and changing RECURRENT_TOKEN ends every session at once.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'recurrent_session';
/** A working week: long enough not to nag, short enough that a copied cookie dies. */
export const SESSION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

function sessionKey(token: string): Buffer {
  return createHmac('sha256', token).update('recurrent session cookie v1').digest();
}

function mac(token: string, payload: string): string {
  return createHmac('sha256', sessionKey(token)).update(payload).digest('base64url');
}

/** Equal-length digests compared in constant time, so neither the length nor any prefix leaks. */
function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * True when `candidate` is the token (constant time).
 * @example tokenMatches('s3cret', 's3cret') // true
 */
export function tokenMatches(token: string, candidate: string): boolean {
  return sameSecret(token, candidate);
}

/**
 * A new session cookie value, valid until `now + SESSION_LIFETIME_MS`.
 * @example const value = issueSession(token); verifySession(token, value) // true
 */
export function issueSession(token: string, now = Date.now()): string {
  const payload = `v1.${Math.floor((now + SESSION_LIFETIME_MS) / 1000)}.${randomBytes(18).toString('base64url')}`;
  return `${payload}.${mac(token, payload)}`;
}

/**
 * True when the value was issued under this token and has not expired.
 * @example verifySession(token, 'v1.0.x.y') // false
 */
export function verifySession(token: string, value: string, now = Date.now()): boolean {
  const parts = value.split('.');
  if (parts.length !== 4 || parts[0] !== 'v1') return false;
  const expiresAt = Number(parts[1]) * 1000;
  if (!Number.isFinite(expiresAt) || expiresAt <= now) return false;
  const payload = parts.slice(0, 3).join('.');
  return sameSecret(mac(token, payload), parts[3] ?? '');
}

/**
 * One cookie's value from a Cookie header, or undefined.
 * @example readCookie('a=1; recurrent_session=v1.x', 'recurrent_session') // 'v1.x'
 */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
