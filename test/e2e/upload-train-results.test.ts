// The analyst's path through the real app in a real browser: upload seattle-weather.csv,
// preview it, train a small model on temp_max while the loss chart grows, read the
// results page (actuals vs one-step predictions, forecast, metrics), then Models & runs.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ROOT, startBrowserApp } from './browser-app.ts';
import type { BrowserApp } from './browser-app.ts';
import { plotted, text } from './plot-data.ts';

const CSV = join(ROOT, 'datasets', 'seattle-weather.csv');

let env: BrowserApp;
beforeAll(async () => {
  env = await startBrowserApp();
});
afterAll(async () => {
  await env?.close();
});

/** Records the loss chart's point count after every DOM change Plotly makes to it. */
const RECORD_LOSS_POINTS = `(() => {
  const div = document.getElementById('loss-chart');
  window.__lossPoints = [];
  new MutationObserver(() => {
    const n = div.data && div.data[0] ? div.data[0].x.length : 0;
    const seen = window.__lossPoints;
    if (seen[seen.length - 1] !== n) seen.push(n);
  }).observe(div, { childList: true, subtree: true, attributes: true });
})()`;

/** Zooms a Plotly chart to the middle third of its x range, as a drag-zoom would. */
const zoomMiddle = (selector: string) => `(() => {
  const div = document.querySelector(${JSON.stringify(selector)});
  const xs = div.data[0].x.map(Number);
  const a = xs[0], b = xs[xs.length - 1];
  return Plotly.relayout(div, { 'xaxis.range': [a + (b - a) / 3, a + 2 * (b - a) / 3] }).then(() => true);
})()`;

async function trainOnTemperature(page: Page, epochs: string, patience: string): Promise<void> {
  await page.waitForSelector('#train-form[data-defaults="loaded"]');
  await page.selectOption('#target', 'temp_max');
  await page.waitForSelector('#train-form[data-defaults="loaded"]');
  expect(await page.locator('#target option').allTextContents()).toEqual([
    'precipitation',
    'temp_max',
    'temp_min',
    'wind',
  ]);
  // Everything but target and horizon is folded under "Advanced".
  await page.click('#advanced-settings summary');
  await page.fill('#epochs', epochs);
  await page.fill('#patience', patience);
  await page.fill('#hidden-size', '8');
  await page.fill('#window', '14');
  await page.fill('#horizon', '7');
  await page.selectOption('#cell', 'gru');
  await page.evaluate(RECORD_LOSS_POINTS);
  await page.click('#start');
  await page.waitForSelector('#progress:not([hidden])');
}

