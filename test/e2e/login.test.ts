// Signing in to a server started with a token, in real Chromium: a page asks for the login
// page, a wrong token is said to be wrong, the right one leads back to the page asked for,
// and the datasets page then lists and uploads (the browser's own Origin and Sec-Fetch-Site
// pass the cross-site check). A session lost mid-visit leads back to the login page. And
// the two attacks of the issue, from a browser: a hostile page's cross-site upload, and a
// DNS-rebound name (Chromium's host resolver maps attacker.example to the server).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../support/test-server.ts';
import type { TestServer } from '../support/test-server.ts';
import { CHROMIUM, CHROMIUM_ARGS } from './browser-app.ts';
import { text } from './plot-data.ts';

const TOKEN = 'e2e-token-fedcba9876543210';
let server: TestServer;
let browser: Browser;
let dir: string;

beforeAll(async () => {
  server = await startTestServer({ accessToken: TOKEN });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  dir = mkdtempSync(join(tmpdir(), 'recurrent-login-'));
});
afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A fresh browser context (no cookies) and a page that records script and console errors. */
async function newPage(): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  return { page, problems };
}

async function signIn(page: Page, token: string): Promise<void> {
  await page.fill('#token', token);
  await Promise.all([page.waitForNavigation(), page.click('#sign-in')]);
}

describe('signing in', () => {
  it('sends a page to the login page, refuses a wrong token, then opens the page asked for', async () => {
    const { page, problems } = await newPage();
    await page.goto(`${server.url}/runs.html`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/runs.html');
    expect(await page.title()).toBe('Sign in · Recurrent');

    await signIn(page, 'wrong-token');
    await page.waitForSelector('#login-status[data-kind="error"]');
    expect(await text(page, '#login-status')).toBe('That token is not right: check it and try again.');

    await signIn(page, TOKEN);
    expect(new URL(page.url()).pathname).toBe('/runs.html');
    await page.waitForSelector('#models .hint');
    expect(await text(page, '#models')).toMatch(/No models yet/);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('after signing in, the datasets page lists the datasets and takes an upload', async () => {
    const { page, problems } = await newPage();
    await page.goto(`${server.url}/`);
    await signIn(page, TOKEN);
    expect(new URL(page.url()).pathname).toBe('/');
    await page.waitForSelector('#datasets-table');
    expect(await page.locator('#datasets-table tbody tr').count()).toBeGreaterThanOrEqual(5);

    const csv = join(dir, 'after-login.csv');
    const rows = Array.from({ length: 40 }, (_, i) => `2024-01-${String(i + 1).padStart(2, '0')},${i % 7}`);
    writeFileSync(csv, `date,value\n${rows.slice(0, 31).join('\n')}\n`);
    await page.setInputFiles('#file-input', csv);
    await page.waitForSelector('#upload-status[data-kind="ok"]');
    expect(await text(page, '#upload-status')).toMatch(/^Uploaded after-login\.csv: 31 rows/);

    // Once signed in, the login page itself goes straight on to where it was asked to.
    await page.goto(`${server.url}/login?next=%2Fexample.html`);
    await page.waitForURL(`${server.url}/example.html`);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('leads back to the login page when the session is lost during a visit', async () => {
    const { page } = await newPage();
    await page.goto(`${server.url}/`);
    await signIn(page, TOKEN);
    await page.waitForSelector('#datasets-table');
    await page.context().clearCookies();
    await page.click('#datasets-table tbody tr:nth-child(2) button');
    await page.waitForURL(/\/login\?next=/);
    expect(new URL(page.url()).searchParams.get('next')).toMatch(/^\/(\?dataset=\d+)?$/);
    await signIn(page, TOKEN);
    await page.waitForSelector('#datasets-table');
    await page.context().close();
  });
});

/** The hostile page's script: posts a multipart form with a planted CSV to `target`. */
const forgeUpload = (target: string) => `(() => {
  const form = document.createElement('form');
  form.method = 'post';
  form.enctype = 'multipart/form-data';
  form.action = ${JSON.stringify(target)};
  const input = document.createElement('input');
  input.type = 'file';
  input.name = 'file';
  const files = new DataTransfer();
  files.items.add(new File(['date,value\\n2024-01-01,1\\n2024-01-02,2\\n'], 'planted.csv'));
  input.files = files.files;
  form.append(input);
  document.body.append(form);
  form.submit();
})()`;

describe('a hostile page in the same browser', () => {
  it('cannot upload to the server cross-site (403), and nothing is stored', async () => {
    const { page } = await newPage();
    await page.goto(`${server.url}/`);
    await signIn(page, TOKEN);
    // The hostile site: another origin (localhost is another site than 127.0.0.1).
    const hostile: Server = await new Promise((resolve) => {
      const s = createServer((_req, res) => {
        res.setHeader('content-type', 'text/html');
        res.end('<!doctype html><title>hostile</title><p>nothing to see</p>');
      });
      s.listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      const port = (hostile.address() as AddressInfo).port;
      await page.goto(`http://localhost:${port}/`);
      // The classic forgery: a multipart form posted to the server (no preflight), its file
      // set by script; the browser navigates to the answer.
      const answered = page.waitForResponse((r) => r.url() === `${server.url}/api/datasets`);
      await page.evaluate(forgeUpload(`${server.url}/api/datasets`));
      const response = await answered;
      expect(response.status()).toBe(403);
      expect(await response.text()).toMatch(/refused a cross-site POST/);
    } finally {
      await new Promise((resolve) => hostile.close(resolve));
    }
    const list = (await (
      await fetch(`${server.url}/api/datasets`, { headers: { authorization: `Bearer ${TOKEN}` } })
    ).json()) as { datasets: { name: string }[] };
    expect(list.datasets.map((d) => d.name)).not.toContain('planted.csv');
    await page.context().close();
  });

  it('reaches nothing under a DNS-rebound name: 421', async () => {
    const port = new URL(server.url).port;
    const rebound = await chromium.launch({
      executablePath: CHROMIUM,
      args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP attacker.example 127.0.0.1'],
    });
    try {
      const page = await rebound.newPage();
      for (const path of ['/api/health', '/login']) {
        const response = await page.goto(`http://attacker.example:${port}${path}`);
        expect(response?.status(), path).toBe(421);
        expect(await page.textContent('body')).toMatch(/does not answer to Host \\"attacker\.example:\d+\\"/);
      }
    } finally {
      await rebound.close();
    }
  });
});
