// Issue 12: "The web app in Chromium: upload the long-format file, train globally, pick a
// series, and the chart shows it." Three stores a hundred-fold apart in scale are uploaded
// through the page; one network is trained on all three from the training form; the ranked
// table lists each store with its validation MASE; each store's results page has a picker
// of the three, and picking another store charts that store's own values.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserApp } from './browser-app.ts';
import type { BrowserApp } from './browser-app.ts';
import { plotted, text } from './plot-data.ts';

let env: BrowserApp;
beforeAll(async () => {
  env = await startBrowserApp();
});
afterAll(async () => {
  await env?.close();
});

const STORES = ['north', 'south', 'east'];
/** True once Plotly has drawn the results chart (it keeps its traces on the div). */
const CHART_DRAWN = "document.getElementById('model-chart')?.data?.length > 0";
const DAYS = 150;

/** Store s's sales on day d: a weekly pattern and a slow trend, at 10, 1,000 or 100,000. */
const sales = (s: number, d: number) =>
  10 ** (1 + 2 * s) * (5 + [0, 2, 3, 3, 4, 9, 7][d % 7]! + d / 50 + ((d * 7 + s) % 3) / 10);

function storesCsv(): Buffer {
  const lines = ['date,store,sales'];
  for (let d = 0; d < DAYS; d++)
    for (const [s, store] of STORES.entries())
      lines.push(
        `${new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10)},${store},${sales(s, d).toFixed(2)}`,
      );
  return Buffer.from(`${lines.join('\n')}\n`);
}

describe('one model on all series, in the browser', () => {
  it('uploads the long-format file, trains one network on all three stores, and charts the store picked', async () => {
    const { page, problems } = await env.newPage();
    await page.goto(`${env.baseUrl}/`);
    await page.waitForSelector('#datasets-table');
    await page.setInputFiles('#file-input', {
      name: 'three-stores.csv',
      mimeType: 'text/csv',
      buffer: storesCsv(),
    });
    await page.waitForSelector('#preview-id');
    expect(await page.inputValue('#preview-id')).toBe('store');
    const { datasets } = (await (await fetch(`${env.baseUrl}/api/datasets`)).json()) as {
      datasets: { id: number; name: string }[];
    };
    const dataset = datasets.find((d) => d.name === 'three-stores.csv')!;

    await page.goto(`${env.baseUrl}/train.html?dataset=${dataset.id}`);
    await page.waitForSelector('#train-form[data-defaults="loaded"]');
    expect(await text(page, '#train-global')).toBe('Train one model on all 3 series');
    // Small and seeded, so the global fit takes seconds.
    await page.fill('#horizon', '7');
    await page.click('#advanced-settings summary');
    await page.fill('#epochs', '5');
    await page.fill('#hidden-size', '8');
    await page.fill('#seed', '7');
    await page.click('#train-global');
    await page.waitForSelector('#all-series[data-state="done"]', { timeout: 240_000 });
    // One training ran, followed live as any training is.
    expect(await page.isVisible('#progress')).toBe(true);
    expect(await text(page, '#all-series-status')).toMatch(/^One network forecasts 3 series: best first/);
    expect(await text(page, '#all-series-table caption')).toMatch(/validation values/);
    const rows = page.locator('#all-series-table tbody tr');
    expect((await rows.locator('th').allTextContents()).sort()).toEqual([...STORES].sort());
    const mase = (await rows.locator('td:nth-child(3)').allTextContents()).map(Number);
    expect(mase.every(Number.isFinite)).toBe(true);
    expect([...mase].sort((a, b) => a - b)).toEqual(mase); // best first
    await env.screenshot(page, 'train-global');

    // Each store's results page: the picker lists the three, on this store.
    const northHref = await rows.filter({ hasText: 'north' }).locator('a').getAttribute('href');
    await page.goto(`${env.baseUrl}${northHref}`);
    await page.waitForSelector('#series-picker');
    expect(await text(page, '#global-series')).toMatch(
      /^One network, trained on 3 series of this dataset, forecasts this one/,
    );
    expect(await page.locator('#series-picker option').allTextContents()).toEqual(STORES);
    expect(await page.inputValue('#series-picker')).toBe(northHref!.split('=')[1]);
    await page.waitForFunction(CHART_DRAWN);
    const lastActual = async () => {
      const actual = (await plotted(page, '#model-chart')).find((t) => t.name === 'actual')!;
      return actual.y.at(-1);
    };
    expect(await lastActual()).toBeCloseTo(sales(0, DAYS - 1), 2);

    // Picking east opens east's page, and the chart shows east's values (10⁴ times north's).
    const eastId = await page.locator('#series-picker option', { hasText: 'east' }).getAttribute('value');
    await Promise.all([
      page.waitForURL(`${env.baseUrl}/model.html?id=${eastId}`),
      page.selectOption('#series-picker', { label: 'east' }),
    ]);
    await page.waitForSelector('#series-picker');
    await page.waitForFunction(CHART_DRAWN);
    expect(await page.locator('#series-picker option:checked').textContent()).toBe('east');
    expect(await lastActual()).toBeCloseTo(sales(2, DAYS - 1), 0);
    const forecast = (await plotted(page, '#model-chart')).find((t) => /forecast/.test(t.name))!;
    for (const y of forecast.y) expect(y! / sales(2, DAYS - 1)).toBeGreaterThan(0.3);
    await env.screenshot(page, 'model-global-series');
    expect(problems()).toEqual([]);
  }, 300_000);
});
