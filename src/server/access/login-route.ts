// The login page and its endpoints. GET /login shows the page (web/pages/login.html);
// POST /login checks the token from its form and sets the session cookie, then sends the
// person on to `next`; POST /logout clears the cookie; GET /login/session tells the page's
// script whether the browser is signed in already (a SameSite=Strict cookie is not sent on
// a link followed from another site, so such a visit lands here although signed in).
// With no token set, everybody is signed in: the page just sends the person on.
import express from 'express';
import type { Request, Response, Router } from 'express';
import { safeNextPath } from './next-path.ts';
import { issueSession, SESSION_COOKIE, SESSION_LIFETIME_MS, tokenMatches } from './session-cookie.ts';
import { hasCredential } from './token.ts';

/** The browser keeps a Secure cookie off plain HTTP, so it is Secure only when the visit is HTTPS. */
function isHttps(req: Request): boolean {
  const forwarded = req.headers['x-forwarded-proto'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return req.secure || first === 'https';
}

function setSession(req: Request, res: Response, value: string, maxAgeMs: number): void {
  res.cookie(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'strict',
    secure: isHttps(req),
    path: '/',
    maxAge: maxAgeMs,
  });
}

/**
 * The routes above, for a server with this token (undefined: none) and this login page.
 * @example app.use(loginRoutes(token, pages.get('/login')))
 */
export function loginRoutes(token: string | undefined, loginPage: string | undefined): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '4kb', parameterLimit: 10 });

  router.get(['/login', '/login.html'], (req, res, next) => {
    if (token === undefined) {
      res.redirect(303, safeNextPath(req.query.next));
      return;
    }
    if (loginPage === undefined) {
      next();
      return;
    }
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(loginPage);
  });

  router.post('/login', form, (req, res) => {
    const next = safeNextPath(req.query.next ?? (req.body as Record<string, unknown> | undefined)?.next);
    if (token === undefined) {
      res.redirect(303, next);
      return;
    }
    const candidate = (req.body as Record<string, unknown> | undefined)?.token;
    if (typeof candidate !== 'string' || !tokenMatches(token, candidate.trim())) {
      res.redirect(303, `/login?failed=1&next=${encodeURIComponent(next)}`);
      return;
    }
    setSession(req, res, issueSession(token), SESSION_LIFETIME_MS);
    res.redirect(303, next);
  });

  router.post('/logout', (req, res) => {
    setSession(req, res, '', 0);
    res.redirect(303, '/login');
  });

  // 200 either way: a 401 here would be logged in the console of every login page.
  router.get('/login/session', (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ signedIn: token === undefined || hasCredential(req, token) });
  });

  return router;
}
