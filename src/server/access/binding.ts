// What the address the server listens on (HOST) means for access: which Host names it is
// reached by, and whether it is open beyond this machine without a token.
import { hostname, networkInterfaces } from 'node:os';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i;
const WILDCARD = new Set(['', '0.0.0.0', '::', '[::]']);

/** True when only this machine can connect to an address bound to `host`. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.test(host.trim());
}

const bracketed = (address: string) =>
  address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;

/**
 * The Host names to accept because of the bind address: none on loopback; the address
 * itself when it is one; on a wildcard (0.0.0.0, ::) the machine's own addresses and
 * name, since colleagues type those. A rebinding site always sends its own name, never these.
 * @example hostsForBinding('10.0.0.5') // ['10.0.0.5']
 */
export function hostsForBinding(host: string): string[] {
  const trimmed = host.trim();
  if (isLoopbackHost(trimmed)) return [];
  if (!WILDCARD.has(trimmed)) return [bracketed(trimmed)];
  const addresses = Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((a) => !a.internal)
    .map((a) => bracketed(a.address));
  return [...new Set([...addresses, hostname().toLowerCase()])];
}

/**
 * The start-up warning for a server reachable from other machines with no token, or null.
 * @example bindingWarning('0.0.0.0', 3000, undefined) // '!!! WARNING …'
 */
export function bindingWarning(host: string, port: number, token: string | undefined): string | null {
  if (isLoopbackHost(host) || token !== undefined) return null;
  const bar = '!'.repeat(78);
  return [
    bar,
    `!!! WARNING: Recurrent listens on ${host}:${port}, reachable from other machines, with NO access token.`,
    '!!! Anyone who can reach this address can read, change and delete every dataset and model.',
    '!!! Set RECURRENT_TOKEN to a long random secret (for example `openssl rand -hex 32`) and',
    '!!! restart; see "Running on a shared server" in README.md.',
    bar,
  ].join('\n');
}

/**
 * A warning for a token short enough to guess, or null.
 * @example weakTokenWarning('hunter2') // 'WARNING: RECURRENT_TOKEN is only 7 characters …'
 */
export function weakTokenWarning(token: string | undefined): string | null {
  if (token === undefined || token.length >= 16) return null;
  return `WARNING: RECURRENT_TOKEN is only ${token.length} characters long; use at least 16 random ones (for example \`openssl rand -hex 32\`).`;
}
