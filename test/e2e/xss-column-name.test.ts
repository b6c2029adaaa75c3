// A CSV whose column is named like an HTML payload must show as text everywhere the
// pages print it (list, preview tables, selects, chart labels) and never run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserApp } from './browser-app.ts';
import type { BrowserApp } from './browser-app.ts';
import { plotted, text } from './plot-data.ts';

const PAYLOAD = '<img src=x onerror=alert(1)>';
const FILE_NAME = '<b onmouseover=alert(2)>bold.csv';

function payloadCsv(): Buffer {
  const lines = [`date,${PAYLOAD}`];
  for (let day = 0; day < 60; day++) {
    const date = new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10);
    lines.push(`${date},${(10 + Math.sin(day / 3) * 4).toFixed(3)}`);
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

let env: BrowserApp;
beforeAll(async () => {
  env = await startBrowserApp();
});
afterAll(async () => {
  await env?.close();
});

describe('a column named like markup', () => {
  it('is shown as text in the preview and never becomes an element', async () => {
    const { page, problems } = await env.newPage();
    await page.goto(`${env.baseUrl}/`);
    // The file name carries markup too (no slash: the server keeps only a path's last part).
    await page.setInputFiles('#file-input', { name: FILE_NAME, mimeType: 'text/csv', buffer: payloadCsv() });
    await page.waitForSelector('#columns-table');

    const columnCells = await page.locator('#columns-table tbody td:first-child').allTextContents();
    expect(columnCells).toContain(PAYLOAD);
    expect(await page.locator('#preview-column option').allTextContents()).toEqual([PAYLOAD]);
    await page.waitForSelector('#summary-table');
    expect(await page.locator('#summary-table tbody td:first-child').allTextContents()).toEqual([PAYLOAD]);
    expect(await text(page, '#upload-status')).toContain(FILE_NAME);
    expect(await page.locator('#dataset-list button', { hasText: FILE_NAME }).count()).toBe(1);
    expect(await page.locator('#dataset-list b').count()).toBe(0);

    // Plotly reads labels as HTML-ish text: the page escapes them, so the trace keeps the name.
    await expect.poll(async () => (await plotted(page, '#preview-chart')).length).toBe(1);
    expect(await page.locator('#preview-chart .ytitle').textContent()).toBe(PAYLOAD);

    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('img').count()).toBe(0);
    await env.screenshot(page, 'xss-preview');
    expect(problems()).toEqual([]);
  });
});
