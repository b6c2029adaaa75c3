// The shared token (RECURRENT_TOKEN): when one is set, every API call and every page needs
// it, as `Authorization: Bearer <token>` (scripts, curl) or as the session cookie the login
// page sets (browsers). An API call without it gets a 401 in the API's error shape; a page
// request is sent to the login page, which brings the person back afterwards.
import type { Request, RequestHandler } from 'express';
import { HttpError } from '../http-error.ts';
import { readCookie, SESSION_COOKIE, tokenMatches, verifySession } from './session-cookie.ts';

/**
 * What needs no token: the login page with what it loads (its script and the stylesheet),
 * the login and logout endpoints, and /api/health — it says only that the process is up,
 * which a load balancer or a monitoring probe must be able to ask without a secret.
 */
export const OPEN_PATHS: ReadonlySet<string> = new Set([
  '/login',
  '/login.html',
  '/login/session',
  '/logout',
  '/assets/login.js',
  '/style.css',
  '/api/health',
]);

/**
 * True when the request carries the token as a bearer header or a valid session cookie.
 * @example hasCredential(req, process.env.RECURRENT_TOKEN)
 */
export function hasCredential(req: Request, token: string): boolean {
  const authorization = req.headers.authorization;
  const bearer = authorization === undefined ? null : /^Bearer +(\S+) *$/i.exec(authorization);
  if (bearer?.[1] !== undefined && tokenMatches(token, bearer[1])) return true;
  const session = readCookie(req.headers.cookie, SESSION_COOKIE);
  return session !== undefined && verifySession(token, session);
}

const isApi = (path: string) => path === '/api' || path.startsWith('/api/');

/**
 * Lets through only requests with the token; a page (GET or HEAD outside /api) without it
 * is redirected to `/login?next=<its path>`, anything else answers 401.
 * @example app.use(requireToken(token))
 */
export function requireToken(token: string): RequestHandler {
  return (req, res, next) => {
    if (OPEN_PATHS.has(req.path) || hasCredential(req, token)) {
      next();
      return;
    }
    if (!isApi(req.path) && (req.method === 'GET' || req.method === 'HEAD')) {
      res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    res.setHeader('WWW-Authenticate', 'Bearer realm="recurrent"');
    next(
      new HttpError(
        401,
        'this server needs its access token: send "Authorization: Bearer <token>" or sign in at /login',
      ),
    );
  };
}
