// Issue 14: "Upload a long-format file whose id column is `store`: the app proposes `store`,
// and the preview lists its 3 series." Then the person changes their mind: "none" is refused
// with the server's reason and the choice goes back; the same file uploaded again is shown,
// not stored twice; a file with several bad cells lists them all; an ordinary file says no warning.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserApp } from './browser-app.ts';
import type { BrowserApp } from './browser-app.ts';
import { text } from './plot-data.ts';

let env: BrowserApp;
beforeAll(async () => {
  env = await startBrowserApp();
});
afterAll(async () => {
  await env?.close();
});

const STORES = ['north', 'south', 'east'];

function storesCsv(): Buffer {
  const lines = ['date,store,sales'];
  for (let d = 0; d < 60; d++)
    for (const [s, store] of STORES.entries())
      lines.push(
        `${new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10)},${store},${100 * (s + 1) + (d % 7) * 3}`,
      );
  return Buffer.from(`${lines.join('\n')}\n`);
}

function dailyCsv(value: (i: number) => string): Buffer {
  const lines = ['date,sales'];
  for (let d = 0; d < 90; d++)
    lines.push(`${new Date(Date.UTC(2023, 0, 1 + d)).toISOString().slice(0, 10)},${value(d)}`);
  return Buffer.from(`${lines.join('\n')}\n`);
}

describe('long-format upload', () => {
  it('proposes store as the id column and lists its 3 series', async () => {
    const { page, problems } = await env.newPage();
    await page.goto(`${env.baseUrl}/`);
    await page.waitForSelector('#datasets-table');
    await page.setInputFiles('#file-input', {
      name: 'stores.csv',
      mimeType: 'text/csv',
      buffer: storesCsv(),
    });
    await page.waitForSelector('#preview-id');
    expect(await text(page, '#upload-status')).toBe(
      'Uploaded stores.csv: 180 rows. 3 series by store: check it in the preview.',
    );
    expect(await page.inputValue('#preview-id')).toBe('store');
    expect(await text(page, '#id-proposal')).toMatch(/column "store" splits the rows into series/);
    expect(await text(page, '#layout-series')).toBe('3 series by store: north, south, east.');
    const listed = await page.$$eval('#series-table tbody tr td:first-child', (cells) =>
      cells.map((c) => c.textContent),
    );
    expect(listed).toEqual(STORES);
    expect(
      await page.$$eval('#preview-series option', (o) => o.map((x) => (x as { value: string }).value)),
    ).toEqual(STORES);
    await env.screenshot(page, 'long-format-upload');

    // "none" would make one series with every date three times: the server says why, the choice goes back.
    await page.selectOption('#preview-id', '');
    await page.waitForSelector('#layout-status[data-kind="error"]');
    expect(await text(page, '#layout-status')).toMatch(
      /column "store" looks like a series id: use --id store/,
    );
    expect(await page.inputValue('#preview-id')).toBe('store');
    expect(problems().filter((p) => !p.includes('400'))).toEqual([]);
  });

  it('shows the dataset already stored when the same file comes again', async () => {
    const { page, problems } = await env.newPage();
    await page.goto(`${env.baseUrl}/`);
    await page.waitForSelector('#datasets-table');
    const before = await page.locator('#datasets-table tbody tr').count();
    await page.setInputFiles('#file-input', {
      name: 'stores copy.csv',
      mimeType: 'text/csv',
      buffer: storesCsv(),
    });
    await page.waitForSelector('#upload-status[data-kind="ok"]');
    expect(await text(page, '#upload-status')).toMatch(
      /^stores copy\.csv is identical to dataset \d+ \(stores\.csv\), already here: it is shown below rather than stored twice\.$/,
    );
    await page.waitForSelector('#preview-id');
    expect(await text(page, '#preview h3')).toBe('stores.csv');
    expect(await page.locator('#datasets-table tbody tr').count()).toBe(before);
    expect(problems()).toEqual([]);
  });

  it('an ordinary daily file gets no warning', async () => {
    const { page, problems } = await env.newPage();
    await page.goto(`${env.baseUrl}/`);
    await page.waitForSelector('#datasets-table');
    await page.setInputFiles('#file-input', {
      name: 'daily.csv',
      mimeType: 'text/csv',
      buffer: dailyCsv((d) => String(100 + (d % 7))),
    });
    await page.waitForSelector('#columns-table');
    expect(await text(page, '#upload-status')).toBe('Uploaded daily.csv: 90 rows.');
    expect(await text(page, '#warnings')).toBe('No warnings.');
    expect(await text(page, '#notes')).toBe('no target given: using "sales"');
    expect(problems()).toEqual([]);
  });

  it('lists every bad cell of a refused file, each with its line and column', async () => {
    const { page, problems } = await env.newPage();
    await page.goto(`${env.baseUrl}/`);
    await page.waitForSelector('#datasets-table');
    const bad = dailyCsv((d) => (d === 4 ? 'abc' : d === 40 ? 'n.a.' : d === 77 ? '7x' : String(d)));
    await page.setInputFiles('#file-input', { name: 'bad.csv', mimeType: 'text/csv', buffer: bad });
    await page.waitForSelector('#upload-status[data-kind="error"]');
    const shown = await text(page, '#upload-status');
    expect(shown.split('\n')).toEqual([
      'bad.csv was not added: bad.csv, line 6, column 2 ("sales"): "abc" is not a number. Fix the cell, or write it as empty or NA so the missing-value policy fills it.',
      'bad.csv, line 42, column 2 ("sales"): "n.a." is not a number.',
      'bad.csv, line 79, column 2 ("sales"): "7x" is not a number.',
      '3 problems in all.',
    ]);
    expect(problems().filter((p) => !p.includes('400'))).toEqual([]);
  });
});
