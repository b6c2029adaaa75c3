// Entry of login.html (Sign in). The form posts to the page's own URL, so ?next= reaches the
// server without script; this script only says why the person is here again (a wrong
// token, ?failed=1) and skips the form when the browser is signed in already — a link
// followed from another site arrives without the SameSite=Strict cookie, but a request
// from this page carries it.
import { byId, queryParam, showStatus } from './lib/dom.ts';

const status = byId('login-status');

if (queryParam('failed') !== null)
  showStatus(status, 'That token is not right: check it and try again.', 'error');

/** Only a path on this server, as the server itself allows. */
function nextPath(): string {
  const next = queryParam('next') ?? '/';
  return next.startsWith('/') && !next.startsWith('//') && !next.includes('\\') ? next : '/';
}

async function skipIfSignedIn(): Promise<void> {
  try {
    const response = await fetch('/login/session', { cache: 'no-store' });
    const session = (await response.json()) as { signedIn?: unknown };
    if (session.signedIn === true) location.replace(nextPath());
  } catch {
    // The server could not be reached or answered oddly: the form stays.
  }
}

void skipIfSignedIn();
