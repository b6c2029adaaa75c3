// fetch wrappers for /api: every failure becomes an ApiError carrying the server's own
// message (and per-field messages), so pages can show what to fix instead of a status code.

export class ApiError extends Error {
  readonly status: number;
  readonly fields: Record<string, string>;
  constructor(message: string, status: number, fields: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.fields = fields;
  }
}

type Query = Record<string, string | number | boolean | null | undefined>;

/** '/api/x' plus the defined query parameters, URL-encoded. */
export function apiUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function errorFrom(response: Response): Promise<ApiError> {
  let message = `${response.status} ${response.statusText}`.trim();
  let fields: Record<string, string> = {};
  try {
    const body = (await response.json()) as { error?: unknown; fields?: unknown };
    if (typeof body.error === 'string') message = body.error;
    if (body.fields && typeof body.fields === 'object') fields = body.fields as Record<string, string>;
  } catch {
    // Not JSON (a proxy page, an empty 413): keep the status line.
  }
  return new ApiError(message, response.status, fields);
}

/**
 * A 401 means the server has an access token and this browser's session is missing or has
 * expired (or the server restarted with a new token): the person is taken to the login
 * page, which brings them back here, instead of seeing a bare "401" in the page.
 */
function signInAgain(): ApiError {
  const here = location.pathname + location.search + location.hash;
  location.assign(`/login?next=${encodeURIComponent(here)}`);
  return new ApiError('not signed in: opening the login page', 401);
}

async function send<T>(url: string, init: RequestInit, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      signal,
      headers: { accept: 'application/json', ...init.headers },
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(`the server could not be reached (${(err as Error).message})`, 0);
  }
  if (response.status === 401) throw signInAgain();
  if (!response.ok) throw await errorFrom(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export function getJson<T>(path: string, query: Query = {}, signal?: AbortSignal): Promise<T> {
  return send<T>(apiUrl(path, query), { method: 'GET' }, signal);
}

export function postJson<T>(path: string, body: unknown): Promise<T> {
  return send<T>(path, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
}

/** multipart/form-data with the file under `file`, as the upload routes expect. */
export function postFile<T>(path: string, file: File): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  return send<T>(path, { method: 'POST', body: form });
}

export function deleteResource(path: string): Promise<void> {
  return send<void>(path, { method: 'DELETE' });
}

/** The message to show a person for anything a call threw. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