describe('upload → preview → train → results → runs', () => {
  let datasetId = 0;
  let modelId = 0;

  it('uploads seattle-weather.csv through the file picker and previews it', async () => {
    const { page, problems } = await env.newPage();
    await page.goto(`${env.baseUrl}/`);
    await page.waitForSelector('#datasets-table');
    expect(await page.locator('#datasets-table tbody tr').count()).toBeGreaterThanOrEqual(5);
    await env.screenshot(page, 'datasets');

    await page.setInputFiles('#file-input', CSV);
    await page.waitForSelector('#columns-table');
    expect(await text(page, '#upload-status')).toMatch(/Uploaded seattle-weather\.csv: 1,461 rows/);
    datasetId = Number(new URL(page.url()).searchParams.get('dataset'));
    expect(await text(page, `#datasets-table tr[data-dataset-id="${datasetId}"] td:nth-child(2)`)).toBe(
      'uploaded',
    );
    expect(await page.locator('#columns-table tbody td:first-child').allTextContents()).toEqual([
      'date',
      'precipitation',
      'temp_max',
      'temp_min',
      'wind',
      'weather',
    ]);
    expect(await text(page, '.facts')).toContain('daily');

    await page.selectOption('#preview-column', 'temp_max');
    await expect.poll(async () => (await plotted(page, '#preview-chart'))[0]?.name).toBe('temp_max');
    expect((await plotted(page, '#preview-chart'))[0]!.y).toHaveLength(1461);
    await page.waitForSelector('#summary-table');
    expect(await page.locator('#summary-table tbody tr').count()).toBe(4);

    // Zooming asks the server for the visible range at full detail.
    const detail = page.waitForRequest(
      (r) => r.url().includes(`/api/datasets/${datasetId}/points`) && r.url().includes('from='),
    );
    await page.evaluate(zoomMiddle('#preview-chart'));
    await detail;
    await expect.poll(() => text(page, '#chart-info')).toMatch(/zoomed range/);
    await env.screenshot(page, 'preview');

    expect(await page.getAttribute('#train-link', 'href')).toBe(`/train.html?dataset=${datasetId}`);
    expect(problems()).toEqual([]);
  });

  it('trains temp_max with a live loss chart and opens the results', async () => {
    const { page, problems } = await env.newPage();
    await page.goto(`${env.baseUrl}/train.html?dataset=${datasetId}`);
    await trainOnTemperature(page, '5', '5');
    await page.waitForSelector('#model-link:not([hidden])', { timeout: 90_000 });

    const samples = (await page.evaluate('window.__lossPoints')) as number[];
    const final = (await plotted(page, '#loss-chart'))[0]!.x.length;
    expect(final).toBeGreaterThanOrEqual(1);
    expect(final).toBeLessThanOrEqual(5);
    expect(samples.at(-1)).toBe(final);
    expect(samples.filter((n) => n > 0).length).toBeGreaterThanOrEqual(Math.min(final, 2)); // it grew epoch by epoch
    for (let i = 1; i < samples.length; i++) expect(samples[i]!).toBeGreaterThan(samples[i - 1]!);
    // Auto mode fitted four RNN candidates in turn (three scalers, and the calendar it tries
    // on daily data), then refitted the kept one on all the data: each stage has its own
    // pair of curves.
    const curves = await plotted(page, '#loss-chart');
    const names = curves.map((t) => t.name);
    expect(names.slice(0, 8)).toEqual([
      'training loss · 1/4 rnn: z-score',
      'validation loss · 1/4 rnn: z-score',
      'training loss · 2/4 rnn: seasonal difference (m = 7) + z-score',
      'validation loss · 2/4 rnn: seasonal difference (m = 7) + z-score',
      'training loss · 3/4 rnn: exponential-smoothing normalised (m = 7) + z-score',
      'validation loss · 3/4 rnn: exponential-smoothing normalised (m = 7) + z-score',
      'training loss · 4/4 rnn: z-score + calendar',
      'validation loss · 4/4 rnn: z-score + calendar',
    ]);
    expect(names.slice(8).every((name) => / · refit /.test(name))).toBe(true);
    expect(curves[4]!.x.length).toBeGreaterThanOrEqual(1);
    expect(await page.isVisible('#candidates-note')).toBe(true);
    expect(await text(page, '#training-state')).toBe('succeeded');
    // One bar for the whole fit, full at the end, and the candidate kept named.
    expect(await page.getAttribute('#epoch-bar', 'value')).toBe('1');
    expect(await text(page, '#kept-line')).toMatch(/^kept: \S/);
    expect(Number(await text(page, '#epoch'))).toBeGreaterThanOrEqual(1);
    await env.screenshot(page, 'train');

    const href = (await page.getAttribute('#model-link', 'href'))!;
    modelId = Number(new URL(href, env.baseUrl).searchParams.get('id'));
    expect(modelId).toBeGreaterThan(0);
    expect(problems()).toEqual([]);
  });

  it('shows actuals, one-step predictions, the forecast with bands and the metrics', async () => {
    const { page, problems } = await env.newPage();
    await page.goto(`${env.baseUrl}/model.html?id=${modelId}`);
    await page.waitForSelector('#metrics-table');
    expect(await text(page, '#model-summary')).toMatch(/^kept by validation: .+ · target temp_max/);
    const board = await page.locator('#leaderboard tbody tr td:first-child').allTextContents();
    expect(board.filter((name) => name.endsWith('(kept)'))).toHaveLength(1);
    expect(board).toContain('ets');
    await expect.poll(async () => (await plotted(page, '#model-chart')).length).toBe(8);
    const traces = await plotted(page, '#model-chart');
    const byName = (start: string) => traces.find((t) => t.name.startsWith(start))!;
    expect(byName('actual').y.length).toBeGreaterThan(1000);
    expect(
      byName('one step ahead (each point sees the real history)').y.filter((v) => v !== null).length,
    ).toBeGreaterThan(100);
    expect(byName('forecast (built on its own predictions)').y).toHaveLength(7);
    expect(byName('95 % interval').y).toHaveLength(7);
    expect(byName('naive').visible).toBe(false);
    await page.check('#naive-toggle');
    await expect
      .poll(
        async () => (await plotted(page, '#model-chart')).find((t) => t.name.startsWith('naive'))!.visible,
      )
      .toBe(true);

    const rows = await page.locator('#metrics-table tbody tr td:first-child').allTextContents();
    expect(rows[0]).toMatch(/^this model \(.+\)$/);
    expect(rows.slice(1)).toEqual(['naive (tomorrow = today)', 'seasonal naive', 'drift', 'moving average']);
    expect(await page.locator('#metrics-table thead th').allTextContents()).toEqual([
      'forecaster',
      'MAE',
      'RMSE',
      'MAPE %',
      'sMAPE %',
      'MASE',
    ]);
    expect(await text(page, '#skill-line')).toMatch(/^(no skill|skill)/);
    expect(await page.locator('#coverage-table tbody tr').count()).toBe(2);
    expect(
      await page.locator('#model-chart .shapelayer path, #model-chart .layer-below .shapelayer path').count(),
    ).toBeGreaterThanOrEqual(3);

    for (const id of ['#download-forecast', '#download-model']) {
      const response = await page.request.get(
        new URL((await page.getAttribute(id, 'href'))!, env.baseUrl).href,
      );
      expect(response.status()).toBe(200);
    }
    await page.setInputFiles('#forecast-file', CSV);
    await page.click('#forecast-form button[type="submit"]');
    await page.waitForSelector('#forecast-table');
    expect(await page.locator('#forecast-table tbody tr').count()).toBe(7);
    await env.screenshot(page, 'model');

    const detail = page.waitForRequest(
      (r) => r.url().includes(`/api/models/${modelId}/chart`) && r.url().includes('from='),
    );
    // The chart opens on the recent history; the test split is a wider zoom.
    await page.click('#zoom-test');
    await detail;
    await expect.poll(() => text(page, '#chart-info')).toMatch(/zoomed range/);
    const zoomed = (await plotted(page, '#model-chart')).find((t) => t.name === 'actual')!;
    expect(zoomed.x.length).toBeGreaterThan(1000); // detail spliced into the overview, not instead of it
    await page.click('#zoom-all');
    await expect.poll(() => text(page, '#chart-info')).toMatch(/actual points shown/);
    expect(problems()).toEqual([]);
  });

  it('cancels a long training and keeps a model with its best weights', async () => {
    const { page, problems } = await env.newPage();
    await page.goto(`${env.baseUrl}/train.html?dataset=${datasetId}`);
    await trainOnTemperature(page, '2000', '1000');
    await expect
      .poll(async () => Number(await text(page, '#epoch')), { timeout: 60_000 })
      .toBeGreaterThanOrEqual(1);
    await page.click('#cancel');
    await page.waitForSelector('#model-link:not([hidden])', { timeout: 60_000 });
    expect(await text(page, '#training-state')).toBe('cancelled');
    expect(await text(page, '#training-status')).toMatch(/Cancelled/);
    expect(problems()).toEqual([]);
  });

  it('lists the models and runs', async () => {
    const { page, problems } = await env.newPage();
    await page.goto(`${env.baseUrl}/runs.html`);
    await page.waitForSelector('#models-table');
    await page.waitForSelector('#runs-table');
    expect(
      await page.locator(`#models-table a[href="/model.html?id=${modelId}"]`).count(),
    ).toBeGreaterThanOrEqual(1);
    const statuses = await page.locator('#runs-table tbody td:nth-child(3)').allTextContents();
    expect(statuses).toContain('succeeded');
    expect(statuses).toContain('cancelled');
    await env.screenshot(page, 'runs');
    expect(problems()).toEqual([]);
  });
});
