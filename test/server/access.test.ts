// Access to the real app over real HTTP: the shared token (bearer header or the login
// page's cookie), the Host allow-list against DNS rebinding, and the refusal of cross-site
// writes. Requests that set Host, Origin or Sec-Fetch-Site go through node:http, which
// sends headers exactly as given.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/server/access/session-cookie.ts';
import { datasetListResponseSchema, trainingResponseSchema } from '../../src/server/wire.ts';
import { startTestServer } from '../support/test-server.ts';
import type { TestServer } from '../support/test-server.ts';
import { getJson, waitForTraining } from '../support/wire-json.ts';

const TOKEN = 'test-token-0123456789abcdef';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** One request with exactly these headers (fetch would set Host and may drop Origin). */
function raw(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A multipart upload of one small CSV, serialised as a browser would send it. */
async function csvUpload(name: string): Promise<{ body: Buffer; type: string }> {
  const form = new FormData();
  form.append('file', new Blob(['date,value\n2024-01-01,1\n2024-01-02,2\n2024-01-03,3\n']), name);
  const serialised = new Response(form);
  return {
    body: Buffer.from(await serialised.arrayBuffer()),
    type: serialised.headers.get('content-type') ?? '',
  };
}

const errorOf = (r: RawResponse) => (JSON.parse(r.text) as { error: string }).error;

/** Signs in as the login page’s form does: the token as a form field, `next` in the query. */
async function signIn(url: string, token: string, next = '/'): Promise<RawResponse> {
  return raw(`${url}/login?next=${encodeURIComponent(next)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token }).toString(),
  });
}

function sessionCookie(r: RawResponse): string {
  const cookies = (r.headers['set-cookie'] ?? []) as string[];
  const cookie = cookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (cookie === undefined) throw new Error(`no session cookie in ${JSON.stringify(cookies)}`);
  return cookie;
}

describe('with RECURRENT_TOKEN set', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ accessToken: TOKEN, datasetsDir: null });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('answers /api/datasets without the token with a 401 in the API’s error shape', async () => {
    const r = await raw(`${server.url}/api/datasets`);
    expect(r.status).toBe(401);
    expect(r.headers['www-authenticate']).toBe('Bearer realm="recurrent"');
    expect(errorOf(r)).toMatch(/needs its access token: send "Authorization: Bearer <token>"/);
    const wrong = await raw(`${server.url}/api/datasets`, { headers: { authorization: `Bearer ${TOKEN}x` } });
    expect(wrong.status).toBe(401);
  });

  it('answers with the bearer token', async () => {
    await getJson(
      datasetListResponseSchema,
      fetch(`${server.url}/api/datasets`, { headers: { authorization: `Bearer ${TOKEN}` } }),
    );
  });

  it('signs in at /login: an HttpOnly, SameSite=Strict cookie that is not the token, then 200', async () => {
    const login = await signIn(server.url, TOKEN, '/runs.html?x=1');
    expect(login.status).toBe(303);
    expect(login.headers.location).toBe('/runs.html?x=1');
    const cookie = sessionCookie(login);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).not.toContain(TOKEN);
    const value = cookie.split(';')[0] ?? '';
    await getJson(
      datasetListResponseSchema,
      fetch(`${server.url}/api/datasets`, { headers: { cookie: value } }),
    );
    expect((await raw(`${server.url}/runs.html`, { headers: { cookie: value } })).status).toBe(200);
    expect((await raw(`${server.url}/login/session`, { headers: { cookie: value } })).text).toBe(
      '{"signedIn":true}',
    );
  });

  it('refuses a wrong token at /login and a forged or tampered cookie', async () => {
    const login = await signIn(server.url, 'not-the-token', '/runs.html');
    expect(login.status).toBe(303);
    expect(login.headers.location).toBe('/login?failed=1&next=%2Fruns.html');
    expect(login.headers['set-cookie']).toBeUndefined();
    const good = (sessionCookie(await signIn(server.url, TOKEN)).split(';')[0] ?? '').split('=')[1] ?? '';
    const parts = good.split('.');
    const forged = [
      `${SESSION_COOKIE}=${TOKEN}`,
      `${SESSION_COOKIE}=${parts[0]}.${Number(parts[1]) + 1}.${parts[2]}.${parts[3]}`,
      `${SESSION_COOKIE}=${good.slice(0, -2)}AA`,
    ];
    for (const cookie of forged)
      expect((await raw(`${server.url}/api/datasets`, { headers: { cookie } })).status, cookie).toBe(401);
    expect((await raw(`${server.url}/login/session`)).text).toBe('{"signedIn":false}');
  });

  it('sends pages to the login page, and only to a path on this server afterwards', async () => {
    for (const path of ['/', '/runs.html?x=1', '/model.html?id=3', '/assets/datasets.js']) {
      const r = await raw(`${server.url}${path}`);
      expect(r.status, path).toBe(303);
      expect(r.headers.location, path).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
    const page = await raw(`${server.url}/login?next=%2Fruns.html`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<form id="login-form"');
    for (const next of ['//evil.example/x', 'http://evil.example/', '/\\evil.example', '/login'])
      expect((await signIn(server.url, TOKEN, next)).headers.location, next).toBe('/');
  });

  it('serves what the login page loads, and /api/health, without the token', async () => {
    for (const path of ['/style.css', '/assets/login.js', '/api/health'])
      expect((await raw(`${server.url}${path}`)).status, path).toBe(200);
  });

  it('logs out by clearing the cookie', async () => {
    const r = await raw(`${server.url}/logout`, { method: 'POST' });
    expect(r.status).toBe(303);
    expect(sessionCookie(r)).toMatch(/^recurrent_session=; Max-Age=0;/);
  });
});

describe('Host allow-list and cross-site writes (no token)', () => {
  let server: TestServer;
  let port: string;
  beforeAll(async () => {
    server = await startTestServer({ allowedHosts: ['forecast.example.com'] });
    await server.app.ready;
    port = new URL(server.url).port;
  });
  afterAll(async () => {
    await server?.stop();
  });

  const datasetNames = async () =>
    (await getJson(datasetListResponseSchema, fetch(`${server.url}/api/datasets`))).datasets.map(
      (d) => d.name,
    );

  it('answers 421 to a Host it does not serve (DNS rebinding), with the reason', async () => {
    for (const host of ['attacker.example', `attacker.example:${port}`, 'evil.example@localhost'])
      for (const path of ['/api/datasets', '/', '/api/health']) {
        const r = await raw(`${server.url}${path}`, { headers: { host } });
        expect(r.status, `${host} ${path}`).toBe(421);
        expect(errorOf(r)).toMatch(/this server does not answer to Host ".*"; .*RECURRENT_ALLOWED_HOSTS/);
      }
  });

  it('answers localhost names on any port and the allowed hosts', async () => {
    for (const host of [
      `localhost:${port}`,
      `127.0.0.1:${port}`,
      `[::1]:${port}`,
      'LOCALHOST.',
      'forecast.example.com',
    ])
      expect((await raw(`${server.url}/api/health`, { headers: { host } })).status, host).toBe(200);
  });

  it('refuses a cross-site multipart upload (403) and stores nothing', async () => {
    const before = await datasetNames();
    const { body, type } = await csvUpload('cross-site.csv');
    const crossSite: Record<string, string>[] = [
      { origin: 'http://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site', origin: `http://localhost:${port}` },
      { origin: 'null' },
    ];
    for (const headers of crossSite) {
      const r = await raw(`${server.url}/api/datasets`, {
        method: 'POST',
        headers: { ...headers, 'content-type': type },
        body,
      });
      expect(r.status, JSON.stringify(headers)).toBe(403);
      expect(errorOf(r)).toMatch(/^refused a cross-site POST: /);
    }
    // Another port of this very host is another origin too (another local web app).
    const otherPort = await raw(`${server.url}/api/datasets`, {
      method: 'POST',
      headers: { origin: 'http://127.0.0.1:1', 'content-type': type },
      body,
    });
    expect(otherPort.status).toBe(403);
    expect(await datasetNames()).toEqual(before);
  });

  it('accepts the same upload from its own origin and from a script with no Origin', async () => {
    const own = await csvUpload('same-origin.csv');
    const fromPage = await raw(`${server.url}/api/datasets`, {
      method: 'POST',
      headers: { origin: server.url, 'sec-fetch-site': 'same-origin', 'content-type': own.type },
      body: own.body,
    });
    expect(fromPage.status, fromPage.text).toBe(201);
    const script = await csvUpload('from-script.csv');
    const fromScript = await raw(`${server.url}/api/datasets`, {
      method: 'POST',
      headers: { 'content-type': script.type },
      body: script.body,
    });
    expect(fromScript.status, fromScript.text).toBe(201);
    expect(await datasetNames()).toEqual(expect.arrayContaining(['same-origin.csv', 'from-script.csv']));
  });

  it('refuses a cross-site POST /api/trainings/:id/cancel, which cancels nothing', async () => {
    const list = await getJson(datasetListResponseSchema, fetch(`${server.url}/api/datasets`));
    const sp500 = list.datasets.find((d) => d.name === 'sp500-2000.csv');
    const started = await getJson(
      trainingResponseSchema,
      fetch(`${server.url}/api/trainings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          datasetId: sp500?.id,
          target: 'close',
          horizonSteps: 5,
          maxEpochs: 500,
          patienceEpochs: 500,
          hiddenSize: 8,
        }),
      }),
      202,
    );
    const id = started.training.id;
    // Cancelled only once an epoch has ended, as the trainings tests do: there are best weights to keep.
    const stream = await fetch(`${server.url}/api/trainings/${id}/events`);
    const reader = stream.body?.getReader();
    let seen = '';
    while (reader && !seen.includes('event: epoch'))
      seen += new TextDecoder().decode((await reader.read()).value);
    await reader?.cancel();
    const crossSite = await raw(`${server.url}/api/trainings/${id}/cancel`, {
      method: 'POST',
      headers: { origin: 'http://evil.example' },
    });
    expect(crossSite.status).toBe(403);
    expect(errorOf(crossSite)).toMatch(/Origin "http:\/\/evil\.example" is another site/);
    const { training } = await getJson(trainingResponseSchema, fetch(`${server.url}/api/trainings/${id}`));
    expect(['queued', 'running']).toContain(training.status);
    // The same request from the app's own page is the one that cancels.
    const own = await raw(`${server.url}/api/trainings/${id}/cancel`, {
      method: 'POST',
      headers: { origin: server.url },
    });
    expect(own.status).toBe(202);
    expect((await waitForTraining(server.url, id)).status).toBe('cancelled');
  });

  it('leaves pages and the API open when no token is set; /login sends the person on', async () => {
    expect((await raw(`${server.url}/`)).status).toBe(200);
    expect((await raw(`${server.url}/api/datasets`)).status).toBe(200);
    const login = await raw(`${server.url}/login?next=%2Fruns.html`);
    expect(login.status).toBe(303);
    expect(login.headers.location).toBe('/runs.html');
  });
});
