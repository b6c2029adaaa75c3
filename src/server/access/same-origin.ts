// Cross-site request forgery: a page on another site can make its visitor's browser POST a
// form or a multipart upload here (neither needs a CORS preflight), with the visitor's
// cookie. Browsers say where such a request comes from in `Origin` and `Sec-Fetch-Site`,
// so a state-changing request that says "another origin" is refused. Requests that carry
// neither header (curl, scripts, the CLI) come from no web page and pass.
import type { RequestHandler } from 'express';
import { HttpError } from '../http-error.ts';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Why a request with this Origin and Sec-Fetch-Site must be refused, or null when it may pass.
 * Sec-Fetch-Site, which only the browser sets, is trusted first: anything but same-origin
 * (or none: the person's own action) is refused, same-site included, since another port of
 * this host is another web app. The Origin is compared by host and port with the
 * request's own Host (the scheme is left out: behind a TLS proxy the server itself sees
 * plain HTTP).
 * @example crossOriginReason('http://evil.example', undefined, 'localhost:3000') // 'Origin "http://evil.example" is …'
 */
export function crossOriginReason(
  origin: string | undefined,
  fetchSite: string | undefined,
  host: string | undefined,
): string | null {
  if (fetchSite === 'cross-site') return 'Sec-Fetch-Site says the request comes from another site';
  if (fetchSite === 'same-site')
    return 'Sec-Fetch-Site says the request comes from another origin (another port or subdomain)';
  if (origin === undefined) return null;
  // "null" is what sandboxed frames and file: pages send, but also a same-origin POST under
  // a strict referrer policy; the browser's own Sec-Fetch-Site tells the two apart.
  if (origin === 'null')
    return fetchSite === 'same-origin'
      ? null
      : 'Origin is "null" (a sandboxed frame or a local file), not this site';
  let own: string;
  let theirs: string;
  try {
    const parsed = new URL(origin);
    theirs = parsed.host;
    // The own host parsed under the origin's scheme, so that an explicit default port
    // (example.com:443 against https://example.com) compares equal.
    own = new URL(`${parsed.protocol}//${host ?? ''}`).host;
  } catch {
    return `Origin "${origin}" is not an origin`;
  }
  if (theirs !== own) return `Origin "${origin}" is another site than this server (${host ?? 'no Host'})`;
  return null;
}

/**
 * 403 for a POST, PUT, PATCH or DELETE sent by a page of another origin.
 * @example app.use(refuseCrossSiteWrites())
 */
export function refuseCrossSiteWrites(): RequestHandler {
  return (req, _res, next) => {
    if (!STATE_CHANGING.has(req.method)) {
      next();
      return;
    }
    const reason = crossOriginReason(
      req.headers.origin,
      req.headers['sec-fetch-site'] as string | undefined,
      req.headers.host,
    );
    if (reason === null) {
      next();
      return;
    }
    next(new HttpError(403, `refused a cross-site ${req.method}: ${reason}`));
  };
}
