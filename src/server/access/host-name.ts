// A Host header (or a configured host name) reduced to the two parts the allow-list compares:
// the lower-case host name without a trailing dot, and the port when one is given.

export interface HostName {
  /** Lower case, IPv6 in brackets, no trailing dot: `localhost`, `10.0.0.5`, `[::1]`. */
  hostname: string;
  /** The port as written, or null when none was given. */
  port: string | null;
}

// Only the characters of a host name, an IPv4 or bracketed IPv6 address and a port: no `@`,
// `/`, `?`, `#` or `\`, so `evil.example@localhost` can never parse as localhost.
const HOST_CHARACTERS = /^[A-Za-z0-9._~-]+(:[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?$/;

/**
 * Parses `name[:port]`; null when it is not a host at all.
 * @example parseHostName('LocalHost.:3000') // { hostname: 'localhost', port: '3000' }
 */
export function parseHostName(text: string): HostName | null {
  const trimmed = text.trim();
  if (!HOST_CHARACTERS.test(trimmed)) return null;
  const bracket = trimmed.startsWith('[') ? trimmed.indexOf(']') : -1;
  const colon = trimmed.indexOf(':', bracket + 1);
  const name = colon < 0 ? trimmed : trimmed.slice(0, colon);
  const port = colon < 0 ? null : trimmed.slice(colon + 1);
  const hostname = name.toLowerCase().replace(/\.$/, '');
  if (hostname === '' || hostname === '[]') return null;
  return { hostname, port };
}
