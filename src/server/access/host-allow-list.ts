// The Host allow-list, against DNS rebinding: a hostile page whose own name is made to
// resolve to this machine reaches the server with its own name in Host (attacker.example),
// so answering only to the names this server is meant to be reached by takes that away.
import type { RequestHandler } from 'express';
import { HttpError } from '../http-error.ts';
import { parseHostName } from './host-name.ts';
import type { HostName } from './host-name.ts';

/** Always accepted, on any port: only this machine can be behind them. */
export const LOCALHOST_NAMES: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/**
 * The names of a comma-separated list such as RECURRENT_ALLOWED_HOSTS; throws naming the
 * entry that is not a host name, so a typo is not silently a closed door.
 * @example parseHostList('forecast.example.com, 10.0.0.5:3000') // ['forecast.example.com', '10.0.0.5:3000']
 */
export function parseHostList(text: string | undefined, what = 'RECURRENT_ALLOWED_HOSTS'): string[] {
  if (text === undefined) return [];
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  for (const entry of entries)
    if (parseHostName(entry) === null)
      throw new Error(`${what}: "${entry}" is not a host name (expected name or name:port, comma-separated)`);
  return entries;
}

/** An entry without a port accepts the name on any port; with one, only that port. */
function matches(allowed: HostName, host: HostName): boolean {
  return allowed.hostname === host.hostname && (allowed.port === null || allowed.port === host.port);
}

/**
 * Answers 421 to any request whose Host is not localhost or one of `extraHosts`.
 * @example app.use(allowHosts(['forecast.example.com']))
 */
export function allowHosts(extraHosts: readonly string[]): RequestHandler {
  const allowed = [...LOCALHOST_NAMES, ...extraHosts].map((entry) => {
    const parsed = parseHostName(entry);
    if (parsed === null) throw new Error(`allowed hosts: "${entry}" is not a host name`);
    return parsed;
  });
  return (req, _res, next) => {
    const header = req.headers.host;
    const host = header === undefined ? null : parseHostName(header);
    if (host !== null && allowed.some((a) => matches(a, host))) {
      next();
      return;
    }
    // The accepted names are not listed: they would tell a stranger the machine's other names.
    const named = header === undefined ? 'no Host header' : `Host "${header}"`;
    next(
      new HttpError(
        421,
        `this server does not answer to ${named}; its administrator can add the name to RECURRENT_ALLOWED_HOSTS`,
      ),
    );
  };
}
