// The training form as an analyst meets it, in Debian Chromium against the real app: the
// two questions up front (what to forecast, how far ahead) with everything else folded
// under "Advanced", defaults an analyst means (sp500's close, four weeks of daily data),
// and "Forecast all series" on a long-format file ending in a table that ranks the series.
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

async function datasetId(name: string): Promise<number> {
  const { datasets } = (await (await fetch(`${env.baseUrl}/api/datasets`)).json()) as {
    datasets: { id: number; name: string }[];
  };
  const found = datasets.find((d) => d.name === name);
  if (!found) throw new Error(`no bundled dataset ${name}`);
  return found.id;
}

/** Records every value the progress bar takes. */
const RECORD_BAR = `(() => {
  const bar = document.getElementById('epoch-bar');
  window.__barValues = [];
  new MutationObserver(() => window.__barValues.push(bar.value)).observe(bar, { attributes: true });
})()`;

/** Three shops' daily sales in long format; the id column is `series`, so ingestion splits it. */
function threeShops(): string {
  const rows = ['date,series,sales'];
  const start = Date.UTC(2024, 0, 1);
  for (const [k, shop] of ['harbour', 'market', 'station'].entries())
    for (let d = 0; d < 120; d++) {
      const weekly = [0, 2, 3, 3, 4, 9, 7][d % 7] ?? 0;
      const value = 20 + 10 * k + (k + 1) * weekly + ((d * 37 + k * 11) % 5);
      rows.push(`${new Date(start + d * 86_400_000).toISOString().slice(0, 10)},${shop},${value}`);
    }
  return `${rows.join('\n')}\n`;
}

describe('the training form', () => {
  it('asks for target and horizon, folds the rest under Advanced, and proposes sp500’s close', async () => {
    const { page, problems } = await env.newPage();
    await page.goto(`${env.baseUrl}/train.html?dataset=${await datasetId('sp500-2000.csv')}`);
    await page.waitForSelector('#train-form[data-defaults="loaded"]');
    expect(await page.inputValue('#target')).toBe('close');
    expect(await page.isVisible('#target')).toBe(true);
    expect(await page.isVisible('#horizon')).toBe(true);
    expect(await page.inputValue('#horizon')).toBe('5'); // a week of business days
    expect(await page.getAttribute('#advanced-settings', 'open')).toBeNull();
    for (const folded of ['#epochs', '#hidden-size', '#window', '#cell', '#time', '#setting-strategy'])
      expect(await page.isVisible(folded), folded).toBe(false);
    await page.click('#advanced-settings summary');
    expect(await page.isVisible('#epochs')).toBe(true);
    expect(await page.isVisible('#forecast-all')).toBe(false); // one series: nothing to forecast "all" of
    await env.screenshot(page, 'train-form');
    expect(problems()).toEqual([]);
  });

  it('proposes four weeks ahead for daily data', async () => {
    const { page, problems } = await env.newPage();
    await page.goto(`${env.baseUrl}/train.html?dataset=${await datasetId('seattle-weather.csv')}`);
    await page.waitForSelector('#train-form[data-defaults="loaded"]');
    expect(await page.inputValue('#horizon')).toBe('28');
    expect(problems()).toEqual([]);
  });

  it('shows one bar for the whole fit, one elapsed time, and names the candidate kept', async () => {
    const { page, problems } = await env.newPage();
    await page.goto(`${env.baseUrl}/train.html?dataset=${await datasetId('seattle-weather.csv')}`);
    await page.waitForSelector('#train-form[data-defaults="loaded"]');
    await page.fill('#horizon', '7');
    await page.click('#advanced-settings summary');
    await page.fill('#epochs', '3');
    await page.fill('#patience', '100');
    await page.fill('#hidden-size', '4');
    await page.fill('#seed', '7');
    await page.evaluate(RECORD_BAR);
    await page.click('#start');
    await page.waitForSelector('#kept-line:not([hidden])', { timeout: 120_000 });
    const values = (await page.evaluate('window.__barValues')) as number[];
    expect(values.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]!);
    expect(values.at(-1)).toBe(1);

    const trainingId = Number(new URL(page.url()).searchParams.get('training'));
    const { training } = (await (await fetch(`${env.baseUrl}/api/trainings/${trainingId}`)).json()) as {
      training: { modelId: number; wallMs: number };
    };
    const { model } = (await (await fetch(`${env.baseUrl}/api/models/${training.modelId}`)).json()) as {
      model: { leaderboard: { kept: string } };
    };
    expect(await text(page, '#kept-line')).toBe(`kept: ${model.leaderboard.kept}`);
    // The loss chart's text alternative follows the training.
    expect(await text(page, '#loss-summary')).toMatch(
      /^Training and validation loss per epoch .*Latest: epoch \d+/,
    );
    // The elapsed time shown at the end is the run's own, the one the runs list shows.
    const seconds = Math.round(training.wallMs / 1000);
    await expect
      .poll(() => text(page, '#elapsed'))
      .toBe(training.wallMs < 1000 ? `${Math.round(training.wallMs)} ms` : `${seconds} s`);
    await env.screenshot(page, 'train-kept');
    expect(problems()).toEqual([]);
  });

  it('forecasts all series of a long-format file and ranks them, each linking to its model', async () => {
    const form = new FormData();
    form.append('file', new Blob([threeShops()], { type: 'text/csv' }), 'shops.csv');
    const upload = await fetch(`${env.baseUrl}/api/datasets`, { method: 'POST', body: form });
    expect(upload.status).toBe(201);
    const { dataset } = (await upload.json()) as { dataset: { id: number } };

    const { page, problems } = await env.newPage();
    await page.goto(`${env.baseUrl}/train.html?dataset=${dataset.id}`);
    await page.waitForSelector('#train-form[data-defaults="loaded"]');
    expect(await page.inputValue('#target')).toBe('sales');
    expect(await page.locator('#series option').allTextContents()).toEqual(['harbour', 'market', 'station']);
    expect(await text(page, '#forecast-all')).toBe('Forecast all 3 series');
    // Small and seeded, so three trainings take seconds.
    await page.fill('#horizon', '7');
    await page.click('#advanced-settings summary');
    await page.fill('#epochs', '3');
    await page.fill('#patience', '100');
    await page.fill('#hidden-size', '4');
    await page.fill('#seed', '7');
    await page.click('#forecast-all');
    await page.waitForSelector('#all-series[data-state="done"]', { timeout: 240_000 });

    const rows = page.locator('#all-series-table tbody tr');
    expect(await rows.count()).toBe(3);
    expect((await rows.locator('th').allTextContents()).sort()).toEqual(['harbour', 'market', 'station']);
    expect(await rows.locator('td:first-child').allTextContents()).toEqual(['1', '2', '3']);
    const mase = (await rows.locator('td:nth-child(3)').allTextContents()).map(Number);
    expect(mase.every(Number.isFinite)).toBe(true);
    expect([...mase].sort((a, b) => a - b)).toEqual(mase); // best first
    const links = await rows.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(links).toHaveLength(3);
    for (const href of links) expect(href).toMatch(/^\/model\.html\?id=\d+$/);
    await env.screenshot(page, 'train-all-series');
    expect(problems()).toEqual([]);
  });
});
