// Where the login page sends a person afterwards. Only a path on this server: an absolute
// or protocol-relative URL in `next` would make the login page an open redirect.

/**
 * `raw` when it is a same-origin relative path (not the login page itself), else '/'.
 * @example safeNextPath('/runs.html?x=1') // '/runs.html?x=1'
 * @example safeNextPath('//evil.example/') // '/'
 */
export function safeNextPath(raw: unknown): string {
  if (typeof raw !== 'string' || !raw.startsWith('/') || raw.startsWith('//')) return '/';
  // Browsers read a backslash as a slash and drop tabs and newlines: `/\evil.example` is off-site.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\\\u0000-\u001f\u007f]/.test(raw)) return '/';
  const base = 'http://recurrent.invalid';
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return '/';
  }
  if (url.origin !== base) return '/';
  if (url.pathname === '/login' || url.pathname === '/login.html' || url.pathname.startsWith('/login/'))
    return '/';
  return url.pathname + url.search + url.hash;
}
