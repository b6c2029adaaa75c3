// Shared by the browser tests: the real app (createApp on a temporary SQLite file, on a
// free port) and headless Debian Chromium driven by playwright-core, with every page
// failing loudly on a script error, a blocked resource or a dialog (an XSS alert).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { createApp } from '../../src/server/app.ts';
import type { RecurrentApp } from '../../src/server/app.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SCREENSHOTS = join(ROOT, 'test-output', 'screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface BrowserApp {
  app: RecurrentApp;
  baseUrl: string;
  browser: Browser;
  /** A fresh page; problems() lists what went wrong on it so far. */
  newPage(): Promise<{ page: Page; problems: () => string[] }>;
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

export async function startBrowserApp(): Promise<BrowserApp> {
  const dir = mkdtempSync(join(tmpdir(), 'recurrent-e2e-'));
  const app = createApp({ dbPath: join(dir, 'recurrent.db'), trainingConcurrency: 2 });
  await app.ready;
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  mkdirSync(SCREENSHOTS, { recursive: true });

  return {
    app,
    baseUrl,
    browser,
    async newPage() {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.setDefaultTimeout(60_000); // npm test runs other suites beside this one on few cores
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
      page.on('dialog', (d) => {
        problems.push(`dialog (${d.type()}): ${d.message()}`);
        void d.dismiss();
      });
      page.on('console', (m) => {
        if (m.type() === 'error' && !/favicon/.test(m.text())) problems.push(`console error: ${m.text()}`);
      });
      page.on('requestfailed', (r) => {
        if (r.failure()?.errorText !== 'net::ERR_ABORTED')
          problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`);
      });
      return { page, problems: () => [...problems] };
    },
    async screenshot(page, name) {
      const path = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await browser.close().catch(() => undefined);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.shutdown();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
