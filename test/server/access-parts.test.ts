// The access checks' parts on their own: host names, the login page's `next`, the origin
// comparison, the session cookie's expiry and signature, and the start-up warnings.
import { describe, expect, it } from 'vitest';
import {
  bindingWarning,
  hostsForBinding,
  isLoopbackHost,
  weakTokenWarning,
} from '../../src/server/access/binding.ts';
import { parseHostList } from '../../src/server/access/host-allow-list.ts';
import { parseHostName } from '../../src/server/access/host-name.ts';
import { safeNextPath } from '../../src/server/access/next-path.ts';
import { crossOriginReason } from '../../src/server/access/same-origin.ts';
import {
  issueSession,
  readCookie,
  SESSION_LIFETIME_MS,
  tokenMatches,
  verifySession,
} from '../../src/server/access/session-cookie.ts';

describe('parseHostName', () => {
  it('reads name and port, lower case, without a trailing dot', () => {
    expect(parseHostName('LocalHost.:3000')).toEqual({ hostname: 'localhost', port: '3000' });
    expect(parseHostName('[::1]:8080')).toEqual({ hostname: '[::1]', port: '8080' });
    expect(parseHostName('10.0.0.5')).toEqual({ hostname: '10.0.0.5', port: null });
  });

  it('refuses what is not a host: user info, paths, spaces, empty', () => {
    for (const text of ['evil.example@localhost', 'localhost/x', 'local host', '', ':3000', 'a:b:c', '[::1'])
      expect(parseHostName(text), text).toBeNull();
  });

  it('names the entry of RECURRENT_ALLOWED_HOSTS that is not a host', () => {
    expect(parseHostList(' a.example ,b.example:3000,,')).toEqual(['a.example', 'b.example:3000']);
    expect(() => parseHostList('a.example, http://b.example/')).toThrow(
      'RECURRENT_ALLOWED_HOSTS: "http://b.example/" is not a host name',
    );
  });
});

describe('safeNextPath', () => {
  it('keeps a path on this server with its query and fragment', () => {
    expect(safeNextPath('/runs.html?x=1#m')).toBe('/runs.html?x=1#m');
  });

  it('sends anything else to /', () => {
    for (const next of [
      undefined,
      ['/a', '/b'],
      'runs.html',
      '//evil.example/',
      '/\\evil.example',
      '/\tevil',
      'https://evil.example/',
      'javascript:alert(1)',
      '/login?next=/login',
      '/login/session',
    ])
      expect(safeNextPath(next), String(next)).toBe('/');
  });
});

describe('crossOriginReason', () => {
  it('passes the request’s own origin, with or without the default port', () => {
    expect(crossOriginReason('http://localhost:3000', 'same-origin', 'localhost:3000')).toBeNull();
    expect(
      crossOriginReason('https://forecast.example.com', undefined, 'forecast.example.com:443'),
    ).toBeNull();
    expect(crossOriginReason('https://Forecast.Example.com', undefined, 'forecast.example.com')).toBeNull();
    expect(crossOriginReason(undefined, undefined, 'localhost:3000')).toBeNull();
    // A same-origin POST under a no-referrer policy says "null"; the browser's Sec-Fetch-Site vouches for it.
    expect(crossOriginReason('null', 'same-origin', 'localhost:3000')).toBeNull();
  });

  it('names what is cross-site', () => {
    expect(crossOriginReason('http://evil.example', undefined, 'localhost:3000')).toBe(
      'Origin "http://evil.example" is another site than this server (localhost:3000)',
    );
    expect(crossOriginReason('http://localhost:8080', undefined, 'localhost:3000')).toMatch(/another site/);
    expect(crossOriginReason(undefined, 'cross-site', 'localhost:3000')).toMatch(/Sec-Fetch-Site/);
    expect(crossOriginReason('http://localhost:3000', 'same-site', 'localhost:3000')).toMatch(/another port/);
    expect(crossOriginReason('null', undefined, 'localhost:3000')).toMatch(/"null"/);
    expect(crossOriginReason('not a url', undefined, 'localhost:3000')).toMatch(/is not an origin/);
  });
});

describe('session cookie', () => {
  const token = 'a-long-random-token-0123456789';

  it('verifies under the same token until it expires', () => {
    const now = Date.UTC(2026, 0, 1);
    const value = issueSession(token, now);
    expect(value).not.toContain(token);
    expect(verifySession(token, value, now + SESSION_LIFETIME_MS - 1000)).toBe(true);
    expect(verifySession(token, value, now + SESSION_LIFETIME_MS)).toBe(false);
    expect(verifySession(`${token}2`, value, now)).toBe(false);
  });

  it('refuses malformed values', () => {
    for (const value of ['', 'v1', 'v1.x.y.z', 'v2.9999999999.a.b', token])
      expect(verifySession(token, value), value).toBe(false);
  });

  it('compares the token exactly', () => {
    expect(tokenMatches(token, token)).toBe(true);
    expect(tokenMatches(token, token.slice(0, -1))).toBe(false);
    expect(tokenMatches(token, '')).toBe(false);
  });

  it('reads one cookie from a Cookie header', () => {
    expect(readCookie('a=1; recurrent_session=v1.2.3.4; b=2', 'recurrent_session')).toBe('v1.2.3.4');
    expect(readCookie('xrecurrent_session=1', 'recurrent_session')).toBeUndefined();
    expect(readCookie(undefined, 'recurrent_session')).toBeUndefined();
  });
});

describe('the bind address', () => {
  it('tells loopback from the rest', () => {
    for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]'])
      expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '10.0.0.5', 'forecast.example.com'])
      expect(isLoopbackHost(host)).toBe(false);
  });

  it('accepts the bound address as a Host, and the machine’s own names on a wildcard', () => {
    expect(hostsForBinding('localhost')).toEqual([]);
    expect(hostsForBinding('10.0.0.5')).toEqual(['10.0.0.5']);
    expect(hostsForBinding('2001:db8::1')).toEqual(['[2001:db8::1]']);
    const wildcard = hostsForBinding('0.0.0.0');
    expect(wildcard.length).toBeGreaterThan(0);
    for (const host of wildcard) expect(parseHostName(host), host).not.toBeNull();
  });

  it('warns loudly off loopback without a token, and of a short token', () => {
    expect(bindingWarning('0.0.0.0', 3000, undefined)).toMatch(
      /WARNING: Recurrent listens on 0\.0\.0\.0:3000, reachable from other machines, with NO access token/,
    );
    expect(bindingWarning('0.0.0.0', 3000, 'a-long-random-token-0123456789')).toBeNull();
    expect(bindingWarning('localhost', 3000, undefined)).toBeNull();
    expect(weakTokenWarning('hunter2')).toMatch(/only 7 characters/);
    expect(weakTokenWarning('a-long-random-token-0123456789')).toBeNull();
  });
});
