// The server's own error messages reach the person: a broken CSV names its line and
// column on the Datasets page, and an invalid training form marks the fields at fault.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startBrowserApp } from './browser-app.ts';
import type { BrowserApp } from './browser-app.ts';
import { text } from './plot-data.ts';

let env: BrowserApp;
beforeAll(async () => {
  env = await startBrowserApp();
});
afterAll(async () => {
  await env?.close();
});

describe('error messages in the pages', () => {
  it('shows why an upload was refused', async () => {
    const { page, problems } = await env.newPage();
    await page.goto(`${env.baseUrl}/`);
    await page.waitForSelector('#datasets-table');
    const before = await page.locator('#datasets-table tbody tr').count();
    await page.setInputFiles('#file-input', join(ROOT, 'test', 'fixtures', 'ragged-rows.csv'));
    await page.waitForSelector('#upload-status[data-kind="error"]');
    expect(await text(page, '#upload-status')).toMatch(
      /ragged-rows\.csv was not added: ragged-rows\.csv, line 4, column 4: this row has 4 fields/,
    );
    expect(await page.locator('#datasets-table tbody tr').count()).toBe(before);
    // The failed upload answers 400; the browser logs that as a console error, which is expected here.
    expect(problems().filter((p) => !p.includes('400'))).toEqual([]);
  });

  it('marks invalid training fields with the server’s messages', async () => {
    const { page, problems } = await env.newPage();
    const { datasets } = (await (await fetch(`${env.baseUrl}/api/datasets`)).json()) as {
      datasets: { id: number; name: string }[];
    };
    const weather = datasets.find((d) => d.name === 'seattle-weather.csv')!;
    await page.goto(`${env.baseUrl}/train.html?dataset=${weather.id}`);
    await page.waitForSelector('#train-form[data-defaults="loaded"]');
    await page.fill('#horizon', '0');
    await page.click('#advanced-settings summary');
    await page.fill('#hidden-size', '9999');
    await page.click('#start');
    await page.waitForSelector('#page-status[data-kind="error"]');
    expect(await text(page, '#page-status')).toMatch(/^invalid training request: horizonSteps/);
    expect(await text(page, '[data-field="horizon"] .field-error')).toMatch(/whole number from 1 to 10000/);
    expect(await text(page, '[data-field="hidden-size"] .field-error')).toMatch(/whole number from 1 to 512/);
    expect(await text(page, '[data-field="window"] .field-error')).toBe('');
    expect(await page.isEnabled('#start')).toBe(true); // the person can fix and retry
    expect(await page.isHidden('#progress')).toBe(true);
    expect(problems().filter((p) => !p.includes('400'))).toEqual([]);
  });
});
